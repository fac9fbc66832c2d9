// The shared C-like printer: walks kernel IR statements and expressions and writes them with a
// target's spelling table. It knows C's syntax (blocks, precedence, parentheses) and nothing about
// what any operation means on a target; that is all in the table.
package dev.tmc.codegen.cstyle;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class CStylePrinter {
    private static final String INDENT = "    ";

    private final CStyleSpelling table;
    private final StringBuilder out = new StringBuilder();

    private CStylePrinter(CStyleSpelling table) {
        this.table = table;
    }

    /** The statements of a body, one per line, each line indented {@code depth} levels. */
    public static String statements(List<KStmt> body, CStyleSpelling table, int depth) {
        CStylePrinter p = new CStylePrinter(table);
        p.block(body, depth);
        return p.out.toString();
    }

    /** One expression, as it would appear on the right of an assignment. */
    public static String expression(KExpr e, CStyleSpelling table) {
        return new CStylePrinter(table).expr(e).text();
    }

    private record Spelled(String text, int precedence) {
    }

    private void block(List<KStmt> body, int depth) {
        for (KStmt s : body) {
            stmt(s, depth);
        }
    }

    private void line(int depth, String text) {
        out.append(INDENT.repeat(depth)).append(text).append('\n');
    }

    private void stmt(KStmt s, int depth) {
        if (s instanceof KStmt.Declare d) {
            line(depth, table.type(d.type()) + " " + d.name() + " = " + expr(d.init()).text() + ";");
        } else if (s instanceof KStmt.Assign a) {
            line(depth, a.name() + " = " + expr(a.value()).text() + ";");
        } else if (s instanceof KStmt.Store st) {
            // Kernel IR stores a value of the buffer's dtype, so the value's type is the buffer's.
            Spelled value = apply(table.store(st.value().type()), List.of(expr(st.value())));
            line(depth, st.buffer() + "[" + expr(st.index()).text() + "] = " + value.text() + ";");
        } else if (s instanceof KStmt.StoreArray st) {
            line(depth, st.array() + "[" + expr(st.index()).text() + "] = " + expr(st.value()).text() + ";");
        } else if (s instanceof KStmt.LoadRun l) {
            line(depth, (l.wholeArray() ? table.loadRun(l.array(), l.buffer(), expr(l.first()).text(), l.length())
                    : table.loadRunAt(l.array(), expr(l.offset()).text(), l.buffer(), expr(l.first()).text(), l.length()))
                    .orElseThrow(() ->
                    new InternalCompilerError(table.target() + " has no spelling for a run load")));
        } else if (s instanceof KStmt.StoreRun st) {
            line(depth, (st.wholeArray() ? table.storeRun(st.buffer(), expr(st.first()).text(), st.array(), st.length())
                    : table.storeRunAt(st.buffer(), expr(st.first()).text(), st.array(), expr(st.offset()).text(), st.length()))
                    .orElseThrow(() ->
                    new InternalCompilerError(table.target() + " has no spelling for a run store")));
        } else if (s instanceof KStmt.ThreadgroupArray a) {
            line(depth, table.threadgroupArray(a.type(), a.name(), a.length()));
        } else if (s instanceof KStmt.LocalArray a) {
            line(depth, table.localArray(a.type(), a.name(), a.length()));
        } else if (s instanceof KStmt.For f) {
            loop(f, depth);
        } else if (s instanceof KStmt.If i) {
            line(depth, "if (" + expr(i.cond()).text() + ") {");
            rest(i, depth);
        } else if (s instanceof KStmt.ArrayMap m) {
            line(depth, table.arrayMap(m.fn(), m.array(), expr(m.from()).text(), expr(m.to()).text()).orElseThrow(() ->
                    new InternalCompilerError(table.target() + " has no spelling for " + m.fn() + " over an array")));
        } else if (s instanceof KStmt.ArrayRound r) {
            line(depth, table.arrayRound(r.type(), r.array(), expr(r.from()).text(), expr(r.to()).text()).orElseThrow(() ->
                    new InternalCompilerError(table.target() + " has no spelling for rounding an array to " + r.type())));
        } else if (s instanceof KStmt.ArrayReduce r) {
            line(depth, table.arrayReduce(r.combine(), r.lanes(), r.array(), expr(r.from()).text(), expr(r.to()).text())
                    .orElseThrow(() -> new InternalCompilerError(table.target() + " has no spelling for reducing an array")));
        } else if (s instanceof KStmt.LoadStrip l) {
            line(depth, table.loadStrip(l.type(), l.array(), l.buffer(), expr(l.first()).text(), expr(l.length()).text())
                    .orElseThrow(() -> new InternalCompilerError(table.target() + " has no spelling for a strip load")));
        } else if (s instanceof KStmt.StoreStrip st) {
            line(depth, table.storeStrip(st.type(), st.buffer(), expr(st.first()).text(), st.array(), expr(st.length()).text())
                    .orElseThrow(() -> new InternalCompilerError(table.target() + " has no spelling for a strip store")));
        } else if (s instanceof KStmt.Barrier) {
            line(depth, table.barrier());
        } else if (s instanceof KStmt.SimdMatrix m) {
            line(depth, table.simdMatrix(m.type(), m.name(), table.literal(m.type(), m.fill())).orElseThrow(() ->
                    new InternalCompilerError(table.target() + " has no simdgroup matrix of " + m.type())));
        } else if (s instanceof KStmt.SimdMatrixLoad l) {
            line(depth, table.simdMatrixLoad(l.name(), l.array(), expr(l.offset()).text(), l.stride()));
        } else if (s instanceof KStmt.SimdMatrixMultiplyAccumulate m) {
            line(depth, table.simdMatrixMultiplyAccumulate(m.d(), m.a(), m.b(), m.c()));
        } else if (s instanceof KStmt.SimdMatrixMultiplyAccumulatePair m) {
            line(depth, table.simdMatrixMultiplyAccumulatePair(m.d0(), m.a0(), m.c0(), m.d1(), m.a1(), m.c1(), m.b()));
        } else if (s instanceof KStmt.SimdMatrixStore st) {
            line(depth, table.simdMatrixStore(st.name(), st.array(), expr(st.offset()).text(), st.stride()));
        } else if (s instanceof KStmt.Attention a) {
            line(depth, table.attention(a.dtype(), a.rowsPerThreadgroup(), a.q(), a.k(), a.v(), a.out(),
                    expr(a.scale()).text(), expr(a.heads()).text(), expr(a.rows()).text(), expr(a.cols()).text(),
                    expr(a.headDim()).text()).orElseThrow(() ->
                    new InternalCompilerError(table.target() + " has no fused attention")));
        } else if (s instanceof KStmt.Comment c) {
            for (String l : c.text().split("\n", -1)) {
                line(depth, table.comment(l));
            }
        } else {
            throw new InternalCompilerError("no C spelling for statement " + s);
        }
    }

    /** The branches of an if whose head is printed; else-if chains stay flat. */
    private void rest(KStmt.If i, int depth) {
        block(i.then(), depth + 1);
        List<KStmt> other = i.otherwise();
        if (other.isEmpty()) {
            line(depth, "}");
        } else if (other.size() == 1 && other.get(0) instanceof KStmt.If next) {
            line(depth, "} else if (" + expr(next.cond()).text() + ") {");
            rest(next, depth);
        } else {
            line(depth, "} else {");
            block(other, depth + 1);
            line(depth, "}");
        }
    }

    private void loop(KStmt.For f, int depth) {
        if (f.unroll()) {
            table.unrollHint().ifPresent(h -> line(depth, h));
        }
        String v = f.var();
        String step = f.step() instanceof KExpr.Lit l && l.value() == 1 ? v + "++" : v + " += " + expr(f.step()).text();
        line(depth, "for (" + table.type(DType.I32) + " " + v + " = " + expr(f.from()).text() + "; " + v + " < "
                + operand(expr(f.to()), Precedence.RELATIONAL, true) + "; " + step + ") {");
        block(f.body(), depth + 1);
        line(depth, "}");
    }

    private Spelled expr(KExpr e) {
        if (e instanceof KExpr.Lit l) {
            String text = table.literal(l.type(), l.value());
            return new Spelled(text, text.startsWith("-") ? Precedence.PREFIX : Precedence.PRIMARY);
        }
        if (e instanceof KExpr.Var v) {
            return new Spelled(v.name(), Precedence.PRIMARY);
        }
        if (e instanceof KExpr.ThreadIndex t) {
            return new Spelled(table.threadIndex(t.axis()), Precedence.PRIMARY);
        }
        if (e instanceof KExpr.Load l) {
            Spelled element = new Spelled(l.buffer() + "[" + expr(l.index()).text() + "]", Precedence.PRIMARY);
            return apply(table.load(l.type()), List.of(element));
        }
        if (e instanceof KExpr.LoadArray l) {
            return new Spelled(l.array() + "[" + expr(l.index()).text() + "]", Precedence.PRIMARY);
        }
        if (e instanceof KExpr.Unary u) {
            return apply(need(table.unary(u.fn(), u.x().type()), u.fn() + " of " + u.x().type()), operands(u.x()));
        }
        if (e instanceof KExpr.Binary b) {
            if (b.a().type() != b.b().type()) {
                throw new InternalCompilerError("operands of " + b.fn() + " differ in type: " + b);
            }
            return apply(need(table.binary(b.fn(), b.a().type()), b.fn() + " of " + b.a().type()),
                    operands(b.a(), b.b()));
        }
        if (e instanceof KExpr.IndexOp i) {
            Form f = new Form.Infix(i.fn() == KExpr.IndexFn.DIV ? "/" : "%", Precedence.MULTIPLICATIVE);
            return apply(f, operands(i.a(), i.b()));
        }
        if (e instanceof KExpr.Select s) {
            return conditional(expr(s.cond()), expr(s.a()), expr(s.b()));
        }
        if (e instanceof KExpr.Convert c) {
            Form f = c.x().type() == c.type() ? new Form.Same()
                    : need(table.convert(c.x().type(), c.type()), "conversion " + c.x().type() + " to " + c.type());
            return apply(f, operands(c.x()));
        }
        if (e instanceof KExpr.SimdReduce r) {
            return apply(need(table.simdReduce(r.combine(), r.type()), "simd " + r.combine() + " of " + r.type()),
                    operands(r.x()));
        }
        throw new InternalCompilerError("no C spelling for expression " + e);
    }

    private Form need(Optional<Form> form, String what) {
        return form.orElseThrow(() -> new InternalCompilerError(table.target() + " has no spelling for " + what
                + " (legalise it before printing)"));
    }

    private List<Spelled> operands(KExpr... operands) {
        List<Spelled> out = new ArrayList<>();
        for (KExpr x : operands) {
            out.add(expr(x));
        }
        return out;
    }

    /** {@code form} written around the operation's {@code operands}, already spelled. */
    private static Spelled apply(Form form, List<Spelled> operands) {
        if (form instanceof Form.Same) {
            return operands.get(0);
        }
        if (form instanceof Form.Operand o) {
            return operands.get(o.index());
        }
        if (form instanceof Form.Text t) {
            return new Spelled(t.text(), t.text().startsWith("-") ? Precedence.PREFIX : Precedence.PRIMARY);
        }
        if (form instanceof Form.Infix in) {
            String a = operand(apply(in.left(), operands), in.precedence(), false);
            String b = operand(apply(in.right(), operands), in.precedence(), true);
            return new Spelled(a + " " + in.op() + " " + b, in.precedence());
        }
        if (form instanceof Form.Prefix p) {
            String x = operand(apply(p.operand(), operands), Precedence.PREFIX, false);
            boolean glued = x.startsWith(p.op().substring(p.op().length() - 1)); // "- -x" must not become "--x"
            return new Spelled(p.op() + (glued ? "(" + x + ")" : x), Precedence.PREFIX);
        }
        if (form instanceof Form.Call c) {
            List<Spelled> args = operands;
            if (!c.args().isEmpty()) {
                args = new ArrayList<>();
                for (Form a : c.args()) {
                    args.add(apply(a, operands));
                }
            }
            StringBuilder text = new StringBuilder();
            for (Spelled a : args) {
                text.append(text.length() == 0 ? "" : ", ").append(a.text());
            }
            return new Spelled(c.function() + "(" + text + ")", Precedence.PRIMARY);
        }
        if (form instanceof Form.Conditional c) {
            return conditional(apply(c.condition(), operands), apply(c.a(), operands), apply(c.b(), operands));
        }
        String text = ((Form.Pattern) form).pattern();
        for (int k = operands.size() - 1; k >= 0; k--) {
            text = text.replace("$" + k, operands.get(k).text());
        }
        return new Spelled(text, Precedence.PRIMARY);
    }

    private static Spelled conditional(Spelled condition, Spelled a, Spelled b) {
        String c = operand(condition, Precedence.CONDITIONAL + 1, false);
        return new Spelled(c + " ? " + operand(a, Precedence.CONDITIONAL + 1, false) + " : "
                + operand(b, Precedence.CONDITIONAL + 1, false), Precedence.CONDITIONAL);
    }

    /**
     * An operand's text, parenthesised where C would bind it otherwise or where compilers warn
     * ({@code a < b == c}, {@code a && b || c}).
     */
    private static String operand(Spelled child, int parent, boolean right) {
        int c = child.precedence();
        boolean parens = c < parent || (c == parent && (right || Precedence.isComparison(c)))
                || (Precedence.isComparison(c) && Precedence.isComparison(parent))
                || (Precedence.isConnective(c) && Precedence.isConnective(parent) && c != parent);
        return parens ? "(" + child.text() + ")" : child.text();
    }
}
