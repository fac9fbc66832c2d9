// Runs `tmc` in this process as a shell would (stdout, stderr, exit status) inside a scratch
// directory where tests write their .tm sources and .npy inputs.
package dev.tmc.tests;

import dev.tmc.cli.Tmc;
import dev.tmc.runtime.io.Npy;
import dev.tmc.runtime.io.NpyArray;
import dev.tmc.runtime.io.NpyType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

record Cli(Path dir) {

    /** What one command line did. */
    record Result(int status, String out, String err) {
        /** Fails with the whole result in view when the status differs. */
        Result expect(int expected) {
            assertEquals(expected, status, () -> "exit status; stdout:\n" + out + "\nstderr:\n" + err);
            // Whatever happened, a user never sees a Java stack trace.
            assertFalse(err.contains("\tat ") || err.contains("Exception"), () -> "stack trace in stderr:\n" + err);
            return this;
        }
    }

    /** `tmc ARGS` with an empty environment, so a developer's TMC_DEBUG does not change results. */
    static Result tmc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Tmc.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new Result(status, out.toString(), err.toString());
    }

    /** Writes a .tm file and returns its path as a command-line argument. */
    String source(String name, String text) {
        return write(dir.resolve(name), text).toString();
    }

    /** Writes an .npy file of the given type and returns its path. */
    String npy(String name, NpyType type, long[] shape, double... values) {
        Path file = dir.resolve(name);
        try {
            Npy.write(file, new NpyArray(type, shape, values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    String path(String name) {
        return dir.resolve(name).toString();
    }

    static NpyArray read(Path file) {
        try {
            return Npy.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long[] shape(long... dims) {
        return dims;
    }
}
