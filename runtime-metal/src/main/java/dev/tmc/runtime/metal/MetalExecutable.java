// A pipeline loaded on a Metal device: the library and one pipeline state per kernel, made at load;
// a call binds its arguments (shared CallBinder), takes outputs and one arena from the pool,
// encodes every launch into one command buffer with one compute encoder, commits and returns
// without waiting. Readers of the outputs wait; inputs and arena go back when the GPU is done.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.call.BoundCall;
import dev.tmc.runtime.call.CallBinder;
import dev.tmc.runtime.plan.PipelinePlan;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

final class MetalExecutable implements Executable {
    /** Frees the library and pipeline states of executables nobody can call any more. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final MetalDevice device;
    private final PipelinePlan plan;
    private final CallBinder binder;
    private final List<PipelinePlan.KernelPlan> kernelPlans;
    /** By position in kernelPlans; kernels of the same name share one state. */
    private final List<MetalBridge.Pipeline> pipelines = new ArrayList<>();

    MetalExecutable(MetalDevice device, PipelinePlan plan, MetalKernels kernels) {
        this.device = device;
        this.plan = plan;
        this.binder = new CallBinder(plan, MetalDevice.TARGET);
        this.kernelPlans = plan.kernels(MetalDevice.TARGET);
        MetalBridge bridge = device.bridge();
        MetalBridge.Library library = kernels.open(bridge, device.log());
        Map<String, MetalBridge.Pipeline> states = new LinkedHashMap<>();
        try {
            for (PipelinePlan.KernelPlan k : kernelPlans) {
                MetalBridge.Pipeline state = states.get(k.name());
                if (state == null) {
                    state = state(bridge, library, k, kernels.origin());
                    states.put(k.name(), state);
                }
                pipelines.add(state);
            }
        } catch (RuntimeException e) {
            new Release(library, List.copyOf(states.values())).run();
            throw e;
        }
        CLEANER.register(this, new Release(library, List.copyOf(states.values())));
    }

    private MetalBridge.Pipeline state(MetalBridge bridge, MetalBridge.Library library, PipelinePlan.KernelPlan k,
                                       String origin) {
        MetalBridge.Pipeline state;
        try {
            state = bridge.pipeline(library, k.name());
        } catch (MetalException e) {
            throw new MetalException("pipeline " + plan.name() + " needs Metal kernel " + k.name() + " of " + origin
                    + ": " + e.getMessage(), e);
        }
        int threads = k.threadsPerThreadgroup();
        if (threads < 1 || threads > state.maxThreadsPerThreadgroup()) {
            state.release();
            throw new IllegalArgumentException("kernel " + k.name() + " of pipeline " + plan.name() + " launches "
                    + threads + " threads per threadgroup, but this device runs at most "
                    + state.maxThreadsPerThreadgroup() + " for it");
        }
        return state;
    }

    /** The native objects of one load; runs once, explicitly on a failed load or by the cleaner. */
    private record Release(MetalBridge.Library library, List<MetalBridge.Pipeline> states) implements Runnable {
        @Override
        public void run() {
            states.forEach(MetalBridge.Pipeline::release);
            library.release();
        }
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
        return submit(args).outputs();
    }

    @Override
    public CompletableFuture<List<Tensor>> callAsync(Object... args) {
        Submitted s = submit(args);
        return s.submission().done().handleAsync((ok, failed) -> {
            if (failed != null) {
                s.outputs().forEach(Tensor::close);
                Throwable cause = failed instanceof CompletionException ? failed.getCause() : failed;
                throw new CompletionException(cause);
            }
            return s.outputs();
        });
    }

    private record Submitted(List<Tensor> outputs, Submission submission) {
    }

    /** Everything that can fail on the host happens before the command buffer is begun. */
    private Submitted submit(Object[] args) {
        BoundCall call = binder.bind(device, args);
        List<Dispatch> dispatches = DispatchList.of(call, kernelPlans);
        MetalStorage[] inputs = holdInputs(call);
        int outputCount = plan.outputs().size();
        Tensor[] outputs = new Tensor[outputCount];
        MetalStorage[] outputStorages = new MetalStorage[outputCount];
        MetalBridge.Buffer arena = null;
        long arenaBytes = call.arenaBytes();
        boolean submitted = false;
        try {
            for (int i = 0; i < outputCount; i++) {
                outputs[i] = device.newOutput(plan.outputs().get(i).dtype(), call.outputShape(i));
                outputStorages[i] = MetalDevice.hold(outputs[i]);
                MetalDevice.release(outputs[i]); // ours until returned: the storage stays valid
            }
            arena = device.buffers().take(arenaBytes);
            MetalBridge.Commands commands = device.bridge().begin();
            Submission submission = new Submission(commands, "pipeline " + plan.name(), upstream(inputs));
            for (MetalStorage out : outputStorages) {
                out.writtenBy(submission);
            }
            MetalBridge.Buffer arenaBuffer = arena;
            submission.done().whenComplete((ok, failed) -> {
                device.buffers().give(arenaBuffer, arenaBytes);
                releaseInputs(call);
            });
            submitted = true;
            try {
                encode(commands, dispatches, inputs, outputStorages, arena);
            } finally {
                submission.commit(); // even after a failed encode: what is in flight must finish before reuse
            }
            return new Submitted(List.of(outputs), submission);
        } finally {
            if (!submitted) {
                if (arena != null) {
                    device.buffers().give(arena, arenaBytes);
                }
                for (Tensor t : outputs) {
                    if (t != null) {
                        t.close();
                    }
                }
                releaseInputs(call);
            }
        }
    }

    private void encode(MetalBridge.Commands commands, List<Dispatch> dispatches, MetalStorage[] inputs,
                        MetalStorage[] outputs, MetalBridge.Buffer arena) {
        for (Dispatch d : dispatches) {
            commands.setPipeline(pipelines.get(d.kernel()));
            for (Dispatch.BufferArgument b : d.buffers()) {
                MetalBridge.Buffer buffer;
                if (b.source() instanceof PipelinePlan.FromParam p) {
                    buffer = inputs[p.index()].buffer();
                } else if (b.source() instanceof PipelinePlan.FromOutput o) {
                    buffer = outputs[o.index()].buffer();
                } else {
                    buffer = arena;
                }
                commands.setBuffer(buffer, b.offset(), b.index());
            }
            for (Dispatch.BytesArgument s : d.bytes()) {
                commands.setBytes(s.bytes(), s.index());
            }
            commands.dispatch(d.threadgroups(), d.threadsPerThreadgroup());
        }
    }

    /** Calls still writing this call's inputs: the queue orders the GPU work, but a failure must carry over. */
    private static List<Submission> upstream(MetalStorage[] inputs) {
        List<Submission> out = new ArrayList<>();
        for (MetalStorage s : inputs) {
            Submission w = s == null ? null : s.writer();
            if (w != null && !w.isDone() && !out.contains(w)) {
                out.add(w);
            } else if (w != null && w.done().isCompletedExceptionally()) {
                out.add(w);
            }
        }
        return out;
    }

    private static MetalStorage[] holdInputs(BoundCall call) {
        return call.holdInputs(MetalDevice::hold, MetalDevice::release).toArray(new MetalStorage[0]);
    }

    private static void releaseInputs(BoundCall call) {
        call.releaseInputs(MetalDevice::release);
    }
}
