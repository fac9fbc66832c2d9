// How a failure reaches the user: one line and a status; a stack trace only for a tmc bug under TMC_DEBUG=1.
package dev.tmc.cli;

import dev.tmc.compiler.diag.InternalCompilerError;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {
    private final StringWriter text = new StringWriter();

    private int report(Throwable t, boolean debug) {
        PrintWriter err = new PrintWriter(text);
        int status = new Failures(err, debug).report(t);
        err.flush();
        return status;
    }

    @Test
    void userErrorsAreOneLine() {
        assertEquals(ExitStatus.USAGE, report(CliError.usage("no pipeline named 'X'"), true));
        assertEquals(ExitStatus.INPUT, report(CliError.input("bad.npy: truncated data"), true));
        assertEquals("error: no pipeline named 'X'\nerror: bad.npy: truncated data\n", text.toString());
    }

    @Test
    void compilerBugsAreInternalErrorsWithoutATrace() {
        assertEquals(ExitStatus.INTERNAL, report(new InternalCompilerError("fusion lost %3"), false));
        assertEquals("tmc: internal error: fusion lost %3 (please report this with the input file)\n", text.toString());
    }

    @Test
    void otherExceptionsNameTheirClass() {
        assertEquals(ExitStatus.INTERNAL, report(new IllegalStateException(), false));
        assertEquals("tmc: internal error: IllegalStateException (please report this with the input file)\n",
                text.toString());
    }

    @Test
    void debugAddsTheStackTrace() {
        assertEquals(ExitStatus.INTERNAL, report(new NullPointerException("x is null"), true));
        String err = text.toString();
        assertTrue(err.startsWith("tmc: internal error: NullPointerException: x is null (please report"), err);
        assertTrue(err.contains("\tat dev.tmc.cli.FailuresTest"), err);
    }

    @Test
    void outOfMemoryIsAboutTheInputs() {
        assertEquals(ExitStatus.INPUT, report(new OutOfMemoryError(), false));
        assertTrue(text.toString().startsWith("error: out of memory"));
    }
}
