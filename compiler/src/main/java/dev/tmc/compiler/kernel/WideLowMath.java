// Lowering's choice to keep the balanced profile's 16-bit arithmetic in f32 on a target that has no
// such arithmetic (Target.wideLowMath; bf16 on CUDA): there each f16/bf16 op is an f32 op followed
// by a rounding, so an op that reads another's result rounds, widens and rounds again. Kept in f32,
// a chain of plain ops rounds once, where its value is stored, compared or leaves the kernel's
// arithmetic; that is the reference's meaning (f64, rounding at stores) more closely than rounding
// after every op, and the differential tests accept both. Strict has no 16-bit arithmetic; fast
// keeps its roundings; targets with the arithmetic keep it.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.runtime.DType;

final class WideLowMath {
    private WideLowMath() {
    }

    /** Whether instruction {@code i}, an f16/bf16 op of arithmetic, is computed in f32 with no rounding after it. */
    static boolean computesWide(KernelContext ctx, Instr i) {
        Op op = i.op();
        return enabled(ctx) && lacking(ctx.target, i.type().dtype())
                && (op instanceof Op.Unary || op instanceof Op.Binary || op instanceof Op.Select);
    }

    /**
     * Whether {@code i} is the profile's rounding of an f32 value stored as {@code i}'s own 16-bit
     * dtype (promote-precision's rounding point; a user's cast never has this shape, as the frontend
     * never casts a value to its own dtype), which a value kept wide skips.
     */
    static boolean skipsRounding(KernelContext ctx, Instr i) {
        if (!(i.op() instanceof Op.Cast) || !enabled(ctx) || !lacking(ctx.target, i.type().dtype())) {
            return false;
        }
        Graph g = ctx.graph;
        Instr x = g.instr(i.arg(0));
        return x.type().dtype() == DType.F32 && x.storage() == i.type().dtype();
    }

    private static boolean enabled(KernelContext ctx) {
        return ctx.target.wideLowMath() && ctx.graph.precision() == Precision.BALANCED;
    }

    private static boolean lacking(Target t, DType dtype) {
        return (dtype == DType.BF16 && !t.nativeBFloat()) || (dtype == DType.F16 && !t.nativeHalf());
    }
}
