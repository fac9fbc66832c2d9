// The error for an .npy file tmc cannot read: always names the file and says what is wrong, on one line.
package dev.tmc.runtime.io;

import java.io.IOException;

/**
 * A malformed or unsupported .npy file. The message is {@code "FILE: PROBLEM"}, fit to show a user
 * as is; it is an {@link IOException} because it is a fact about input, not a bug in the caller.
 */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    public NpyFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** The file name (or path) the bytes came from. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
