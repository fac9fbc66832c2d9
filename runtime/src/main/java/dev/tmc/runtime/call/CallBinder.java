// Checks a call's arguments against its pipeline's plan and binds the dims, once per call and
// before any kernel runs; every backend calls this first, so all report mistakes alike.
package dev.tmc.runtime.call;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.plan.PipelinePlan;
import dev.tmc.runtime.plan.SizeExpr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

public final class CallBinder {
    private final PipelinePlan plan;

    /** Checks that the plan is consistent for {@code target} (IllegalArgumentException if not). */
    public CallBinder(PipelinePlan plan, String target) {
        PlanCheck.check(plan, target);
        this.plan = plan;
    }

    /**
     * @throws IllegalArgumentException naming the parameter and the mismatch
     * @throws IllegalStateException    when an input tensor is closed
     */
    public BoundCall bind(Device device, Object[] args) {
        List<PipelinePlan.Param> params = plan.params();
        if (args == null || args.length != params.size()) {
            throw new IllegalArgumentException("pipeline " + plan.name() + " takes " + params.size() + " arguments ("
                    + params.stream().map(PipelinePlan.Param::name).collect(Collectors.joining(", ")) + "), but was given "
                    + (args == null ? "none (null)" : Integer.toString(args.length)));
        }
        Tensor[] inputs = new Tensor[params.size()];
        double[] scalars = new double[params.size()];
        Map<String, Long> dims = new HashMap<>();
        Map<String, String> boundBy = new HashMap<>();
        List<Axis> computedAxes = new ArrayList<>(); // declared as an expression of dims, checked once all are bound
        for (int i = 0; i < params.size(); i++) {
            PipelinePlan.Param p = params.get(i);
            if (p.scalar()) {
                scalars[i] = scalar(p, args[i]);
                continue;
            }
            Tensor t = tensor(p, args[i], device);
            inputs[i] = t;
            long[] shape = t.shape();
            for (int axis = 0; axis < shape.length; axis++) {
                SizeExpr declared = p.shape().get(axis);
                Optional<String> dim = declared.asDim();
                if (dim.isEmpty()) {
                    computedAxes.add(new Axis(i, axis));
                    continue;
                }
                Long known = dims.putIfAbsent(dim.get(), shape[axis]);
                if (known == null) {
                    boundBy.put(dim.get(), "input '" + p.name() + "'");
                } else if (known != shape[axis]) {
                    throw new IllegalArgumentException("input '" + p.name() + "' has size " + shape[axis] + " for dim "
                            + dim.get() + " at axis " + axis + ", but " + boundBy.get(dim.get()) + " gave "
                            + dim.get() + " = " + known);
                }
            }
        }
        for (Axis a : computedAxes) {
            PipelinePlan.Param p = params.get(a.param());
            int axis = a.axis();
            SizeExpr declared = p.shape().get(axis);
            long want = declared.evaluate(dims);
            long have = inputs[a.param()].shape()[axis];
            if (want != have) {
                String formula = declared.dims().isEmpty() ? "" : " (" + declared + " = " + want + ")";
                throw new IllegalArgumentException("input '" + p.name() + "' has size " + have + " at axis " + axis
                        + ", but is declared " + declared(p) + formula);
            }
        }
        for (PipelinePlan.Requirement r : plan.requirements()) {
            if (r.nonNegative().evaluate(dims) < 0) {
                String values = r.nonNegative().dims().stream().map(d -> d + " = " + dims.get(d))
                        .collect(Collectors.joining(", "));
                throw new IllegalArgumentException("pipeline " + plan.name() + " requires " + r.message()
                        + (values.isEmpty() ? "" : ", but the inputs give " + values));
            }
        }
        Map<Integer, Double> hostValues = new HashMap<>();
        for (PipelinePlan.HostValue h : plan.hostValues()) {
            hostValues.put(h.value(), HostValues.evaluate(h.expr(), scalars, dims));
        }
        return new BoundCall(plan, inputs, scalars, dims, hostValues);
    }

    private record Axis(int param, int axis) {
    }

    private Tensor tensor(PipelinePlan.Param p, Object arg, Device device) {
        if (!(arg instanceof Tensor)) {
            throw new IllegalArgumentException("input '" + p.name() + "' must be a Tensor (" + declared(p)
                    + "), but was given " + describe(arg));
        }
        Tensor t = (Tensor) arg;
        if (t.isClosed()) {
            throw new IllegalStateException("input '" + p.name() + "' is closed");
        }
        if (t.device() != device) {
            throw new IllegalArgumentException("input '" + p.name() + "' is on " + t.device() + ", but the pipeline"
                    + " was loaded on " + device + "; copy it there with tensor.to(device)");
        }
        if (t.dtype() != p.dtype()) {
            throw new IllegalArgumentException("input '" + p.name() + "' is " + t.dtype() + " but the pipeline declares "
                    + p.dtype() + " (" + declared(p) + ")");
        }
        if (t.rank() != p.shape().size()) {
            throw new IllegalArgumentException("input '" + p.name() + "' has rank " + t.rank() + " but is declared "
                    + declared(p));
        }
        return t;
    }

    /** The value rounded to the parameter's dtype; null takes the default. */
    private static double scalar(PipelinePlan.Param p, Object arg) {
        DType dtype = p.dtype();
        if (arg == null) {
            if (p.defaultValue().isEmpty()) {
                throw new IllegalArgumentException("scalar '" + p.name() + "' (" + dtype + ") has no default, so it must be given");
            }
            return dtype.round(p.defaultValue().getAsDouble());
        }
        String wrongType = "scalar '" + p.name() + "' is " + dtype + ", but was given " + describe(arg);
        if (dtype == DType.BOOL) {
            if (!(arg instanceof Boolean)) {
                throw new IllegalArgumentException(wrongType + "; pass a Boolean");
            }
            return (Boolean) arg ? 1 : 0;
        }
        if (dtype == DType.I32) {
            if (!(arg instanceof Integer || arg instanceof Short || arg instanceof Byte || arg instanceof Long)) {
                throw new IllegalArgumentException(wrongType + "; pass an integer");
            }
            long v = ((Number) arg).longValue();
            if (v != (int) v) {
                throw new IllegalArgumentException("scalar '" + p.name() + "' is i32, but " + v + " does not fit in 32 bits");
            }
            return v;
        }
        if (!(arg instanceof Number)) {
            throw new IllegalArgumentException(wrongType + "; pass a number");
        }
        return dtype.round(((Number) arg).doubleValue());
    }

    /** E.g. {@code f32[N, D]}. */
    private static String declared(PipelinePlan.Param p) {
        return p.dtype() + p.shape().stream().map(SizeExpr::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(Object arg) {
        if (arg == null) {
            return "null";
        }
        if (arg instanceof Tensor) {
            return "a Tensor " + arg;
        }
        String type = arg.getClass().getSimpleName();
        return (type.matches("[AEIOU].*") ? "an " : "a ") + type + " (" + arg + ")";
    }
}
