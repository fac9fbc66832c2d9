// The exit statuses of tmc: the contract scripts and build tools test for.
package dev.tmc.cli;

public final class ExitStatus {
    private ExitStatus() {
    }

    public static final int OK = 0;
    /** The input is wrong: diagnostics, unreadable files, malformed .npy, inputs that do not fit. */
    public static final int INPUT = 1;
    /** The command line is wrong: options, names of pipelines, parameters and dims, value syntax. */
    public static final int USAGE = 2;
    /** A bug in tmc. */
    public static final int INTERNAL = 3;
}
