// The CUDA backend's device: GPU 0 through the C bridge, device memory from a pool, and pipelines
// whose "cuda" kernels come from a prebuilt fatbin (never compiled at run time).
package dev.tmc.runtime.cuda;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.TensorStorage;
import dev.tmc.runtime.cpu.CpuKernelLibrary;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PipelinePlan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

public final class CudaDevice extends Device {
    /** The target name of the kernels it runs. */
    public static final String TARGET = "cuda";

    /** cuBLASLt's workspace: what its heuristics ask for at most, held for the device's life. */
    static final long MATMUL_WORKSPACE = 32L << 20;

    /** cuDNN's workspace for attention plans (cuDNN 9.19's SDPA asks 256 B); a plan wanting more runs the kernel. */
    static final long ATTENTION_WORKSPACE = 1L << 20;

    private final CudaMemoryPool pool = new CudaMemoryPool();
    private volatile Library matmulLibrary;
    private final AtomicBoolean fallbackSaid = new AtomicBoolean();
    private volatile Library attentionLibrary;
    private final AtomicBoolean attentionFallbackSaid = new AtomicBoolean();
    private final Set<String> attentionShapesWithoutPlan = ConcurrentHashMap.newKeySet();
    private final AttentionPlans attentionPlans = new AttentionPlans();
    private final Map<String, CudaModule> modulesByResource = new ConcurrentHashMap<>();
    private final String gpu;

    private CudaDevice() {
        this.gpu = CudaDriver.deviceName();
    }

    private static final class Started {
        static final Optional<String> FAILURE = start();
        static final CudaDevice INSTANCE = FAILURE.isEmpty() ? opened(new CudaDevice()) : null;

        private static CudaDevice opened(CudaDevice device) {
            device.openMatmulLibraryInBackground();
            device.openAttentionLibraryInBackground();
            return device;
        }

        private static Optional<String> start() {
            try {
                CudaDriver.start();
                return Optional.empty();
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return Optional.of(String.valueOf(e.getMessage()));
            }
        }
    }

    /** Why there is no CUDA device here (no bridge, no libcuda.so.1, no GPU), or empty when there is one. */
    public static Optional<String> unavailableReason() {
        return Started.FAILURE;
    }

    /** The JVM-wide device on GPU 0. @throws IllegalStateException where there is none */
    public static CudaDevice shared() {
        if (Started.INSTANCE == null) {
            throw new IllegalStateException("no CUDA device: " + Started.FAILURE.orElse("?"));
        }
        return Started.INSTANCE;
    }

    @Override
    public String name() {
        return TARGET;
    }

    /** The GPU's name as the driver reports it, e.g. {@code NVIDIA H100 80GB HBM3}. */
    public String gpuName() {
        return gpu;
    }

