// An error that Metal reported (no device, a library that does not load, a kernel function that is
// missing, out of memory, a command buffer that failed), with Metal's own message.
package dev.tmc.runtime.metal;

public final class MetalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetalException(String message) {
        super(message);
    }

    public MetalException(String message, Throwable cause) {
        super(message, cause);
    }
}
