// One call's checked arguments: the input tensors, the scalar values, the dims bound from the
// shapes and the host values, from which a backend takes everything it launches.
package dev.tmc.runtime.call;

import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.plan.PipelinePlan;
import dev.tmc.runtime.plan.SizeExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * @param inputs     by parameter index: the tensor, or null for a scalar parameter
 * @param scalars    by parameter index: a scalar parameter's value rounded to its dtype (0 for tensors)
 * @param dims       every dim the inputs bind
 * @param hostValues by the graph value id each host value stands for
 */
public record BoundCall(PipelinePlan plan, Tensor[] inputs, double[] scalars, Map<String, Long> dims,
                        Map<Integer, Double> hostValues) {

    /** A size under this call's dims. */
    public long size(SizeExpr e) {
        return e.evaluate(dims);
    }

    /**
     * The threadgroups a kernel launches under this call's dims: every backend launches the same
     * grid. A grid that comes out negative (a floor division over empty dims) launches nothing,
     * as an empty one does.
     */
    public long threadgroups(PipelinePlan.KernelPlan kernel) {
        return Math.max(0, size(kernel.threadgroups()));
    }

    /** The bytes of this call's arena: one buffer holding every intermediate at its offset. */
    public long arenaBytes() {
        return size(plan.arena().bytes());
    }

    /** The byte offset of graph value {@code value}'s allocation in this call's arena. */
    public long arenaOffset(int value) {
        PipelinePlan.Allocation a = plan.allocation(value).orElseThrow(() -> new IllegalArgumentException(
                "pipeline " + plan.name() + " has no arena allocation for value " + value));
        return size(a.offset());
    }

    /** The dims of output {@code index}. */
    public long[] outputShape(int index) {
        List<SizeExpr> shape = plan.outputs().get(index).shape();
        long[] dimsOut = new long[shape.size()];
        for (int i = 0; i < dimsOut.length; i++) {
            dimsOut[i] = size(shape.get(i));
        }
        return dimsOut;
    }

    /** The scalar arguments of a kernel, in binding order, as CpuKernel and GPU encoders take them. */
    public double[] scalarArguments(PipelinePlan.KernelPlan kernel) {
        List<PipelinePlan.ScalarBinding> bindings = kernel.scalars();
        double[] out = new double[bindings.size()];
        for (int i = 0; i < out.length; i++) {
            PipelinePlan.ScalarSource s = bindings.get(i).source();
            if (s instanceof PipelinePlan.FromDim d) {
                out[i] = dims.get(d.dim());
            } else if (s instanceof PipelinePlan.FromScalarParam p) {
                out[i] = scalars[p.index()];
            } else {
                out[i] = hostValues.get(((PipelinePlan.FromHostValue) s).value());
            }
        }
        return out;
    }

    /**
     * Holds every tensor input with the backend's {@code hold} (scalar positions stay null), so the
     * caller may close its tensors while the call runs. If one was closed meanwhile, the ones held
     * are released and the call fails naming that input.
     */
    public <T> List<T> holdInputs(Function<Tensor, T> hold, Consumer<Tensor> release) {
        List<T> held = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                held.add(null);
                continue;
            }
            try {
                held.add(hold.apply(inputs[i]));
            } catch (IllegalStateException closedMeanwhile) {
                for (int j = 0; j < i; j++) {
                    if (inputs[j] != null) {
                        release.accept(inputs[j]);
                    }
                }
                throw new IllegalStateException("input '" + plan.params().get(i).name() + "' is closed",
                        closedMeanwhile);
            }
        }
        return held;
    }

    /** Releases what {@link #holdInputs} held. */
    public void releaseInputs(Consumer<Tensor> release) {
        for (Tensor t : inputs) {
            if (t != null) {
                release.accept(t);
            }
        }
    }
}
