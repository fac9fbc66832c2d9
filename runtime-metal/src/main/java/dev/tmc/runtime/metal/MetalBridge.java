// What the Metal backend asks of Metal: the C API of the native bridge (tmc_metal_bridge.h) as a
// Java interface, so that everything above it (dispatch lists, pooling, waiting, errors) runs and
// is tested without a GPU against a fake, and only NativeMetalBridge touches native code.
package dev.tmc.runtime.metal;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Failures are MetalExceptions carrying Metal's own message. */
public interface MetalBridge {
    /** E.g. {@code Apple M2}. */
    String deviceName();

    /** A library from the bytes of a .metallib, as the build's Metal toolchain made it. */
    Library loadLibrary(byte[] metallib);

    /** A library compiled from MSL source now: the slow fallback when no .metallib was built. */
    Library compileLibrary(String source);

    /** The compute pipeline state of one kernel function; made once per load. */
    Pipeline pipeline(Library library, String function);

    /** A buffer of {@code bytes} bytes in shared storage: the host reads and writes it in place. */
    Buffer allocate(long bytes);

    /** A command buffer with one compute encoder open on it: what one pipeline call encodes into. */
    Commands begin();

    interface Library {
        void release();
    }

    interface Pipeline {
        String function();

        /** The most threads a threadgroup of this pipeline may have on this device. */
        int maxThreadsPerThreadgroup();

        void release();
    }

    interface Buffer {
        long length();

        /** {@code length} bytes of the buffer's memory from {@code offset}, as the host sees them. */
        ByteBuffer view(long offset, int length);

        void release();
    }

    /** One command buffer; encode, then commit once. Not thread-safe: one call encodes it. */
    interface Commands {
        void setPipeline(Pipeline pipeline);

        void setBuffer(Buffer buffer, long offset, int index);

        void setBytes(byte[] bytes, int index);

        /** {@code threadgroups} x 1 x 1 threadgroups of {@code threads} x 1 x 1 threads. */
        void dispatch(long threadgroups, int threads);

        /** Ends encoding and commits; {@code completion} runs once, on a Metal thread, when the GPU is done. */
        void commit(Completion completion);

        /** Blocks until the committed command buffer completes; MetalException if it failed. */
        void waitUntilCompleted();

        /** Frees the native handle; only after completion, and after the last wait has returned. */
        void release();
    }

    interface Completion {
        /** @param error Metal's message when the command buffer ended in error */
        void completed(Optional<String> error);
    }
}
