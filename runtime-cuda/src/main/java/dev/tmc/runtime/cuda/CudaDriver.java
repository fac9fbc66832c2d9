// The Java face of the C bridge (src/main/c/tmc_cuda.h), bound by JavaCPP (CudaNative): one context
// and one stream on GPU 0. JavaCPP's Loader extracts the bridge from the jar; the bridge itself
// opens libcuda.so.1. Every method throws IllegalStateException with the driver's message on failure.
package dev.tmc.runtime.cuda;

import org.bytedeco.javacpp.Loader;

import java.nio.charset.StandardCharsets;

final class CudaDriver {
    private CudaDriver() {
    }

    /** Loads the bridge and opens GPU 0; throws (UnsatisfiedLinkError, IllegalStateException) where it cannot. */
    static synchronized void start() {
        try {
            Loader.load(CudaNative.class);
        } catch (UnsatisfiedLinkError e) {
            throw new UnsatisfiedLinkError("the tmc-runtime-cuda jar has no native bridge for "
                    + Loader.getPlatform() + " (it is built with the jar where a C compiler exists): "
                    + e.getMessage());
        }
        open(0);
    }

    static void open(int ordinal) {
        check(CudaNative.tmc_cuda_open(ordinal));
    }

    static String deviceName() {
        byte[] name = new byte[256];
        check(CudaNative.tmc_cuda_device_name(name, name.length));
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8);
    }

    static long moduleLoad(byte[] image) {
        // JavaCPP hands over the array's elements (HotSpot copies them to malloc'd, 16-byte aligned
        // memory), which the driver reads only while loading.
        long[] module = new long[1];
        check(CudaNative.tmc_cuda_module_load(image, module));
        return module[0];
    }

    static long moduleFunction(long module, String name) {
        long[] function = new long[1];
        check(CudaNative.tmc_cuda_module_function(module, name, function));
        return function[0];
    }

    static long alloc(long bytes) {
        long[] pointer = new long[1];
        check(CudaNative.tmc_cuda_alloc(bytes, pointer));
        return pointer[0];
    }

    static void free(long pointer) {
        check(CudaNative.tmc_cuda_free(pointer));
    }

    /** {@code array} is a float[], short[], int[] or byte[] holding at least {@code bytes} bytes. */
    static void upload(long device, Object array, long bytes) {
        int status;
        if (array instanceof float[] a) {
            status = CudaNative.tmc_cuda_upload(device, a, bytes);
        } else if (array instanceof short[] a) {
            status = CudaNative.tmc_cuda_upload(device, a, bytes);
        } else if (array instanceof int[] a) {
            status = CudaNative.tmc_cuda_upload(device, a, bytes);
        } else if (array instanceof byte[] a) {
            status = CudaNative.tmc_cuda_upload(device, a, bytes);
        } else {
            throw unsupported(array);
        }
        check(status);
    }

    static void download(long device, Object array, long bytes) {
        int status;
        if (array instanceof float[] a) {
            status = CudaNative.tmc_cuda_download(a, device, bytes);
        } else if (array instanceof short[] a) {
            status = CudaNative.tmc_cuda_download(a, device, bytes);
        } else if (array instanceof int[] a) {
            status = CudaNative.tmc_cuda_download(a, device, bytes);
        } else if (array instanceof byte[] a) {
            status = CudaNative.tmc_cuda_download(a, device, bytes);
        } else {
            throw unsupported(array);
        }
        check(status);
    }

    static void zero(long device, long bytes) {
        check(CudaNative.tmc_cuda_zero(device, bytes));
    }

    static void fill(long device, long bytes, byte value) {
        check(CudaNative.tmc_cuda_fill(device, bytes, value));
    }

    static void copy(long to, long from, long bytes) {
        check(CudaNative.tmc_cuda_copy(to, from, bytes));
    }

    /** {@code args[i]}: argument i's bits in the low bytes (device pointer, int, float, half, bool). */
    static void launch(long function, int grid, int block, long[] args) {
        check(CudaNative.tmc_cuda_launch(function, grid, block, args.length, args));
    }

    static void synchronize() {
        check(CudaNative.tmc_cuda_synchronize());
    }

    static boolean graphsAvailable() {
        return CudaNative.tmc_cuda_graphs_available() == 1;
    }

    /** From here until {@link #captureEnd} this thread's launches and matmuls are recorded, not run. */
    static void captureBegin() {
        check(CudaNative.tmc_cuda_capture_begin());
    }

    /** The graph recorded since {@link #captureBegin}, instantiated; the capture ends even where this throws. */
    static long captureEnd() {
        long[] exec = new long[1];
        check(CudaNative.tmc_cuda_capture_end(exec));
        return exec[0];
    }

    static void graphLaunch(long exec) {
        check(CudaNative.tmc_cuda_graph_launch(exec));
    }

    static void graphDestroy(long exec) {
        check(CudaNative.tmc_cuda_graph_destroy(exec));
    }

    static long eventCreate() {
        long[] event = new long[1];
        check(CudaNative.tmc_cuda_event_create(event));
        return event[0];
    }

    static void eventRecord(long event) {
        check(CudaNative.tmc_cuda_event_record(event));
    }

    static float eventElapsedMillis(long start, long end) {
        float[] ms = new float[1];
        check(CudaNative.tmc_cuda_event_elapsed(start, end, ms));
        return ms[0];
    }

    private static void check(int status) {
        if (status != 0) {
            throw new IllegalStateException(CudaNative.tmc_cuda_error());
        }
    }

    /** Whether cuBLASLt opened ($TMC_CUBLASLT, libcublasLt.so.13, .12, .so); if not, {@link #lastError} says why. */
    static boolean matmulAvailable() {
        return CudaNative.tmc_cuda_matmul_available() == 1;
    }

    static String lastError() {
        return CudaNative.tmc_cuda_error();
    }

    /**
     * Enqueues D = alpha * A @ B (+ bias) through cuBLASLt (tmc_cuda.h's tmc_cuda_matmul); false
     * when cuBLASLt has no algorithm for the shape and nothing was enqueued.
     *
     * @param pointers a, b, d, bias (0: none), workspace, workspace bytes
     * @param sizes    batch, m, n, k
     * @param flags    bit 0: A transposed, bit 1: B transposed, bit 2: f16 (else bf16)
     */
    static boolean matmul(long[] pointers, long[] sizes, int flags, float alpha) {
        int status = CudaNative.tmc_cuda_matmul(pointers[0], pointers[1], pointers[2], pointers[3], flags & 1,
                (flags >> 1) & 1, sizes[0], sizes[1], sizes[2], sizes[3], alpha, (flags >> 2) & 1, pointers[4],
                pointers[5]);
        if (status == 1) {
            return false;
        }
        check(status);
        return true;
    }

    /** Whether cuDNN opened ($TMC_CUDNN, libcudnn.so.9); if not, {@link #lastError} says why. */
    static boolean attentionAvailable() {
        return CudaNative.tmc_cuda_attention_available() == 1;
    }

    /**
     * Enqueues out = softmax(scale * q @ k^T) @ v through cuDNN (tmc_cuda.h's tmc_cuda_attention);
     * false when cuDNN has no plan for the shape and nothing was enqueued.
     *
     * @param pointers q, k, v, out, workspace, workspace bytes
     * @param sizes    heads, rows, cols, head size
     */
    static boolean attention(long[] pointers, long[] sizes, float scale, boolean f16) {
        int status = CudaNative.tmc_cuda_attention(pointers[0], pointers[1], pointers[2], pointers[3], sizes[0],
                sizes[1], sizes[2], sizes[3], scale, f16 ? 1 : 0, pointers[4], pointers[5]);
        if (status == 1) {
            return false;
        }
        check(status);
        return true;
    }

    /** Builds cuDNN's plan for the shape (heads, rows, cols, head size) without running it; false where it has none. */
    static boolean attentionPrepare(long[] sizes, boolean f16) {
        int status = CudaNative.tmc_cuda_attention_prepare(sizes[0], sizes[1], sizes[2], sizes[3], f16 ? 1 : 0);
        if (status == 1) {
            return false;
        }
        check(status);
        return true;
    }

    /** Why the last attention call had no cuDNN plan (or, after one that ran, its graph and engine). */
    static String attentionPlan() {
        return CudaNative.tmc_cuda_attention_plan_info();
    }

    private static IllegalArgumentException unsupported(Object array) {
        return new IllegalArgumentException("not a host array of a tmc dtype: "
                + (array == null ? "null" : array.getClass().getSimpleName()));
    }
}
