// What kernel IR uses, for tests that must know whether a printed kernel can be exact.
package dev.tmc.tests;

import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.runtime.DType;

import java.util.List;

final class KernelOps {
    private KernelOps() {
    }

    /** Whether a kernel computes erf in f32, which the Java kernels take from ScalarMath's float erf (within an ulp). */
    static boolean approximatesErf(List<Kernel> kernels) {
        return kernels.stream().anyMatch(k -> k.body().stream().anyMatch(KernelOps::erf));
    }

    private static boolean erf(KStmt s) {
        if (s instanceof KStmt.Declare d) {
            return erf(d.init());
        }
        if (s instanceof KStmt.Assign a) {
            return erf(a.value());
        }
        if (s instanceof KStmt.Store st) {
            return erf(st.index()) || erf(st.value());
        }
        if (s instanceof KStmt.StoreArray st) {
            return erf(st.index()) || erf(st.value());
        }
        if (s instanceof KStmt.For f) {
            return erf(f.from()) || erf(f.to()) || f.body().stream().anyMatch(KernelOps::erf);
        }
        if (s instanceof KStmt.If i) {
            return erf(i.cond()) || i.then().stream().anyMatch(KernelOps::erf)
                    || i.otherwise().stream().anyMatch(KernelOps::erf);
        }
        return false;
    }

    private static boolean erf(KExpr e) {
        if (e instanceof KExpr.Unary u) {
            return u.fn() == UnaryFn.ERF && u.type() == DType.F32 || erf(u.x());
        }
        if (e instanceof KExpr.Binary b) {
            return erf(b.a()) || erf(b.b());
        }
        if (e instanceof KExpr.Select s) {
            return erf(s.cond()) || erf(s.a()) || erf(s.b());
        }
        if (e instanceof KExpr.Convert c) {
            return erf(c.x());
        }
        if (e instanceof KExpr.Load l) {
            return erf(l.index());
        }
        if (e instanceof KExpr.LoadArray l) {
            return erf(l.index());
        }
        if (e instanceof KExpr.IndexOp i) {
            return erf(i.a()) || erf(i.b());
        }
        return false;
    }
}
