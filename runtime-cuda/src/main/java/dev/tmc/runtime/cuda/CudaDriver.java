// The Java face of the C bridge (src/main/c/tmc_cuda.h) through JNI: one context and one stream
// on GPU 0. Loads libtmc_cuda.so from -Dtmc.cuda.library, else from the jar; the bridge itself
// opens libcuda.so.1. Every method throws IllegalStateException with the driver's message on failure.
package dev.tmc.runtime.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

final class CudaDriver {
    private static final String RESOURCE = "linux-x86_64/libtmc_cuda.so";

    private CudaDriver() {
    }

    /** Loads the bridge and opens GPU 0; throws (UnsatisfiedLinkError, IllegalStateException) where it cannot. */
    static synchronized void start() {
        String explicit = System.getProperty("tmc.cuda.library");
        if (explicit != null) {
            System.load(Path.of(explicit).toAbsolutePath().toString());
        } else {
            System.load(extracted().toString());
        }
        open(0);
    }

    private static Path extracted() {
        try (InputStream in = CudaDriver.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("the tmc-runtime-cuda jar has no native bridge (" + RESOURCE
                        + "; build it with runtime-cuda/src/main/c/build-native.sh before packaging)");
            }
            Path file = Files.createTempFile("libtmc_cuda", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + RESOURCE, e);
        }
    }

    static native void open(int ordinal);

    static native String deviceName();

    static native long moduleLoad(byte[] image);

    static native long moduleFunction(long module, String name);

    static native long alloc(long bytes);

    static native void free(long pointer);

    /** {@code array} is a primitive array holding at least {@code bytes} bytes. */
    static native void upload(long device, Object array, long bytes);

    static native void download(long device, Object array, long bytes);

    static native void zero(long device, long bytes);

    static native void fill(long device, long bytes, byte value);

    static native void copy(long to, long from, long bytes);

    /** {@code args[i]}: argument i's bits in the low bytes (device pointer, int, float, half, bool). */
    static native void launch(long function, int grid, int block, long[] args);

    static native void synchronize();

    static native long eventCreate();

    static native void eventRecord(long event);

    static native float eventElapsedMillis(long start, long end);

    /** Whether cuBLASLt opened ($TMC_CUBLASLT, libcublasLt.so.13, .12, .so); if not, {@link #lastError} says why. */
    static native boolean matmulAvailable();

    static native String lastError();

    /**
     * Enqueues D = alpha * A @ B (+ bias) through cuBLASLt (tmc_cuda.h's tmc_cuda_matmul); false
     * when cuBLASLt has no algorithm for the shape and nothing was enqueued.
     *
     * @param pointers a, b, d, bias (0: none), workspace, workspace bytes
     * @param sizes    batch, m, n, k
     * @param flags    bit 0: A transposed, bit 1: B transposed, bit 2: f16 (else bf16)
     */
    static native boolean matmul(long[] pointers, long[] sizes, int flags, float alpha);
}
