// The rank-0 values a pipeline's host computes once per call (dims, scalar parameters and what
// follows from them) with the reference interpreter's meaning: f64, rounded only by casts.
package dev.tmc.tests.metal;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.OpSemantics;
import dev.tmc.runtime.DType;

import java.util.HashMap;
import java.util.Map;

final class HostValues {
    private final Graph graph;
    private final Map<String, Long> dims;
    private final Map<Integer, Double> scalarParams;
    private final Map<Integer, Double> memo = new HashMap<>();

    /** {@code scalarParams}: the value of each scalar parameter, by parameter index. */
    HostValues(Graph graph, Map<String, Long> dims, Map<Integer, Double> scalarParams) {
        this.graph = graph;
        this.dims = dims;
        this.scalarParams = scalarParams;
    }

    double value(int id) {
        Double known = memo.get(id);
        if (known != null) {
            return known;
        }
        double v = compute(graph.instr(id));
        memo.put(id, v);
        return v;
    }

    private double compute(Instr i) {
        Op op = i.op();
        DType dtype = i.type().dtype();
        if (op instanceof Op.Parameter p) {
            return scalarParams.get(p.index());
        }
        if (op instanceof Op.Constant c) {
            return c.value();
        }
        if (op instanceof Op.DimValue d) {
            return dtype.round(d.dim().evaluate(dims));
        }
        if (op instanceof Op.Unary u) {
            double x = value(i.arg(0));
            return dtype == DType.I32 ? OpSemantics.integer(u.fn(), (int) x) : OpSemantics.unary(u.fn(), x);
        }
        if (op instanceof Op.Binary b) {
            double x = value(i.arg(0));
            double y = value(i.arg(1));
            return b.fn().kind() == BinaryFn.Kind.ARITHMETIC && dtype == DType.I32
                    ? OpSemantics.integer(b.fn(), (int) x, (int) y) : OpSemantics.binary(b.fn(), x, y);
        }
        if (op instanceof Op.Select) {
            return value(i.arg(0)) != 0 ? value(i.arg(1)) : value(i.arg(2));
        }
        if (op instanceof Op.Cast) {
            return dtype.round(value(i.arg(0)));
        }
        if (op instanceof Op.Reshape || op instanceof Op.BroadcastTo) {
            return value(i.arg(0));
        }
        throw new IllegalArgumentException("host value %" + i.id() + " is a " + op.mnemonic()
                + ", which the host does not compute");
    }
}
