// Spells graph IR as text for `tmc explain` and golden tests; deterministic, one instruction a line.
package dev.tmc.compiler.ir.graph;

import dev.tmc.runtime.DType;

import java.util.StringJoiner;

public final class GraphPrinter {
    private GraphPrinter() {
    }

    public static String print(Module module) {
        StringBuilder out = new StringBuilder();
        for (Graph g : module.pipelines()) {
            print(g, "pipeline ", "", out);
        }
        return out.toString();
    }

    public static String print(Graph graph) {
        StringBuilder out = new StringBuilder();
        print(graph, "pipeline ", "", out);
        return out.toString();
    }

    private static void print(Graph g, String keyword, String indent, StringBuilder out) {
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (GraphParam p : g.params()) {
            String type = p.scalar() ? p.type().dtype().spelling() : p.type().toString();
            String dflt = p.defaultValue().isPresent()
                    ? " = " + number(p.defaultValue().getAsDouble(), p.type().dtype()) : "";
            params.add(p.name() + ": " + type + dflt);
        }
        StringJoiner outputs = new StringJoiner(", ", "(", ")");
        for (GraphOutput o : g.outputs()) {
            outputs.add(o.name() + ": " + g.type(o.value()));
        }
        out.append(indent).append(keyword).append(g.name()).append(params).append(" -> ").append(outputs)
                .append(" precision ").append(g.precision().spelling()).append(" {\n");
        for (Instr i : g.body()) {
            out.append(indent).append("  %").append(i.id()).append(" = ").append(i.op().mnemonic());
            if (!i.args().isEmpty()) {
                StringJoiner args = new StringJoiner(", ", " ", "");
                i.args().forEach(a -> args.add("%" + a));
                out.append(args);
            }
            String attrs = attributes(g, i);
            if (!attrs.isEmpty()) {
                out.append(' ').append(attrs);
            }
            out.append(" : ").append(i.type());
            if (i.storage() != i.type().dtype()) {
                out.append(" stored ").append(i.storage().spelling());
            }
            out.append('\n');
            if (i.op() instanceof Op.Call call) {
                print(call.body(), "fn ", indent + "    ", out);
            }
        }
        for (DimConstraint c : g.constraints()) {
            out.append(indent).append("  require ").append(c.nonNegative()).append(" >= 0  // ")
                    .append(c.message()).append('\n');
        }
        StringJoiner results = new StringJoiner(", ");
        g.outputs().forEach(o -> results.add(o.name() + " = %" + o.value()));
        out.append(indent).append("  return ").append(results).append('\n');
        out.append(indent).append("}\n");
    }

    private static String attributes(Graph g, Instr i) {
        Op op = i.op();
        if (op instanceof Op.Parameter p) {
            return g.params().get(p.index()).name();
        }
        if (op instanceof Op.Constant c) {
            return number(c.value(), i.type().dtype());
        }
        if (op instanceof Op.DimValue d) {
            return d.dim().toString();
        }
        if (op instanceof Op.Iota io) {
            return "axis=" + io.axis();
        }
        if (op instanceof Op.Reduce r) {
            return "axes=" + r.axes() + (r.keepDims() ? " keepdims" : "");
        }
        if (op instanceof Op.Transpose t) {
            return "perm=" + t.perm();
        }
        if (op instanceof Op.Slice s) {
            return "starts=" + s.starts() + " steps=" + s.steps();
        }
        if (op instanceof Op.Concat c) {
            return "axis=" + c.axis();
        }
        if (op instanceof Op.Call c) {
            return "@" + c.callee();
        }
        return "";
    }

    /**
     * Integral values without a fraction, others in the shortest form that reads back as the same
     * value of {@code dtype} (so an f32 0.1 prints as 0.1, not as its exact binary value).
     */
    public static String number(double v, DType dtype) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return v == 0 && 1 / v < 0 ? "-0.0" : Long.toString((long) v);
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return dtype == DType.F32 ? Float.toString((float) v) : Double.toString(v);
    }
}