    /**
     * Loads the pipeline's "cuda" kernels from {@code <stem>.fatbin} next to {@code resourceAnchor}
     * ({@code quickstart.fatbin} for {@code quickstart.tm}), once per file.
     */
    @Override
    public Executable load(FilePlan file, PipelinePlan pipeline, CpuKernelLibrary cpuKernels, Class<?> resourceAnchor) {
        Objects.requireNonNull(pipeline, "pipeline");
        String resource = file.source().replaceFirst("\\.tm$", "") + ".fatbin";
        CudaModule module = modulesByResource.computeIfAbsent(resourceAnchor.getName() + "/" + resource, key -> {
            try (InputStream in = resourceAnchor.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("pipeline " + pipeline.name() + " has no CUDA kernels: "
                            + resource + " is not next to " + resourceAnchor.getName() + " (nvcc was missing at build time?)");
                }
                return module(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return load(pipeline, module);
    }

    /** A module from a fatbin (or cubin, or PTX) image. */
    public CudaModule module(byte[] fatbin) {
        return new CudaModule(CudaDriver.moduleLoad(fatbin));
    }

    /** The pipeline with its "cuda" kernels looked up in {@code module}. */
    public Executable load(PipelinePlan pipeline, CudaModule module) {
        return new CudaExecutable(this, pipeline, module);
    }

    /** Sets every element of {@code tensor}, a tensor of this device, to zero, after the work submitted so far. */
    public void zero(Tensor tensor) {
        if (tensor.device() != this) {
            throw new IllegalArgumentException(tensor + " is not on " + this);
        }
        long pointer = hold(tensor);
        try {
            CudaDriver.zero(pointer, tensor.size() * tensor.dtype().byteSize());
        } finally {
            release(tensor);
        }
    }

    /** Waits for all work submitted so far. */
    public void synchronize() {
        CudaDriver.synchronize();
    }

    CudaMemoryPool pool() {
        return pool;
    }

    /**
     * cuBLASLt (or cuDNN) with its workspace, or why library steps run their generated kernels instead
     * (said once, on standard error): no libcuBLASLt, or -Dtmc.cuda.cublaslt=false.
     */
    record Library(long workspace, Optional<String> missing) {
    }

    Library matmulLibrary() {
        Library m = opened();
        if (m.missing().isPresent() && fallbackSaid.compareAndSet(false, true)) {
            System.err.println("tmc: CUDA matmuls run as generated kernels: " + m.missing().get());
        }
        return m;
    }

    private Library opened() {
        Library m = matmulLibrary;
        if (m == null) {
            synchronized (this) {
                m = matmulLibrary;
                if (m == null) {
                    m = openMatmulLibrary();
                    matmulLibrary = m;
                }
            }
        }
        return m;
    }

    /**
     * Opens cuBLASLt on a background thread: loading the library (hundreds of megabytes) takes a
     * few hundred milliseconds once per process, like creating the context, and should not land on
     * the first call of a pipeline; a call that needs it before then waits for it.
     */
    private void openMatmulLibraryInBackground() {
        if (!Boolean.parseBoolean(System.getProperty("tmc.cuda.cublaslt", "true"))) {
            return;
        }
        Thread t = new Thread(this::opened, "tmc-cublaslt-open");
        t.setDaemon(true);
        t.start();
    }

    private Library openMatmulLibrary() {
        if (!Boolean.parseBoolean(System.getProperty("tmc.cuda.cublaslt", "true"))) {
            return new Library(0, Optional.of("cuBLASLt disabled by -Dtmc.cuda.cublaslt=false"));
        }
        if (!CudaDriver.matmulAvailable()) {
            return new Library(0, Optional.of(CudaDriver.lastError()
                    + " (set TMC_CUBLASLT to the library's path)"));
        }
        return new Library(pool.take(MATMUL_WORKSPACE), Optional.empty());
    }

    /**
     * cuDNN with its workspace, or why library attention steps run their fused kernels instead (said
     * once, on standard error): no libcudnn, or -Dtmc.cuda.cudnn=false.
     */
    Library attentionLibrary() {
        Library a = attentionOpened();
        if (a.missing().isPresent() && attentionFallbackSaid.compareAndSet(false, true)) {
            System.err.println("tmc: CUDA attention runs as the generated fused kernel: " + a.missing().get());
        }
        return a;
    }

    private Library attentionOpened() {
        Library a = attentionLibrary;
        if (a == null) {
            synchronized (this) {
                a = attentionLibrary;
                if (a == null) {
                    a = openAttentionLibrary();
                    attentionLibrary = a;
                }
            }
        }
        return a;
    }

    /** Whether an attention of this shape may go to cuDNN now (its plan is built in the background first). */
    boolean attentionPlanReady(long[] sizes, boolean f16) {
        return attentionPlans.ready(sizes, f16);
    }

    /**
     * Waits until the library plans asked for so far are built: until then a cuDNN attention's first
     * calls of a shape run its fused kernel (see AttentionPlans). For benchmarks and checks that
     * must time or compare the library's path.
     */
    public void awaitLibraryPlans() {
        attentionPlans.await();
    }

    /** Says once per shape, on standard error, that cuDNN had no plan for it and the fused kernel runs. */
    void attentionFallback(String shape, String why) {
        if (attentionShapesWithoutPlan.add(shape)) {
            System.err.println("tmc: no cuDNN attention plan for [heads, rows, cols, head size] " + shape + " ("
                    + why + "): its fused kernel runs");
        }
    }

    /** Like cuBLASLt: loading cuDNN takes a few hundred milliseconds once per process. */
    private void openAttentionLibraryInBackground() {
        if (!Boolean.parseBoolean(System.getProperty("tmc.cuda.cudnn", "true"))) {
            return;
        }
        Thread t = new Thread(this::attentionOpened, "tmc-cudnn-open");
        t.setDaemon(true);
        t.start();
    }

    private Library openAttentionLibrary() {
        if (!Boolean.parseBoolean(System.getProperty("tmc.cuda.cudnn", "true"))) {
            return new Library(0, Optional.of("cuDNN disabled by -Dtmc.cuda.cudnn=false"));
        }
        if (!CudaDriver.attentionAvailable()) {
            return new Library(0, Optional.of(CudaDriver.lastError() + " (set TMC_CUDNN to libcudnn.so.9's path)"));
        }
        return new Library(pool.take(ATTENTION_WORKSPACE), Optional.empty());
    }

    /** Pipeline calls served by a recorded CUDA graph so far (GraphReplay), in this process. */
    public long graphReplays() {
        return GraphReplay.allReplays();
    }

    /** The pool's cuMemAlloc count so far. */
    public long allocations() {
        return pool.allocations();
    }

    @Override
    protected TensorStorage allocate(DType dtype, int size) {
        return new CudaStorage(pool.take((long) size * dtype.byteSize()), dtype.byteSize(), pool);
    }

    Tensor newOutput(DType dtype, long[] shape) {
        return newTensor(dtype, shape);
    }

    /** The device address of a tensor of this device, held until {@link #release}. */
    static long hold(Tensor tensor) {
        return ((CudaStorage) acquire(tensor)).pointer();
    }

    static void release(Tensor tensor) {
        letGo(tensor);
    }

    @Override
    public String toString() {
        return TARGET + " (" + gpu + ")";
    }
}
