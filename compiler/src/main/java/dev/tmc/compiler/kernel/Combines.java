// How reductions combine partial results in kernel IR, with the language's semantics: max and
// min propagate NaN, i32 sums wrap.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.runtime.DType;

final class Combines {
    private Combines() {
    }

    static Combine of(ReduceFn fn) {
        switch (fn) {
            case SUM: case MEAN: return Combine.SUM;
            case PROD: return Combine.PROD;
            case MAX: return Combine.MAX;
            case MIN: return Combine.MIN;
            default: throw new InternalCompilerError(fn + " has no combine");
        }
    }

    static KExpr apply(Combine c, KExpr a, KExpr b, DType dtype) {
        BinaryFn fn;
        switch (c) {
            case SUM: fn = BinaryFn.ADD; break;
            case PROD: fn = BinaryFn.MUL; break;
            case MAX: fn = BinaryFn.MAX; break;
            default: fn = BinaryFn.MIN;
        }
        return new KExpr.Binary(fn, a, b, dtype);
    }

    /** NaN is the only value not equal to itself; integers are never NaN. */
    static KExpr isNan(KExpr x) {
        return x.type().isFloat() ? new KExpr.Binary(BinaryFn.NE, x, x, DType.BOOL) : KExpr.Lit.bool(false);
    }

    static KExpr notNan(KExpr x) {
        return x.type().isFloat() ? new KExpr.Binary(BinaryFn.EQ, x, x, DType.BOOL) : KExpr.Lit.bool(true);
    }
}
