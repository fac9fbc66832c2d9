// A user's mistake found by a command: one line for stderr and the exit status it maps to.
package dev.tmc.cli;

import dev.tmc.compiler.source.SourceFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown from a command's body and printed as {@code error: MESSAGE}; never a stack trace, because
 * it is a fact about the user's input or command line, not about tmc.
 */
final class CliError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    private CliError(int exitStatus, String message) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }

    /** The command line is wrong (exit 2). */
    static CliError usage(String message) {
        return new CliError(ExitStatus.USAGE, message);
    }

    /** The input files or values are wrong (exit 1). */
    static CliError input(String message) {
        return new CliError(ExitStatus.INPUT, message);
    }

    /** {@code cannot read FILE: reason}, with the reason in words rather than an exception's class name. */
    static CliError cannotRead(String file, IOException e) {
        return input("cannot read " + file + ": " + reason(Path.of(file), e));
    }

    /** {@code cannot write FILE: reason}. */
    static CliError cannotWrite(Path file, IOException e) {
        return input("cannot write " + file + ": " + reason(file, e));
    }

    int exitStatus() {
        return exitStatus;
    }

    private static String reason(Path file, IOException e) {
        return SourceFiles.reason(file, e);
    }
}
