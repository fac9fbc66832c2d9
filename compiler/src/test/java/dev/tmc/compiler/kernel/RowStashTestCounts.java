// Counting helpers for tests that look at reduction kernels' statements.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;

import java.util.List;
import java.util.function.Consumer;

final class RowStashTestCounts {
    private RowStashTestCounts() {
    }

    /** exp calls, and exp2 calls (approximate math writes exp as exp2). */
    static int exps(List<KStmt> body) {
        int[] n = {0};
        forEachExpr(body, e -> {
            if (e instanceof KExpr.Unary u && (u.fn() == UnaryFn.EXP || u.fn() == UnaryFn.EXP2)) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** Every expression node of {@code body}, nested statements and operands included. */
    static void forEachExpr(List<KStmt> body, Consumer<KExpr> visit) {
        for (KStmt s : body) {
            if (s instanceof KStmt.Declare d) {
                expr(d.init(), visit);
            } else if (s instanceof KStmt.Assign a) {
                expr(a.value(), visit);
            } else if (s instanceof KStmt.Store st) {
                expr(st.index(), visit);
                expr(st.value(), visit);
            } else if (s instanceof KStmt.StoreArray st) {
                expr(st.index(), visit);
                expr(st.value(), visit);
            } else if (s instanceof KStmt.For f) {
                forEachExpr(f.body(), visit);
            } else if (s instanceof KStmt.If i) {
                expr(i.cond(), visit);
                forEachExpr(i.then(), visit);
                forEachExpr(i.otherwise(), visit);
            }
        }
    }

    private static void expr(KExpr e, Consumer<KExpr> visit) {
        visit.accept(e);
        if (e instanceof KExpr.Load l) {
            expr(l.index(), visit);
        } else if (e instanceof KExpr.LoadArray l) {
            expr(l.index(), visit);
        } else if (e instanceof KExpr.Unary u) {
            expr(u.x(), visit);
        } else if (e instanceof KExpr.Binary b) {
            expr(b.a(), visit);
            expr(b.b(), visit);
        } else if (e instanceof KExpr.Select s) {
            expr(s.cond(), visit);
            expr(s.a(), visit);
            expr(s.b(), visit);
        } else if (e instanceof KExpr.Convert c) {
            expr(c.x(), visit);
        } else if (e instanceof KExpr.IndexOp i) {
            expr(i.a(), visit);
            expr(i.b(), visit);
        } else if (e instanceof KExpr.SimdReduce r) {
            expr(r.x(), visit);
        }
    }
}
