// Spells kernel IR as target-neutral pseudo-C, for explain and for tests that read kernels.
package dev.tmc.compiler.ir.kernel;

import dev.tmc.compiler.ir.graph.GraphPrinter;

import java.util.List;
import java.util.StringJoiner;

public final class KernelPrinter {
    private KernelPrinter() {
    }

    public static String print(Kernel k) {
        StringBuilder out = new StringBuilder();
        StringJoiner args = new StringJoiner(", ");
        for (Kernel.BufferArg b : k.buffers()) {
            args.add((b.written() ? "" : "const ") + b.dtype().spelling() + "* " + b.name());
        }
        for (Kernel.ScalarArg s : k.scalars()) {
            args.add(s.type().spelling() + " " + s.name());
        }
        out.append("kernel ").append(k.name()).append('(').append(args).append(") // ")
                .append(k.launch().threadgroups()).append(" x ").append(k.launch().threadsPerThreadgroup())
                .append(" threads\n");
        block(k.body(), "  ", out);
        return out.toString();
    }

    private static void block(List<KStmt> stmts, String indent, StringBuilder out) {
        for (KStmt s : stmts) {
            stmt(s, indent, out);
        }
    }

    private static void stmt(KStmt s, String indent, StringBuilder out) {
        out.append(indent);
        if (s instanceof KStmt.Declare d) {
            out.append(d.type().spelling()).append(' ').append(d.name()).append(" = ").append(expr(d.init())).append(";\n");
        } else if (s instanceof KStmt.Assign a) {
            out.append(a.name()).append(" = ").append(expr(a.value())).append(";\n");
        } else if (s instanceof KStmt.Store st) {
            out.append(st.buffer()).append('[').append(expr(st.index())).append("] = ").append(expr(st.value()))
                    .append(";\n");
        } else if (s instanceof KStmt.StoreArray st) {
            out.append(st.array()).append('[').append(expr(st.index())).append("] = ").append(expr(st.value()))
                    .append(";\n");
        } else if (s instanceof KStmt.LoadRun l) {
            out.append(l.array()).append('[').append(expr(l.offset())).append(':').append(l.length()).append("] = ").append(l.buffer()).append('[')
                    .append(expr(l.first())).append(" +: ").append(l.length()).append("];\n");
        } else if (s instanceof KStmt.StoreRun st) {
            out.append(st.buffer()).append('[').append(expr(st.first())).append(" +: ").append(st.length())
                    .append("] = ").append(st.array()).append('[').append(expr(st.offset())).append(':').append(st.length()).append("];\n");
        } else if (s instanceof KStmt.ThreadgroupArray t) {
            out.append("threadgroup ").append(t.type().spelling()).append(' ').append(t.name()).append('[')
                    .append(t.length()).append("];\n");
        } else if (s instanceof KStmt.LocalArray t) {
            out.append(t.type().spelling()).append(' ').append(t.name()).append('[').append(t.length()).append("];\n");
        } else if (s instanceof KStmt.For f) {
            out.append("for (").append(f.var()).append(" = ").append(expr(f.from())).append("; ").append(f.var())
                    .append(" < ").append(expr(f.to())).append("; ").append(f.var()).append(" += ")
                    .append(expr(f.step())).append(f.unroll() ? ") unrolled {\n" : ") {\n");
            block(f.body(), indent + "  ", out);
            out.append(indent).append("}\n");
        } else if (s instanceof KStmt.If i) {
            out.append("if (").append(expr(i.cond())).append(") {\n");
            block(i.then(), indent + "  ", out);
            if (!i.otherwise().isEmpty()) {
                out.append(indent).append("} else {\n");
                block(i.otherwise(), indent + "  ", out);
            }
            out.append(indent).append("}\n");
        } else if (s instanceof KStmt.SimdMatrix m) {
            out.append("simdgroup_matrix<").append(m.type().spelling()).append(", 8, 8> ").append(m.name())
                    .append(" = ").append(GraphPrinter.number(m.fill(), m.type())).append(";\n");
        } else if (s instanceof KStmt.SimdMatrixLoad l) {
            out.append(l.name()).append(" = load8x8(").append(l.array()).append(" + ").append(expr(l.offset()))
                    .append(", stride ").append(l.stride()).append(");\n");
        } else if (s instanceof KStmt.SimdMatrixMultiplyAccumulate m) {
            out.append(m.d()).append(" = ").append(m.a()).append(" * ").append(m.b()).append(" + ").append(m.c())
                    .append(";\n");
        } else if (s instanceof KStmt.SimdMatrixMultiplyAccumulatePair m) {
            out.append(m.d0()).append(", ").append(m.d1()).append(" = (").append(m.a0()).append("; ").append(m.a1())
                    .append(") * ").append(m.b()).append(" + (").append(m.c0()).append("; ").append(m.c1()).append(");\n");
        } else if (s instanceof KStmt.SimdMatrixStore st) {
            out.append("store8x8(").append(st.name()).append(", ").append(st.array()).append(" + ")
                    .append(expr(st.offset())).append(", stride ").append(st.stride()).append(");\n");
        } else if (s instanceof KStmt.ArrayMap m) {
            out.append(m.array()).append("[").append(expr(m.from())).append(" .. ").append(expr(m.to()))
                    .append("] = ").append(m.fn().name().toLowerCase()).append("(same);\n");
        } else if (s instanceof KStmt.ArrayRound r) {
            out.append(r.array()).append("[").append(expr(r.from())).append(" .. ").append(expr(r.to()))
                    .append("] = ").append(r.type().spelling()).append("(same);\n");
        } else if (s instanceof KStmt.ArrayReduce r) {
            out.append(r.lanes()).append("[%] = ").append(r.combine().name().toLowerCase()).append("(same, ")
                    .append(r.array()).append("[").append(expr(r.from())).append(" .. ").append(expr(r.to()))
                    .append("]);\n");
        } else if (s instanceof KStmt.LoadStrip l) {
            out.append(l.array()).append("[0 .. ").append(expr(l.length())).append("] = ").append(l.buffer())
                    .append("[").append(expr(l.first())).append(" ..];\n");
        } else if (s instanceof KStmt.StoreStrip st) {
            out.append(st.buffer()).append("[").append(expr(st.first())).append(" ..] = ").append(st.array())
                    .append("[0 .. ").append(expr(st.length())).append("];\n");
        } else if (s instanceof KStmt.Barrier) {
            out.append("barrier();\n");
        } else if (s instanceof KStmt.Attention a) {
            out.append(a.out()).append(" = attention<").append(a.dtype().spelling()).append(", ")
                    .append(a.rowsPerThreadgroup()).append(" rows>(").append(a.q()).append(", ").append(a.k())
                    .append(", ").append(a.v()).append(", scale ").append(expr(a.scale())).append(", heads ")
                    .append(expr(a.heads())).append(", rows ").append(expr(a.rows())).append(", cols ")
                    .append(expr(a.cols())).append(", head dim ").append(expr(a.headDim())).append(");\n");
        } else {
            out.append("// ").append(((KStmt.Comment) s).text()).append('\n');
        }
    }

