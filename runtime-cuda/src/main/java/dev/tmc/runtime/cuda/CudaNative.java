// The C bridge (src/main/c/tmc_cuda.h) as JavaCPP sees it: one static method per C function, the
// same names and status codes. JavaCPP's Builder generates and compiles the JNI glue at build time
// (process-classes) and links it with the bridge's static library; CudaDriver turns the status
// codes into exceptions. Arrays given to upload, download and launch are pinned, not copied
// (@CriticalRegion): transfers may be gigabytes, and launches are the hot path of small calls.
package dev.tmc.runtime.cuda;

import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.CriticalRegion;
import org.bytedeco.javacpp.annotation.NoException;
import org.bytedeco.javacpp.annotation.Platform;

// @NoException: a C API throws no C++ exceptions, so the glue needs no try/catch around each call.
@NoException
@Platform(value = "linux-x86_64", include = "tmc_cuda.h", link = {"pthread", "dl", "tmc_cuda_bridge"})
final class CudaNative {
    private CudaNative() {
    }

    static native int tmc_cuda_open(int ordinal);

    static native @Cast("const char*") String tmc_cuda_error();

    static native int tmc_cuda_device_name(@Cast("char*") byte[] name, int capacity);

    static native int tmc_cuda_module_load(@Const @Cast("const void*") byte[] image, @Cast("uint64_t*") long[] module);

    static native int tmc_cuda_module_function(@Cast("uint64_t") long module, @Cast("const char*") String name,
                                               @Cast("uint64_t*") long[] function);

    static native int tmc_cuda_alloc(@Cast("uint64_t") long bytes, @Cast("uint64_t*") long[] pointer);

    static native int tmc_cuda_free(@Cast("uint64_t") long pointer);

    @CriticalRegion
    static native int tmc_cuda_upload(@Cast("uint64_t") long device, @Const @Cast("const void*") byte[] host,
                                      @Cast("uint64_t") long bytes);

    @CriticalRegion
    static native int tmc_cuda_upload(@Cast("uint64_t") long device, @Const @Cast("const void*") short[] host,
                                      @Cast("uint64_t") long bytes);

    @CriticalRegion
    static native int tmc_cuda_upload(@Cast("uint64_t") long device, @Const @Cast("const void*") int[] host,
                                      @Cast("uint64_t") long bytes);

    @CriticalRegion
    static native int tmc_cuda_upload(@Cast("uint64_t") long device, @Const @Cast("const void*") float[] host,
                                      @Cast("uint64_t") long bytes);



    @CriticalRegion
    static native int tmc_cuda_download(@Cast("void*") byte[] host, @Cast("uint64_t") long device,
                                        @Cast("uint64_t") long bytes);

    @CriticalRegion
    static native int tmc_cuda_download(@Cast("void*") short[] host, @Cast("uint64_t") long device,
                                        @Cast("uint64_t") long bytes);

    @CriticalRegion
    static native int tmc_cuda_download(@Cast("void*") int[] host, @Cast("uint64_t") long device,
                                        @Cast("uint64_t") long bytes);

    @CriticalRegion
    static native int tmc_cuda_download(@Cast("void*") float[] host, @Cast("uint64_t") long device,
                                        @Cast("uint64_t") long bytes);



    static native int tmc_cuda_zero(@Cast("uint64_t") long device, @Cast("uint64_t") long bytes);

    static native int tmc_cuda_fill(@Cast("uint64_t") long device, @Cast("uint64_t") long bytes,
                                    @Cast("unsigned char") byte value);

    static native int tmc_cuda_copy(@Cast("uint64_t") long to, @Cast("uint64_t") long from,
                                    @Cast("uint64_t") long bytes);

    // Pinned too: a launch is the hot path of a small call, and copying the argument array in and
    // out (what JavaCPP does for arrays by default) costs more than the launch's own bookkeeping.
    @CriticalRegion
    static native int tmc_cuda_launch(@Cast("uint64_t") long function, @Cast("uint32_t") int grid,
                                      @Cast("uint32_t") int block, int count, @Cast("uint64_t*") long[] args);

    static native int tmc_cuda_synchronize();

    static native int tmc_cuda_graphs_available();

    static native int tmc_cuda_capture_begin();

    static native int tmc_cuda_capture_end(@Cast("uint64_t*") long[] exec);

    static native int tmc_cuda_graph_launch(@Cast("uint64_t") long exec);

    static native int tmc_cuda_graph_destroy(@Cast("uint64_t") long exec);

    static native int tmc_cuda_matmul_available();

    static native int tmc_cuda_matmul(@Cast("uint64_t") long a, @Cast("uint64_t") long b, @Cast("uint64_t") long d,
                                      @Cast("uint64_t") long bias, int transposeA, int transposeB,
                                      @Cast("int64_t") long batch, @Cast("int64_t") long m, @Cast("int64_t") long n,
                                      @Cast("int64_t") long k, float alpha, int dtype,
                                      @Cast("uint64_t") long workspace, @Cast("uint64_t") long workspaceBytes);

    static native int tmc_cuda_attention_available();

    static native int tmc_cuda_attention_prepare(@Cast("int64_t") long heads, @Cast("int64_t") long rows,
                                                 @Cast("int64_t") long cols, @Cast("int64_t") long e, int dtype);

    static native int tmc_cuda_attention(@Cast("uint64_t") long q, @Cast("uint64_t") long k, @Cast("uint64_t") long v,
                                         @Cast("uint64_t") long out, @Cast("int64_t") long heads,
                                         @Cast("int64_t") long rows, @Cast("int64_t") long cols,
                                         @Cast("int64_t") long e, float scale, int dtype,
                                         @Cast("uint64_t") long workspace, @Cast("uint64_t") long workspaceBytes);

    static native @Cast("const char*") String tmc_cuda_attention_plan_info();

    static native int tmc_cuda_event_create(@Cast("uint64_t*") long[] event);

    static native int tmc_cuda_event_record(@Cast("uint64_t") long event);

    static native int tmc_cuda_event_elapsed(@Cast("uint64_t") long start, @Cast("uint64_t") long end,
                                             float[] milliseconds);
}
