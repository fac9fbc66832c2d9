// A bug in tmc itself, as opposed to a Diagnostic about the user's program.
package dev.tmc.compiler.diag;

public final class InternalCompilerError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InternalCompilerError(String message) {
        super(message);
    }

    public InternalCompilerError(String message, Throwable cause) {
        super(message, cause);
    }
}
