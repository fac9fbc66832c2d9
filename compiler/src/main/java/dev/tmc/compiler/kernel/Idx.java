// Index arithmetic for kernel IR, folded as it is built so generated code stays readable:
// x*1, x+0, literal products and the like never reach a printer.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.runtime.DType;

final class Idx {
    private Idx() {
    }

    static KExpr lit(long v) {
        return KExpr.Lit.index(v);
    }

    static boolean isLit(KExpr e, long v) {
        return e instanceof KExpr.Lit l && l.type() == DType.I32 && l.value() == v;
    }

    private static Long value(KExpr e) {
        return e instanceof KExpr.Lit l && l.type() == DType.I32 ? (long) l.value() : null;
    }

    static KExpr add(KExpr a, KExpr b) {
        Long x = value(a);
        Long y = value(b);
        if (x != null && y != null) {
            return lit(x + y);
        }
        if (isLit(a, 0)) {
            return b;
        }
        if (isLit(b, 0)) {
            return a;
        }
        return new KExpr.Binary(BinaryFn.ADD, a, b, DType.I32);
    }

    static KExpr sub(KExpr a, KExpr b) {
        Long x = value(a);
        Long y = value(b);
        if (x != null && y != null) {
            return lit(x - y);
        }
        return isLit(b, 0) ? a : new KExpr.Binary(BinaryFn.SUB, a, b, DType.I32);
    }

    static KExpr mul(KExpr a, KExpr b) {
        Long x = value(a);
        Long y = value(b);
        if (x != null && y != null) {
            return lit(x * y);
        }
        if (isLit(a, 0) || isLit(b, 0)) {
            return lit(0);
        }
        if (isLit(a, 1)) {
            return b;
        }
        return isLit(b, 1) ? a : new KExpr.Binary(BinaryFn.MUL, a, b, DType.I32);
    }

    static KExpr div(KExpr a, KExpr b) {
        Long x = value(a);
        Long y = value(b);
        if (x != null && y != null && y != 0) {
            return lit(Math.floorDiv(x, y));
        }
        if (isLit(b, 1) || isLit(a, 0)) {
            return a;
        }
        return new KExpr.IndexOp(KExpr.IndexFn.DIV, a, b);
    }

    static KExpr mod(KExpr a, KExpr b) {
        Long x = value(a);
        Long y = value(b);
        if (x != null && y != null && y != 0) {
            return lit(Math.floorMod(x, y));
        }
        return isLit(b, 1) || isLit(a, 0) ? lit(0) : new KExpr.IndexOp(KExpr.IndexFn.MOD, a, b);
    }

    static KExpr min(KExpr a, KExpr b) {
        Long x = value(a);
        Long y = value(b);
        if (x != null && y != null) {
            return lit(Math.min(x, y));
        }
        return new KExpr.Binary(BinaryFn.MIN, a, b, DType.I32);
    }

    static KExpr lt(KExpr a, KExpr b) {
        return new KExpr.Binary(BinaryFn.LT, a, b, DType.BOOL);
    }

    static KExpr eq(KExpr a, KExpr b) {
        return new KExpr.Binary(BinaryFn.EQ, a, b, DType.BOOL);
    }

    static KExpr and(KExpr a, KExpr b) {
        return new KExpr.Binary(BinaryFn.AND, a, b, DType.BOOL);
    }

    /** ceil(a / b) for positive b. */
    static KExpr ceilDiv(KExpr a, long b) {
        return div(add(a, lit(b - 1)), lit(b));
    }
}
