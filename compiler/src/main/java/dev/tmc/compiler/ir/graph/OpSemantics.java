// What each elementwise function means on f64 and on 32-bit integers, for the reference interpreter
// and constant folding: a table from the graph IR's functions to the runtime's ScalarMath, which
// holds the one definition that host values and generated kernels share.
package dev.tmc.compiler.ir.graph;

import dev.tmc.runtime.numeric.ScalarMath;

public final class OpSemantics {
    private OpSemantics() {
    }

    public static double unary(UnaryFn fn, double x) {
        switch (fn) {
            case NEG: return ScalarMath.neg(x);
            case NOT: return ScalarMath.not(x);
            case ABS: return ScalarMath.abs(x);
            case SIGN: return ScalarMath.sign(x);
            case FLOOR: return ScalarMath.floor(x);
            case CEIL: return ScalarMath.ceil(x);
            case ROUND: return ScalarMath.round(x);
            case EXP: return ScalarMath.exp(x);
            case EXP2: return ScalarMath.exp2(x);
            case LOG: return ScalarMath.log(x);
            case LOG2: return ScalarMath.log2(x);
            case LOG1P: return ScalarMath.log1p(x);
            case SQRT: return ScalarMath.sqrt(x);
            case RSQRT: return ScalarMath.rsqrt(x);
            case SIN: return ScalarMath.sin(x);
            case COS: return ScalarMath.cos(x);
            case TANH: return ScalarMath.tanh(x);
            case SIGMOID: return ScalarMath.sigmoid(x);
            case ERF: return ScalarMath.erf(x);
            default: throw new AssertionError(fn);
        }
    }

    /** Float meaning of a binary function; comparisons and logic give 1 or 0. */
    public static double binary(BinaryFn fn, double x, double y) {
        switch (fn) {
            case ADD: return ScalarMath.add(x, y);
            case SUB: return ScalarMath.sub(x, y);
            case MUL: return ScalarMath.mul(x, y);
            case DIV: return ScalarMath.div(x, y);
            case MOD: return ScalarMath.mod(x, y);
            case POW: return ScalarMath.pow(x, y);
            case MIN: return ScalarMath.min(x, y);
            case MAX: return ScalarMath.max(x, y);
            case EQ: return ScalarMath.eq(x, y);
            case NE: return ScalarMath.ne(x, y);
            case LT: return ScalarMath.lt(x, y);
            case LE: return ScalarMath.le(x, y);
            case GT: return ScalarMath.gt(x, y);
            case GE: return ScalarMath.ge(x, y);
            case AND: return ScalarMath.and(x, y);
            case OR: return ScalarMath.or(x, y);
            default: throw new AssertionError(fn);
        }
    }

    /** i32 meaning of an arithmetic function: wraps like Java and Metal ints; x % 0 is 0. */
    public static int integer(BinaryFn fn, int x, int y) {
        switch (fn) {
            case ADD: return ScalarMath.add(x, y);
            case SUB: return ScalarMath.sub(x, y);
            case MUL: return ScalarMath.mul(x, y);
            case MOD: return ScalarMath.mod(x, y);
            case POW: return ScalarMath.pow(x, y);
            case MIN: return ScalarMath.min(x, y);
            case MAX: return ScalarMath.max(x, y);
            default: return (int) binary(fn, x, y);
        }
    }

    public static int integer(UnaryFn fn, int x) {
        switch (fn) {
            case NEG: return ScalarMath.neg(x);
            case ABS: return ScalarMath.abs(x);
            case SIGN: return ScalarMath.sign(x);
            case FLOOR: return ScalarMath.floor(x);
            case CEIL: return ScalarMath.ceil(x);
            case ROUND: return ScalarMath.round(x);
            default: throw new IllegalArgumentException(fn + " on i32");
        }
    }

    /** Integer power by squaring, wrapping; a negative exponent gives 1/x^n truncated (0 unless |x| == 1). */
    public static int power(int base, int exponent) {
        return ScalarMath.pow(base, exponent);
    }

    /** Python's and NumPy's %: the result has the sign of the divisor. */
    public static double floorMod(double x, double y) {
        return ScalarMath.mod(x, y);
    }

    /** NaN-propagating minimum, like NumPy's minimum and min reductions. */
    public static double min(double x, double y) {
        return ScalarMath.min(x, y);
    }

    public static double max(double x, double y) {
        return ScalarMath.max(x, y);
    }
}
