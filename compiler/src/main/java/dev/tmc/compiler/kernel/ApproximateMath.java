// Lowering's cheaper f32 forms where the balanced profile allows them (Target.approximateMath). A
// value computed in f32 but stored as f16/bf16 is a 16-bit value whose f32 computation guards
// against overflow and accumulated error; an error of a few f32 ulp in it (about 2^-21 relative)
// stays far below its rounding to 16 bits (2^-9 for bf16, 2^-12 for f16). Strict keeps the accurate
// forms; so does any value that stays f32 (an f32 output, a user's f32 value).
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.runtime.DType;

final class ApproximateMath {
    /** log2(e) rounded to f32, the prescale of exp as exp2. */
    static final double LOG2_E = (float) 1.4426950408889634;

    private ApproximateMath() {
    }

    /** Whether instruction {@code i}'s f32 math may take an approximate form. */
    static boolean applies(KernelContext ctx, Instr i) {
        return ctx.target.approximateMath() && ctx.graph.precision() == Precision.BALANCED
                && i.type().dtype() == DType.F32 && (i.storage() == DType.F16 || i.storage() == DType.BF16);
    }

    /**
     * exp(x) as exp2(x * log2(e)), as Triton writes it: CUDA's exp2f is one special-function
     * instruction (ex2.approx.f32, 2 ulp) where expf is about a dozen. The prescale's rounding
     * adds |x| * 2^-24 * ln 2 relative: 4e-6 at |x| = 88, where f32's exp ends.
     */
    static KExpr exp(KExpr x) {
        return new KExpr.Unary(UnaryFn.EXP2, new KExpr.Binary(BinaryFn.MUL, x, new KExpr.Lit(DType.F32, LOG2_E),
                DType.F32), DType.F32);
    }

    /** 1 / d, computed once per row by the caller; x / d becomes x * (1 / d): at most 1 ulp more. */
    static KExpr reciprocal(KExpr d) {
        return new KExpr.Binary(BinaryFn.DIV, new KExpr.Lit(DType.F32, 1.0), d, DType.F32);
    }
}
