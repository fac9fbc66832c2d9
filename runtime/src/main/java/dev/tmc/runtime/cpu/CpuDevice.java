// The CPU backend's device: Java arrays from a buffer pool as memory, a fork-join pool of daemon
// threads running the Java kernels that the compiler printed for the "cpu" target.
package dev.tmc.runtime.cpu;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.TensorStorage;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PipelinePlan;

import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * {@link Device#cpu()} is the JVM-wide instance using every core; a separate instance (e.g. with
 * fewer threads, or for a test that counts allocations) has its own threads and pool, and its
 * tensors are distinct from the shared device's.
 */
public final class CpuDevice extends Device {
    /** The target name of the kernels the CPU runs. */
    public static final String TARGET = "cpu";

    private final ForkJoinPool workers;
    private final BufferPool buffers;
    private final boolean shared;

    /** The shared instance, made on first use: the machine's cores are one JVM-wide resource. */
    private static final class Shared {
        static final CpuDevice INSTANCE = new CpuDevice(Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 4, true);
    }

    /**
     * @param threads          worker threads running kernels
     * @param poolRetainBytes  how many bytes of freed buffers the pool keeps for reuse
     */
    public CpuDevice(int threads, long poolRetainBytes) {
        this(threads, poolRetainBytes, false);
    }

    private CpuDevice(int threads, long poolRetainBytes, boolean shared) {
        if (threads < 1) {
            throw new IllegalArgumentException("a CPU device needs at least one thread, not " + threads);
        }
        this.shared = shared;
        this.buffers = new BufferPool(poolRetainBytes);
        this.workers = new ForkJoinPool(threads, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("tmc-cpu-" + t.getPoolIndex());
            t.setDaemon(true); // never keeps the JVM alive
            return t;
        }, null, false);
    }

    public static CpuDevice shared() {
        return Shared.INSTANCE;
    }

    @Override
    public String name() {
        return TARGET;
    }

    /** The buffer pool behind this device's tensors and arenas (its counters are for tests). */
    public BufferPool pool() {
        return buffers;
    }

    public int threads() {
        return workers.getParallelism();
    }

    ForkJoinPool workers() {
        return workers;
    }

    @Override
    public Executable load(FilePlan file, PipelinePlan pipeline, CpuKernelLibrary cpuKernels, Class<?> resourceAnchor) {
        Objects.requireNonNull(pipeline, "pipeline");
        if (cpuKernels == null) {
            throw new IllegalArgumentException("pipeline " + pipeline.name() + " cannot run on the CPU without its "
                    + "CPU kernels (the CpuKernelLibrary generated with it)");
        }
        return new CpuExecutable(this, pipeline, cpuKernels);
    }

    @Override
    protected TensorStorage allocate(DType dtype, int size) {
        return new CpuStorage(buffers.take(ArrayKind.of(dtype), size), buffers);
    }

    /** A new output tensor of a call; its array comes from the pool with stale contents. */
    Tensor newOutput(DType dtype, long[] shape) {
        return newTensor(dtype, shape);
    }

    /** The array of a tensor of this device, held until {@link #release}. */
    static Object hold(Tensor tensor) {
        return ((CpuStorage) acquire(tensor)).array();
    }

    static void release(Tensor tensor) {
        letGo(tensor);
    }

    @Override
    public String toString() {
        return shared ? TARGET : TARGET + " (" + threads() + " threads, separate)";
    }
}
