// A pipeline loaded on the CUDA device: binds a call's arguments (the runtime's shared binder:
// shape checks, dims, host values), takes outputs and one arena block from the pool, and enqueues
// the plan's "cuda" kernels on the stream without waiting between them; a library step goes to
// cuBLASLt (a matmul) or cuDNN (an attention) where it is there, else its kernel runs. A call that
// repeats the previous one launch for launch is replayed as a CUDA graph (GraphReplay;
// -Dtmc.cuda.graphs=false: never). The host waits only when it reads an output.
package dev.tmc.runtime.cuda;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.call.BoundCall;
import dev.tmc.runtime.call.CallBinder;
import dev.tmc.runtime.plan.PipelinePlan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

final class CudaExecutable implements Executable {
    private final CudaDevice device;
    private final PipelinePlan plan;
    private final CallBinder binder;
    private final List<PipelinePlan.KernelPlan> kernelPlans;
    private final List<Long> functions = new ArrayList<>();
    private final GraphReplay graphs;

    CudaExecutable(CudaDevice device, PipelinePlan plan, CudaModule module) {
        this.device = device;
        this.plan = plan;
        this.binder = new CallBinder(plan, CudaDevice.TARGET);
        this.kernelPlans = plan.kernels(CudaDevice.TARGET);
        this.graphs = new GraphReplay(GraphReplay.DRIVER, Boolean.parseBoolean(System.getProperty("tmc.cuda.graphs", "true"))
                && CudaDriver.graphsAvailable());
        for (PipelinePlan.KernelPlan k : kernelPlans) {
            try {
                functions.add(module.function(k.name()));
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("pipeline " + plan.name() + " needs CUDA kernel " + k.name()
                        + ", which its module lacks: " + e.getMessage(), e);
            }
        }
    }

    /** Calls served by a recorded CUDA graph so far. */
    long graphReplays() {
        return graphs.replays();
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
        long[] inputs = holdInputs(call);
        try {
            return run(call, inputs);
        } finally {
            releaseInputs(call);
        }
    }

    /** Enqueues the work and returns at once: the launches are asynchronous already. */
    @Override
    public CompletableFuture<List<Tensor>> callAsync(Object... args) {
        return CompletableFuture.completedFuture(call(args));
    }

