// Turns whatever a command threw into stderr text and an exit status: user errors in one line,
// tmc bugs as an internal error with the stack trace only on request (TMC_DEBUG=1).
package dev.tmc.cli;

import dev.tmc.compiler.diag.InternalCompilerError;

import java.io.PrintWriter;

final class Failures {
    private final PrintWriter err;
    private final boolean debug;

    Failures(PrintWriter err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    int report(Throwable thrown) {
        if (thrown instanceof CliError e) {
            err.println("error: " + e.getMessage());
            return e.exitStatus();
        }
        if (thrown instanceof OutOfMemoryError) {
            // Big --dim values or .npy files, not a bug: say what to change.
            err.println("error: out of memory; the inputs are too large for this JVM (raise -Xmx or use smaller"
                    + " inputs)");
            return ExitStatus.INPUT;
        }
        err.println("tmc: internal error: " + describe(thrown) + " (please report this with the input file)");
        if (debug) {
            thrown.printStackTrace(err);
        }
        return ExitStatus.INTERNAL;
    }

    /** The message of a compiler bug; for a JDK exception its class too, as its message alone may be empty. */
    private static String describe(Throwable t) {
        if (t instanceof InternalCompilerError && t.getMessage() != null) {
            return t.getMessage();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
