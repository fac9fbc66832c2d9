// Where tensors live and pipelines run: the CPU always, GPUs where their backend finds one. Also
// the SPI that backends implement (allocate, load) and the tensor access they need.
package dev.tmc.runtime;

import dev.tmc.runtime.cpu.CpuDevice;
import dev.tmc.runtime.cpu.CpuKernelLibrary;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PipelinePlan;

import java.util.List;

public abstract class Device {
    protected Device() {}

    /** The JVM-wide CPU device: all cores, one buffer pool. */
    public static Device cpu() {
        return CpuDevice.shared();
    }

    /** The available device of highest priority (a GPU where there is one, else the CPU). */
    public static Device best() {
        return DeviceRegistry.available().get(0);
    }

    /** Every device whose backend is on the class path and can run here, best first. */
    public static List<Device> available() {
        return DeviceRegistry.available();
    }

    /** E.g. {@code cpu}, {@code metal}: the target name of the kernels it runs. */
    public abstract String name();

    /**
     * Prepares a pipeline to run here; a generated pipeline class calls this once per device.
     * The CPU device runs the plan's "cpu" kernels from {@code cpuKernels}; a GPU device runs the
     * kernels of its target, loading their code from resources next to {@code resourceAnchor}.
     *
     * @throws IllegalArgumentException when the plan has no kernels for this device or is inconsistent
     */
    public abstract Executable load(FilePlan file, PipelinePlan pipeline, CpuKernelLibrary cpuKernels,
                                    Class<?> resourceAnchor);

    @Override
    public String toString() {
        return name();
    }

    // ---- SPI for backends -----------------------------------------------------------------------

    /** Memory for {@code size} elements of {@code dtype}; its contents are unspecified. */
    protected abstract TensorStorage allocate(DType dtype, int size);

    /** A new tensor on this device, contents unspecified (a call's output, a copy's target). */
    protected final Tensor newTensor(DType dtype, long[] shape) {
        return new Tensor(this, dtype, shape, allocate(dtype, Tensor.elementCount(shape)));
    }

    /**
     * The storage of {@code tensor}, held until {@link #letGo}: closing the tensor meanwhile
     * defers the release of its memory.
     *
     * @throws IllegalStateException when the tensor is closed
     */
    protected static TensorStorage acquire(Tensor tensor) {
        return tensor.acquire();
    }

    protected static void letGo(Tensor tensor) {
        tensor.letGo();
    }
}
