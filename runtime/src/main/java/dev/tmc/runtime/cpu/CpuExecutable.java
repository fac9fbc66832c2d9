// A pipeline loaded on a CPU device: binds a call's arguments, takes outputs and one arena from
// the pool, and runs the plan's "cpu" kernels in order, each over all its threadgroups.
package dev.tmc.runtime.cpu;

import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.call.BoundCall;
import dev.tmc.runtime.call.CallBinder;
import dev.tmc.runtime.plan.PipelinePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

final class CpuExecutable implements Executable {
    private final CpuDevice device;
    private final PipelinePlan plan;
    private final CallBinder binder;
    private final List<PipelinePlan.KernelPlan> kernelPlans;
    private final List<CpuKernel> kernels = new ArrayList<>();
    private final ArenaLayout arena;

    CpuExecutable(CpuDevice device, PipelinePlan plan, CpuKernelLibrary library) {
        this.device = device;
        this.plan = plan;
        this.binder = new CallBinder(plan, CpuDevice.TARGET);
        this.kernelPlans = plan.kernels(CpuDevice.TARGET);
        for (PipelinePlan.KernelPlan k : kernelPlans) {
            CpuKernel kernel;
            try {
                kernel = library.kernel(k.name());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipeline " + plan.name() + " needs CPU kernel " + k.name()
                        + ", which its kernel library lacks (" + e.getMessage() + ")", e);
            }
            if (kernel == null) {
                throw new IllegalArgumentException("pipeline " + plan.name() + " needs CPU kernel " + k.name()
                        + ", which its kernel library lacks");
            }
            kernels.add(kernel);
        }
        this.arena = new ArenaLayout(plan.arena());
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public PipelinePlan plan() {
        return plan;
    }

    @Override
    public List<Tensor> call(Object... args) {
        BoundCall call = binder.bind(device, args);
        Object[] inputs = holdInputs(call);
        try {
            return run(call, inputs);
        } finally {
            releaseInputs(call);
        }
    }

    @Override
    public CompletableFuture<List<Tensor>> callAsync(Object... args) {
        BoundCall call = binder.bind(device, args);
        Object[] inputs = holdInputs(call); // held here, so the caller may close them at once
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return run(call, inputs);
                } finally {
                    releaseInputs(call);
                }
            }, device.workers());
        } catch (RuntimeException e) {
            releaseInputs(call);
            throw e;
        }
    }

    private List<Tensor> run(BoundCall call, Object[] inputs) {
        int outputCount = plan.outputs().size();
        Tensor[] outputs = new Tensor[outputCount];
        Object[] outputArrays = new Object[outputCount];
        Object[] arenaArrays = null;
        boolean finished = false;
        try {
            for (int i = 0; i < outputCount; i++) {
                outputs[i] = device.newOutput(plan.outputs().get(i).dtype(), call.outputShape(i));
                outputArrays[i] = CpuDevice.hold(outputs[i]);
                CpuDevice.release(outputs[i]); // ours until returned: the array stays valid
            }
            arenaArrays = arena.take(device.pool(), call);
            for (int k = 0; k < kernels.size(); k++) {
                launch(k, call, inputs, outputArrays, arenaArrays);
            }
            finished = true;
            return List.of(outputs);
        } finally {
            if (arenaArrays != null) {
                arena.give(device.pool(), arenaArrays);
            }
            if (!finished) {
                for (Tensor t : outputs) {
                    if (t != null) {
                        t.close();
                    }
                }
            }
        }
    }

    private void launch(int k, BoundCall call, Object[] inputs, Object[] outputs, Object[] arenaArrays) {
        PipelinePlan.KernelPlan kp = kernelPlans.get(k);
        List<PipelinePlan.BufferBinding> bindings = kp.buffers();
        Object[] buffers = new Object[bindings.size()];
        for (int b = 0; b < buffers.length; b++) {
            PipelinePlan.BufferSource source = bindings.get(b).source();
            if (source instanceof PipelinePlan.FromParam p) {
                buffers[b] = inputs[p.index()];
            } else if (source instanceof PipelinePlan.FromOutput o) {
                buffers[b] = outputs[o.index()];
            } else {
                buffers[b] = arenaArrays[arena.group(((PipelinePlan.FromArena) source).value())];
            }
        }
        long groups = call.threadgroups(kp);
        if (groups > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernel " + kp.name() + " of pipeline " + plan.name() + " would launch "
                    + groups + " threadgroups, more than the CPU backend can index");
        }
        try {
            ThreadgroupRanges.launch(device.workers(), kernels.get(k), (int) groups, buffers, call.scalarArguments(kp));
        } catch (RuntimeException e) {
            throw new IllegalStateException("CPU kernel " + kp.name() + " of pipeline " + plan.name() + " failed: " + e, e);
        }
    }

    private static Object[] holdInputs(BoundCall call) {
        return call.holdInputs(CpuDevice::hold, CpuDevice::release).toArray();
    }

    private static void releaseInputs(BoundCall call) {
        call.releaseInputs(CpuDevice::release);
    }
}
