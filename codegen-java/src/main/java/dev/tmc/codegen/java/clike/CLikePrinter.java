// Prints kernel IR statements and expressions in a C-like language: blocks, loops, branches and
// operator precedence are shared; everything a target writes differently comes from its table.
package dev.tmc.codegen.java.clike;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.Map;

public final class CLikePrinter {
    private final CLikeSpelling spelling;
    private final String indent;
    private final Map<String, DType> buffers;

    /**
     * @param indent  one level of indentation, e.g. four spaces
     * @param buffers the dtype of each buffer argument of the kernel being printed
     */
    public CLikePrinter(CLikeSpelling spelling, String indent, Map<String, DType> buffers) {
        this.spelling = spelling;
        this.indent = indent;
        this.buffers = Map.copyOf(buffers);
    }

    /** Appends the statements, each line indented {@code depth} levels. */
    public void block(List<KStmt> stmts, int depth, StringBuilder out) {
        for (KStmt s : stmts) {
            stmt(s, depth, out);
        }
    }

    private void stmt(KStmt s, int depth, StringBuilder out) {
        String pad = indent.repeat(depth);
        if (s instanceof KStmt.Declare d) {
            line(pad, spelling.type(d.type()) + " " + d.name() + " = " + expr(d.init()).text() + ";", out);
        } else if (s instanceof KStmt.Assign a) {
            line(pad, a.name() + " = " + expr(a.value()).text() + ";", out);
        } else if (s instanceof KStmt.Store st) {
            DType type = buffers.get(st.buffer());
            if (type == null) {
                throw new IllegalArgumentException("store to " + st.buffer() + ", which is not a buffer argument");
            }
            line(pad, spelling.store(st.buffer(), expr(st.index()), type, as(st.value(), type)) + ";", out);
        } else if (s instanceof KStmt.StoreArray st) {
            line(pad, spelling.storeArray(st.array(), expr(st.index()), expr(st.value())) + ";", out);
        } else if (s instanceof KStmt.ThreadgroupArray a) {
            line(pad, spelling.array(a.name(), a.type(), a.length(), true) + ";", out);
        } else if (s instanceof KStmt.LocalArray a) {
            line(pad, spelling.array(a.name(), a.type(), a.length(), false) + ";", out);
        } else if (s instanceof KStmt.For f) {
            line(pad, "for (" + spelling.type(DType.I32) + " " + f.var() + " = " + expr(f.from()).text() + "; "
                    + f.var() + " < " + expr(f.to()).text() + "; " + spelling.increment(f.var(), expr(f.step()))
                    + ") {", out);
            block(f.body(), depth + 1, out);
            line(pad, "}", out);
        } else if (s instanceof KStmt.If i) {
            ifChain(i, pad, depth, out);
        } else if (s instanceof KStmt.Comment c) {
            for (String text : c.text().split("\n", -1)) {
                line(pad, spelling.comment(text), out);
            }
        } else {
            line(pad, spelling.special(s) + ";", out);
        }
    }

    /** if / else if / else: an else branch that is one If continues the chain instead of nesting. */
    private void ifChain(KStmt.If i, String pad, int depth, StringBuilder out) {
        line(pad, "if (" + expr(i.cond()).text() + ") {", out);
        block(i.then(), depth + 1, out);
        List<KStmt> otherwise = i.otherwise();
        while (otherwise.size() == 1 && otherwise.get(0) instanceof KStmt.If next) {
            line(pad, "} else if (" + as(next.cond(), DType.BOOL).text() + ") {", out);
            block(next.then(), depth + 1, out);
            otherwise = next.otherwise();
        }
        if (!otherwise.isEmpty()) {
            line(pad, "} else {", out);
            block(otherwise, depth + 1, out);
        }
        line(pad, "}", out);
    }

    private static void line(String pad, String text, StringBuilder out) {
        out.append(pad).append(text).append('\n');
    }

    public Code expr(KExpr e) {
        if (e instanceof KExpr.Lit l) {
            return spelling.literal(l.type(), l.value());
        }
        if (e instanceof KExpr.Var v) {
            return Code.primary(v.name());
        }
        if (e instanceof KExpr.ThreadIndex t) {
            return spelling.threadIndex(t.axis());
        }
        if (e instanceof KExpr.Load l) {
            return spelling.load(l.buffer(), expr(l.index()), l.type());
        }
        if (e instanceof KExpr.LoadArray l) {
            return spelling.loadArray(l.array(), expr(l.index()), l.type());
        }
        if (e instanceof KExpr.Unary u) {
            return spelling.unary(u.fn(), u.type(), u.x().type(), expr(u.x()));
        }
        if (e instanceof KExpr.Binary b) {
            return spelling.binary(b.fn(), b.type(), b.a().type(), b.b().type(), expr(b.a()), expr(b.b()));
        }
        if (e instanceof KExpr.IndexOp i) {
            return spelling.index(i.fn() == KExpr.IndexFn.DIV, expr(i.a()), expr(i.b()));
        }
        if (e instanceof KExpr.Select s) {
            return spelling.select(as(s.cond(), DType.BOOL), expr(s.a()), expr(s.b()));
        }
        if (e instanceof KExpr.Convert c) {
            Code x = expr(c.x());
            return c.x().type() == c.type() ? x : spelling.convert(c.x().type(), c.type(), x);
        }
        KExpr.SimdReduce r = (KExpr.SimdReduce) e;
        return spelling.simdReduce(r.combine(), r.type(), expr(r.x()));
    }

    /** {@code e} converted to {@code type} where it has another (a condition, a stored value). */
    private Code as(KExpr e, DType type) {
        Code x = expr(e);
        return e.type() == type ? x : spelling.convert(e.type(), type, x);
    }
}