    private List<Tensor> run(BoundCall call, long[] inputs) {
        int outputCount = plan.outputs().size();
        Tensor[] outputs = new Tensor[outputCount];
        long[] outputPointers = new long[outputCount];
        long arena = 0;
        boolean finished = false;
        try {
            for (int i = 0; i < outputCount; i++) {
                outputs[i] = device.newOutput(plan.outputs().get(i).dtype(), call.outputShape(i));
                outputPointers[i] = CudaDevice.hold(outputs[i]);
                CudaDevice.release(outputs[i]); // ours until returned: the memory stays valid
            }
            arena = device.pool().take(call.size(plan.arena(CudaDevice.TARGET).bytes()));
            Launches launches = new Launches();
            for (int k = 0; k < functions.size(); k++) {
                launch(k, call, inputs, outputPointers, arena, launches);
            }
            graphs.enqueue(launches);
            finished = true;
            return List.of(outputs);
        } finally {
            if (arena != 0) {
                device.pool().give(arena); // stream order: the next user runs after these kernels
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

    private void launch(int k, BoundCall call, long[] inputs, long[] outputs, long arena, Launches launches) {
        PipelinePlan.KernelPlan kp = kernelPlans.get(k);
        long groups = call.size(kp.threadgroups());
        if (groups == 0) {
            return;
        }
        if (groups > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernel " + kp.name() + " of pipeline " + plan.name() + " would launch "
                    + groups + " blocks, more than CUDA's grid allows");
        }
        List<PipelinePlan.BufferBinding> bindings = kp.buffers();
        List<PipelinePlan.ScalarBinding> scalars = kp.scalars();
        long[] args = new long[bindings.size() + scalars.size()];
        for (int b = 0; b < bindings.size(); b++) {
            PipelinePlan.BufferSource source = bindings.get(b).source();
            if (source instanceof PipelinePlan.FromParam p) {
                args[b] = inputs[p.index()];
            } else if (source instanceof PipelinePlan.FromOutput o) {
                args[b] = outputs[o.index()];
            } else {
                int value = ((PipelinePlan.FromArena) source).value();
                args[b] = arena + call.size(plan.allocation(CudaDevice.TARGET, value).orElseThrow().offset());
            }
        }
        double[] values = call.scalarArguments(kp);
        for (int s = 0; s < scalars.size(); s++) {
            args[bindings.size() + s] = KernelArguments.bits(scalars.get(s).dtype(), values[s]);
        }
        long function = functions.get(k);
        int grid = (int) groups;
        int block = kp.threadsPerThreadgroup();
        Launches.Kernel kernel = new Launches.Kernel(function, grid, block, args);
        if (kp.library().orElse(null) instanceof PipelinePlan.MatmulStep m
                && libraryMatmul(m, call, args, values, launches, kernel)) {
            return;
        }
        if (kp.library().orElse(null) instanceof PipelinePlan.AttentionStep a
                && libraryAttention(a, call, args, values, launches, kernel)) {
            return;
        }
        launches.kernel(kernel);
    }

    /**
     * Adds a library step on cuBLASLt, its kernel where cuBLASLt has no algorithm for the shape;
     * false where the kernel must run instead: no cuBLASLt, or a size the library's int32
     * dims cannot hold or an empty one.
     */
    private boolean libraryMatmul(PipelinePlan.MatmulStep m, BoundCall call, long[] args, double[] scalars,
                                  Launches launches, Launches.Kernel kernel) {
        CudaDevice.Library library = device.matmulLibrary();
        if (library.missing().isPresent()) {
            return false;
        }
        long[] sizes = {call.size(m.batch()), call.size(m.m()), call.size(m.n()), call.size(m.k())};
        for (long s : sizes) {
            if (s <= 0 || s > Integer.MAX_VALUE) {
                return false;
            }
        }
        long[] pointers = {args[m.a()], args[m.b()], args[m.out()], m.bias() < 0 ? 0 : args[m.bias()],
            library.workspace(), CudaDevice.MATMUL_WORKSPACE};
        int flags = (m.transposeA() ? 1 : 0) | (m.transposeB() ? 2 : 0) | (m.dtype() == DType.F16 ? 4 : 0);
        float alpha = m.alpha() < 0 ? 1f : (float) scalars[m.alpha()];
        launches.library(() -> CudaDriver.matmul(pointers, sizes, flags, alpha), kernel, Launches.MATMUL, flags,
                Float.floatToRawIntBits(alpha), pointers, sizes);
        return true;
    }

    /**
     * Adds a library attention on cuDNN, its fused kernel where cuDNN has no plan for the shape
     * (said once on stderr); false where the kernel must run instead: no cuDNN, an empty size (the
     * kernel writes zeros for no columns), or a shape whose plan is still being built.
     */
    private boolean libraryAttention(PipelinePlan.AttentionStep a, BoundCall call, long[] args, double[] scalars,
                                     Launches launches, Launches.Kernel kernel) {
        CudaDevice.Library library = device.attentionLibrary();
        if (library.missing().isPresent()) {
            return false;
        }
        long[] sizes = {call.size(a.heads()), call.size(a.rows()), call.size(a.cols()), call.size(a.headDim())};
        for (long s : sizes) {
            if (s <= 0 || s > Integer.MAX_VALUE) {
                return false;
            }
        }
        long[] pointers = {args[a.q()], args[a.k()], args[a.v()], args[a.out()], library.workspace(),
            CudaDevice.ATTENTION_WORKSPACE};
        boolean f16 = a.dtype() == DType.F16;
        if (!device.attentionPlanReady(sizes, f16)) {
            return false; // the fused kernel, while cuDNN's plan for the shape is built in the background
        }
        float scale = a.scale() < 0 ? (float) a.scaleConstant() : (float) scalars[a.scale()];
        launches.library(() -> {
            if (CudaDriver.attention(pointers, sizes, scale, f16)) {
                return true;
            }
            device.attentionFallback(Arrays.toString(sizes) + " " + a.dtype().name().toLowerCase(),
                    CudaDriver.attentionPlan());
            return false;
        }, kernel, Launches.ATTENTION, f16 ? 1 : 0, Float.floatToRawIntBits(scale), pointers, sizes);
        return true;
    }

    /** Device pointers of the inputs; 0 at scalar positions. */
    private static long[] holdInputs(BoundCall call) {
        return call.holdInputs(CudaDevice::hold, CudaDevice::release).stream()
                .mapToLong(p -> p == null ? 0 : p).toArray();
    }

    private static void releaseInputs(BoundCall call) {
        call.releaseInputs(CudaDevice::release);
    }
}
