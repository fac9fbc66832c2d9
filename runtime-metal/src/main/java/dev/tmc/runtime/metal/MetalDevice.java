// The Metal backend's device: tensors in shared-storage Metal buffers from a pool, pipelines
// loaded once (library and pipeline states) and called with one command buffer per call.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.TensorStorage;
import dev.tmc.runtime.cpu.ArrayKind;
import dev.tmc.runtime.cpu.CpuKernelLibrary;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PipelinePlan;

import java.util.Objects;

/** Found by {@link MetalDeviceProvider} where the native bridge loads and Metal has a device. */
public final class MetalDevice extends Device {
    /** The target name of the kernels Metal runs. */
    public static final String TARGET = "metal";
    /** Bytes of freed buffers the system device's pool keeps for reuse. */
    static final long POOL_RETAIN_BYTES = 1L << 30;

    private final MetalBridge bridge;
    private final MetalBuffers buffers;
    private final System.Logger log;

    /** A device over {@code bridge}: the native one, or a fake in tests. */
    MetalDevice(MetalBridge bridge, long poolRetainBytes, System.Logger log) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.buffers = new MetalBuffers(bridge, poolRetainBytes);
        this.log = log;
    }

    /**
     * A device over another bridge than the native one (e.g. a recording bridge that checks what
     * the backend encodes); the system device comes from {@link Device#best()} or the provider.
     */
    public static MetalDevice over(MetalBridge bridge, long poolRetainBytes, System.Logger log) {
        return new MetalDevice(bridge, poolRetainBytes, log);
    }

    @Override
    public String name() {
        return TARGET;
    }

    /**
     * Loads the file's Metal code from the resources next to {@code resourceAnchor} (the .metallib,
     * or the .metal source where the build had no Metal toolchain); {@code cpuKernels} is unused.
     */
    @Override
    public Executable load(FilePlan file, PipelinePlan pipeline, CpuKernelLibrary cpuKernels, Class<?> resourceAnchor) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pipeline, "pipeline");
        return load(pipeline, MetalKernels.fromResources(file, resourceAnchor));
    }

    /** Loads a pipeline whose Metal code is given: its library and pipeline states are made here, once. */
    public Executable load(PipelinePlan pipeline, MetalKernels kernels) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(kernels, "kernels");
        return new MetalExecutable(this, pipeline, kernels);
    }

    @Override
    protected TensorStorage allocate(DType dtype, int size) {
        long bytes = (long) size * dtype.byteSize();
        return new MetalStorage(buffers, buffers.take(bytes), bytes, ArrayKind.of(dtype));
    }

    MetalBridge bridge() {
        return bridge;
    }

    MetalBuffers buffers() {
        return buffers;
    }

    System.Logger log() {
        return log;
    }

    /** A call's output tensor: pooled memory with stale contents, which the call's kernels write. */
    Tensor newOutput(DType dtype, long[] shape) {
        return newTensor(dtype, shape);
    }

    /** The storage of a tensor of this device, held until {@link #release}. */
    static MetalStorage hold(Tensor tensor) {
        return (MetalStorage) acquire(tensor);
    }

    static void release(Tensor tensor) {
        letGo(tensor);
    }

    @Override
    public String toString() {
        return TARGET + " (" + bridge.deviceName() + ")";
    }
}
