// Uniform access to the children of kernel IR nodes (operands of expressions, expressions and
// bodies of statements), so walks and rewrites need no per-node code. Kernel IR records do not
// expose inputs()/withInputs() themselves; these belong in ir.kernel once they do.
package dev.tmc.codegen.cstyle;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

public final class KernelTraversal {
    private KernelTraversal() {
    }

    public static List<KExpr> operands(KExpr e) {
        if (e instanceof KExpr.Load l) {
            return List.of(l.index());
        }
        if (e instanceof KExpr.LoadArray l) {
            return List.of(l.index());
        }
        if (e instanceof KExpr.Unary u) {
            return List.of(u.x());
        }
        if (e instanceof KExpr.Binary b) {
            return List.of(b.a(), b.b());
        }
        if (e instanceof KExpr.IndexOp i) {
            return List.of(i.a(), i.b());
        }
        if (e instanceof KExpr.Select s) {
            return List.of(s.cond(), s.a(), s.b());
        }
        if (e instanceof KExpr.Convert c) {
            return List.of(c.x());
        }
        if (e instanceof KExpr.SimdReduce r) {
            return List.of(r.x());
        }
        return List.of(); // Lit, Var, ThreadIndex
    }

    /** {@code e} with new operands (as many as it has); {@code e} itself when they are the same. */
    public static KExpr withOperands(KExpr e, List<KExpr> ops) {
        if (ops.equals(operands(e))) {
            return e;
        }
        if (e instanceof KExpr.Load l) {
            return new KExpr.Load(l.buffer(), ops.get(0), l.type());
        }
        if (e instanceof KExpr.LoadArray l) {
            return new KExpr.LoadArray(l.array(), ops.get(0), l.type());
        }
        if (e instanceof KExpr.Unary u) {
            return new KExpr.Unary(u.fn(), ops.get(0), u.type());
        }
        if (e instanceof KExpr.Binary b) {
            return new KExpr.Binary(b.fn(), ops.get(0), ops.get(1), b.type());
        }
        if (e instanceof KExpr.IndexOp i) {
            return new KExpr.IndexOp(i.fn(), ops.get(0), ops.get(1));
        }
        if (e instanceof KExpr.Select s) {
            return new KExpr.Select(ops.get(0), ops.get(1), ops.get(2), s.type());
        }
        if (e instanceof KExpr.Convert c) {
            return new KExpr.Convert(ops.get(0), c.type());
        }
        if (e instanceof KExpr.SimdReduce r) {
            return new KExpr.SimdReduce(r.combine(), ops.get(0), r.type());
        }
        throw new IllegalArgumentException(e + " has no operands");
    }

    /** Rewrites every expression bottom-up: {@code rule} sees a node whose operands are rewritten. */
    public static KExpr rewrite(KExpr e, UnaryOperator<KExpr> rule) {
        List<KExpr> ops = new ArrayList<>();
        for (KExpr op : operands(e)) {
            ops.add(rewrite(op, rule));
        }
        return rule.apply(withOperands(e, ops));
    }

    /** Every statement with each of its expressions rewritten bottom-up by {@code rule}. */
    public static List<KStmt> rewrite(List<KStmt> body, UnaryOperator<KExpr> rule) {
        List<KStmt> out = new ArrayList<>();
        for (KStmt s : body) {
            out.add(rewrite(s, rule));
        }
        return out;
    }

    public static KStmt rewrite(KStmt s, UnaryOperator<KExpr> rule) {
        if (s instanceof KStmt.Declare d) {
            return new KStmt.Declare(d.name(), d.type(), rewrite(d.init(), rule));
        }
        if (s instanceof KStmt.Assign a) {
            return new KStmt.Assign(a.name(), rewrite(a.value(), rule));
        }
        if (s instanceof KStmt.Store st) {
            return new KStmt.Store(st.buffer(), rewrite(st.index(), rule), rewrite(st.value(), rule));
        }
        if (s instanceof KStmt.StoreArray st) {
            return new KStmt.StoreArray(st.array(), rewrite(st.index(), rule), rewrite(st.value(), rule));
        }
        if (s instanceof KStmt.LoadRun l) {
            return new KStmt.LoadRun(l.array(), l.buffer(), rewrite(l.first(), rule), l.length(), rewrite(l.offset(), rule));
        }
        if (s instanceof KStmt.StoreRun st) {
            return new KStmt.StoreRun(st.buffer(), rewrite(st.first(), rule), st.array(), st.length(),
                    rewrite(st.offset(), rule));
        }
        if (s instanceof KStmt.ArrayRound r) {
            return new KStmt.ArrayRound(r.type(), r.array(), rewrite(r.from(), rule), rewrite(r.to(), rule));
        }
        if (s instanceof KStmt.ArrayReduce r) {
            return new KStmt.ArrayReduce(r.combine(), r.lanes(), r.array(), rewrite(r.from(), rule), rewrite(r.to(), rule));
        }
        if (s instanceof KStmt.LoadStrip l) {
            return new KStmt.LoadStrip(l.array(), l.buffer(), l.type(), rewrite(l.first(), rule), rewrite(l.length(), rule));
        }
        if (s instanceof KStmt.StoreStrip st) {
            return new KStmt.StoreStrip(st.buffer(), st.type(), rewrite(st.first(), rule), st.array(), rewrite(st.length(), rule));
        }
        if (s instanceof KStmt.ArrayMap m) {
            return new KStmt.ArrayMap(m.fn(), m.array(), rewrite(m.from(), rule), rewrite(m.to(), rule));
        }
        if (s instanceof KStmt.For f) {
            return new KStmt.For(f.var(), rewrite(f.from(), rule), rewrite(f.to(), rule), rewrite(f.step(), rule),
                    rewrite(f.body(), rule), f.unroll());
        }
        if (s instanceof KStmt.If i) {
            return new KStmt.If(rewrite(i.cond(), rule), rewrite(i.then(), rule), rewrite(i.otherwise(), rule));
        }
        return s; // ThreadgroupArray, LocalArray, Barrier, Comment
    }

    /** Calls {@code visit} on every expression node of {@code body}, operands included. */
    public static void forEachExpr(List<KStmt> body, Consumer<KExpr> visit) {
        rewrite(body, e -> {
            visit.accept(e);
            return e;
        });
    }

    /** Calls {@code visit} on every statement of {@code body}, nested ones included. */
    public static void forEachStmt(List<KStmt> body, Consumer<KStmt> visit) {
        for (KStmt s : body) {
            visit.accept(s);
            if (s instanceof KStmt.For f) {
                forEachStmt(f.body(), visit);
            } else if (s instanceof KStmt.If i) {
                forEachStmt(i.then(), visit);
                forEachStmt(i.otherwise(), visit);
            }
        }
    }
}