    public static String expr(KExpr e) {
        if (e instanceof KExpr.Lit l) {
            return GraphPrinter.number(l.value(), l.type()) + (l.type().isFloat() ? l.type().spelling() : "");
        }
        if (e instanceof KExpr.Var v) {
            return v.name();
        }
        if (e instanceof KExpr.ThreadIndex t) {
            return t.axis().name().toLowerCase();
        }
        if (e instanceof KExpr.Load l) {
            return l.buffer() + "[" + expr(l.index()) + "]";
        }
        if (e instanceof KExpr.LoadArray l) {
            return l.array() + "[" + expr(l.index()) + "]";
        }
        if (e instanceof KExpr.Unary u) {
            return u.fn().spelling() + "(" + expr(u.x()) + ")";
        }
        if (e instanceof KExpr.Binary b) {
            return b.fn().spelling() + "(" + expr(b.a()) + ", " + expr(b.b()) + ")";
        }
        if (e instanceof KExpr.IndexOp i) {
            return "(" + expr(i.a()) + (i.fn() == KExpr.IndexFn.DIV ? " / " : " % ") + expr(i.b()) + ")";
        }
        if (e instanceof KExpr.Select s) {
            return "(" + expr(s.cond()) + " ? " + expr(s.a()) + " : " + expr(s.b()) + ")";
        }
        if (e instanceof KExpr.Convert c) {
            return c.type().spelling() + "(" + expr(c.x()) + ")";
        }
        KExpr.SimdReduce r = (KExpr.SimdReduce) e;
        return "simd_" + r.combine().name().toLowerCase() + "(" + expr(r.x()) + ")";
    }
}
