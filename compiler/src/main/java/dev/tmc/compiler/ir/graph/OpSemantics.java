// What each elementwise function means on f64 and on 32-bit integers. The reference interpreter and
// constant folding both use these definitions; code generators must match them.
package dev.tmc.compiler.ir.graph;

import dev.tmc.runtime.numeric.Erf;

public final class OpSemantics {
    private static final double LN2 = Math.log(2.0);

    private OpSemantics() {
    }

    public static double unary(UnaryFn fn, double x) {
        switch (fn) {
            case NEG: return -x;
            case NOT: return x != 0 ? 0 : 1;
            case ABS: return Math.abs(x);
            case SIGN: return Double.isNaN(x) ? x : Math.signum(x) + 0.0;
            case FLOOR: return Math.floor(x);
            case CEIL: return Math.ceil(x);
            case ROUND: return Math.rint(x); // half to even, as NumPy rounds
            case EXP: return Math.exp(x);
            case EXP2: return Math.pow(2.0, x);
            case LOG: return Math.log(x);
            case LOG2: return log2(x);
            case LOG1P: return Math.log1p(x);
            case SQRT: return Math.sqrt(x);
            case RSQRT: return 1.0 / Math.sqrt(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-x));
            case ERF: return Erf.erf(x);
            default: throw new AssertionError(fn);
        }
    }

    private static double log2(double x) {
        if (x > 0 && x < Double.POSITIVE_INFINITY && Math.getExponent(x) >= Double.MIN_EXPONENT
                && (Double.doubleToRawLongBits(x) & 0x000f_ffff_ffff_ffffL) == 0) {
            return Math.getExponent(x); // exact for powers of two
        }
        return Math.log(x) / LN2;
    }

    /** Float meaning of a binary function; comparisons and logic give 1 or 0. */
    public static double binary(BinaryFn fn, double x, double y) {
        switch (fn) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case MOD: return floorMod(x, y);
            case POW: return y == 2 ? x * x : Math.pow(x, y); // x**2 is exactly x*x on every target
            case MIN: return min(x, y);
            case MAX: return max(x, y);
            case EQ: return x == y ? 1 : 0;
            case NE: return x != y ? 1 : 0;
            case LT: return x < y ? 1 : 0;
            case LE: return x <= y ? 1 : 0;
            case GT: return x > y ? 1 : 0;
            case GE: return x >= y ? 1 : 0;
            case AND: return x != 0 && y != 0 ? 1 : 0;
            case OR: return x != 0 || y != 0 ? 1 : 0;
            default: throw new AssertionError(fn);
        }
    }

    /** i32 meaning of an arithmetic function: wraps like Java and Metal ints; x % 0 is 0. */
    public static int integer(BinaryFn fn, int x, int y) {
        switch (fn) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case MOD: return y == 0 ? 0 : Math.floorMod(x, y);
            case POW: return power(x, y);
            case MIN: return Math.min(x, y);
            case MAX: return Math.max(x, y);
            default: return (int) binary(fn, x, y);
        }
    }

    public static int integer(UnaryFn fn, int x) {
        switch (fn) {
            case NEG: return -x;
            case ABS: return Math.abs(x);
            case SIGN: return Integer.signum(x);
            case FLOOR: case CEIL: case ROUND: return x;
            default: throw new IllegalArgumentException(fn + " on i32");
        }
    }

    /** Integer power by squaring, wrapping; a negative exponent gives 1/x^n truncated (0 unless |x| == 1). */
    public static int power(int base, int exponent) {
        if (exponent < 0) {
            if (base == 1) {
                return 1;
            }
            if (base == -1) {
                return (exponent & 1) == 0 ? 1 : -1;
            }
            return 0;
        }
        int result = 1;
        int b = base;
        int e = exponent;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
            e >>= 1;
        }
        return result;
    }

    /** Python's and NumPy's %: the result has the sign of the divisor. */
    public static double floorMod(double x, double y) {
        double r = x % y;
        if (r != 0 && (r < 0) != (y < 0)) {
            r += y;
        }
        return r;
    }

    /** NaN-propagating minimum, like NumPy's minimum and min reductions. */
    public static double min(double x, double y) {
        return Math.min(x, y);
    }

    public static double max(double x, double y) {
        return Math.max(x, y);
    }
}
