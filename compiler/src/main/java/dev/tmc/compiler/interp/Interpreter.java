// The reference interpreter: the meaning of graph IR, op by op, in f64. A value is rounded to
// its dtype only where it is stored: parameters, outputs and explicit casts. Clear, not fast.
package dev.tmc.compiler.interp;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.OpSemantics;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

public final class Interpreter {
    private final Map<String, Long> dims;
    private final Rounding rounding;

    private Interpreter(Map<String, Long> dims, Rounding rounding) {
        this.dims = dims;
        this.rounding = rounding;
    }

    /**
     * Runs a pipeline. Inputs are keyed by parameter name; scalar parameters are rank-0 arrays and
     * may be left out when they have a default. Outputs are keyed by output name.
     */
    public static Map<String, HostArray> run(Graph graph, Map<String, HostArray> inputs) throws InputError {
        return run(graph, inputs, Rounding.STORES_ONLY);
    }

    /** Runs a pipeline, rounding as {@code rounding} says (PER_OP shows what a dtype costs). */
    public static Map<String, HostArray> run(Graph graph, Map<String, HostArray> inputs, Rounding rounding)
            throws InputError {
        List<HostArray> args = new ArrayList<>();
        for (GraphParam p : graph.params()) {
            HostArray in = inputs.get(p.name());
            if (in == null && p.defaultValue().isPresent()) {
                in = HostArray.scalar(p.type().dtype(), p.defaultValue().getAsDouble());
            }
            if (in == null) {
                throw new InputError("missing input '" + p.name() + "' of pipeline " + graph.name());
            }
            if (in.dtype() != p.type().dtype()) {
                throw new InputError("input '" + p.name() + "' is " + in.dtype().spelling() + " but is declared "
                        + p.type().dtype().spelling());
            }
            args.add(in);
        }
        for (String name : inputs.keySet()) {
            if (graph.params().stream().noneMatch(p -> p.name().equals(name))) {
                throw new InputError("pipeline " + graph.name() + " has no parameter '" + name + "'");
            }
        }
        Map<String, Long> dims = DimBinding.bind(graph, args.stream().map(HostArray::shape).toList());
        List<Values> values = new ArrayList<>();
        for (HostArray a : args) {
            values.add(Values.stored(a.dtype(), a.shape(), a.data()));
        }
        Interpreter interpreter = new Interpreter(dims, rounding);
        Values[] results = interpreter.evaluate(graph, values);
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (GraphOutput o : graph.outputs()) {
            Values v = results[o.value()];
            DType dtype = graph.type(o.value()).dtype();
            out.put(o.name(), new HostArray(dtype, v.shape(), Values.stored(dtype, v.shape(), v.data()).data()));
        }
        return out;
    }

    private Values[] evaluate(Graph graph, List<Values> params) {
        Values[] v = new Values[graph.body().size()];
        for (Instr i : graph.body()) {
            v[i.id()] = rounded(i.type().dtype(), instr(i, v, params));
        }
        return v;
    }

    /** PER_OP: every float result as its dtype holds it. */
    private Values rounded(DType dtype, Values x) {
        return rounding == Rounding.PER_OP && dtype.isFloat() ? Values.stored(dtype, x.shape(), x.data()) : x;
    }

    /** How a reduction or matmul accumulating in {@code dtype} rounds its running value. */
    private DoubleUnaryOperator accumulator(DType dtype) {
        return rounding == Rounding.PER_OP && dtype.isFloat() ? dtype::round : a -> a;
    }

    private Values instr(Instr i, Values[] v, List<Values> params) {
        Op op = i.op();
        DType dtype = i.type().dtype();
        long[] shape = i.type().shape().evaluate(dims);
        if (op instanceof Op.Parameter p) {
            return params.get(p.index());
        }
        if (op instanceof Op.Constant c) {
            return new Values(shape, new double[] {c.value()});
        }
        if (op instanceof Op.DimValue d) {
            return new Values(shape, new double[] {dtype.round(d.dim().evaluate(dims))});
        }
        if (op instanceof Op.Iota io) {
            return Kernels.iota(shape, io.axis());
        }
        if (op instanceof Op.Unary u) {
            Values x = v[i.arg(0)];
            boolean integer = dtype == DType.I32;
            return Kernels.map(x, shape, a -> integer ? OpSemantics.integer(u.fn(), (int) a) : OpSemantics.unary(u.fn(), a));
        }
        if (op instanceof Op.Binary b) {
            Values x = v[i.arg(0)];
            Values y = v[i.arg(1)];
            boolean integer = b.fn().kind() == BinaryFn.Kind.ARITHMETIC && dtype == DType.I32;
            return Kernels.zip(x, y, shape, (p, q) -> integer
                    ? OpSemantics.integer(b.fn(), (int) p, (int) q) : OpSemantics.binary(b.fn(), p, q));
        }
        if (op instanceof Op.Select) {
            return Kernels.select(v[i.arg(0)], v[i.arg(1)], v[i.arg(2)], shape);
        }
        if (op instanceof Op.Cast) {
            return Kernels.map(v[i.arg(0)], shape, dtype::round);
        }
        if (op instanceof Op.Reduce r) {
            return Kernels.reduce(r, v[i.arg(0)], dtype, shape, accumulator(dtype));
        }
        if (op instanceof Op.MatMul) {
            return Kernels.matmul(v[i.arg(0)], v[i.arg(1)], dtype, shape, accumulator(dtype));
        }
        if (op instanceof Op.Transpose t) {
            return Kernels.transpose(v[i.arg(0)], t.perm(), shape);
        }
        if (op instanceof Op.Reshape) {
            return new Values(shape, v[i.arg(0)].data());
        }
        if (op instanceof Op.BroadcastTo) {
            return Kernels.map(v[i.arg(0)], shape, a -> a);
        }
        if (op instanceof Op.Slice s) {
            long[] starts = new long[shape.length];
            for (int a = 0; a < starts.length; a++) {
                starts[a] = s.starts().get(a).evaluate(dims);
            }
            return Kernels.slice(v[i.arg(0)], starts, s.steps(), shape);
        }
        if (op instanceof Op.Concat c) {
            List<Values> parts = new ArrayList<>();
            i.args().forEach(a -> parts.add(v[a]));
            return Kernels.concat(parts, c.axis(), shape);
        }
        Op.Call call = (Op.Call) op;
        List<Values> args = new ArrayList<>();
        i.args().forEach(a -> args.add(v[a]));
        Values[] inner = evaluate(call.body(), args);
        return inner[call.body().outputs().get(0).value()];
    }
}
