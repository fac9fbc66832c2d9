// Target legalisation for Metal, run before printing: MSL (before 3.1) has no bf16 arithmetic, so
// tmc keeps bf16 as a ushort bit pattern and computes every operation on bf16 values in f32:
// operands widen exactly, a bf16 result rounds once. For +, -, *, / and sqrt that is exactly the
// bf16 operation (f32 has more than twice bf16's precision); comparisons, min and max are exact.
// Loads, stores, selects and locals keep bf16. A no-op on kernels without bf16 arithmetic, so it
// can move into lower-kernels (Target.nativeBFloat == false) without changing any output.
package dev.tmc.codegen.metal;

import dev.tmc.codegen.cstyle.KernelTraversal;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;

public final class LegaliseBFloat {
    private LegaliseBFloat() {
    }

    public static List<Kernel> run(List<Kernel> kernels) {
        List<Kernel> out = new ArrayList<>();
        for (Kernel k : kernels) {
            out.add(run(k));
        }
        return out;
    }

    public static Kernel run(Kernel k) {
        return k.withBody(KernelTraversal.rewrite(k.body(), LegaliseBFloat::rule));
    }

    /** The one rule: an arithmetic node touching bf16 computes in f32 instead. */
    static KExpr rule(KExpr e) {
        if (!(e instanceof KExpr.Unary || e instanceof KExpr.Binary || e instanceof KExpr.SimdReduce)) {
            return e;
        }
        List<KExpr> ops = KernelTraversal.operands(e);
        boolean touches = e.type() == DType.BF16 || ops.stream().anyMatch(o -> o.type() == DType.BF16);
        if (!touches) {
            return e;
        }
        List<KExpr> wide = new ArrayList<>();
        for (KExpr o : ops) {
            wide.add(o.type() == DType.BF16 ? new KExpr.Convert(o, DType.F32) : o);
        }
        DType result = e.type() == DType.BF16 ? DType.F32 : e.type();
        KExpr computed;
        if (e instanceof KExpr.Unary u) {
            computed = new KExpr.Unary(u.fn(), wide.get(0), result);
        } else if (e instanceof KExpr.Binary b) {
            computed = new KExpr.Binary(b.fn(), wide.get(0), wide.get(1), result);
        } else {
            computed = new KExpr.SimdReduce(((KExpr.SimdReduce) e).combine(), wide.get(0), result);
        }
        return e.type() == DType.BF16 ? new KExpr.Convert(computed, DType.BF16) : computed;
    }
}
