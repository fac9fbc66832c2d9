// Inputs that do not fit a pipeline's signature: a missing input, a wrong dtype, rank or dim.
package dev.tmc.compiler.interp;

public final class InputError extends Exception {
    private static final long serialVersionUID = 1L;

    public InputError(String message) {
        super(message);
    }
}
