// The one definition of what every elementwise op means on f64 and on i32 (the compiler's reference
// interpreter, constant folding and the runtime's host values all call these), plus the f32 and
// f16/bf16 helpers that generated Java kernels call per element.
package dev.tmc.runtime.numeric;

/**
 * Methods are named by the op's spelling in the IR ({@code neg}, {@code mod}, {@code sigmoid} ...).
 *
 * <ul>
 *   <li>{@code double} overloads are the reference meaning; comparisons and logic give 1 or 0.
 *   <li>{@code int} overloads are the i32 meaning: arithmetic wraps, {@code x % 0 == 0}.
 *   <li>{@code float} overloads are what a kernel computing in f32 calls. Except {@link #erf(float)} and
 *       {@link #exp(float)} (each within an ulp, computed in float so that {@link BlockMath} gives the same bits
 *       with the Vector API, and what the kernel interpreter computes for f32),
 *       each is the f64 meaning rounded once to float, so a single op agrees exactly with the
 *       reference rounded at a store; Math's double functions are intrinsics and cost about what
 *       float versions would, except exp, the cost of softmax.
 * </ul>
 *
 * <p>Nothing here allocates.
 */
public final class ScalarMath {
    private static final double LN2 = Math.log(2.0);

    private ScalarMath() {}

    // ---- f64: unary -------------------------------------------------------------------------

    public static double neg(double x) {
        return -x;
    }

    /** Logical not of a bool held as 1/0: nonzero (NaN included) is true. */
    public static double not(double x) {
        return x != 0 ? 0 : 1;
    }

    public static double abs(double x) {
        return Math.abs(x);
    }

    /** -1, 0 or 1; sign(NaN) is NaN and sign(-0) is +0. */
    public static double sign(double x) {
        return Double.isNaN(x) ? x : Math.signum(x) + 0.0;
    }

    public static double floor(double x) {
        return Math.floor(x);
    }

    public static double ceil(double x) {
        return Math.ceil(x);
    }

    /** Half to even, as NumPy rounds. */
    public static double round(double x) {
        return Math.rint(x);
    }

    public static double exp(double x) {
        return Math.exp(x);
    }

    public static double exp2(double x) {
        return Math.pow(2.0, x);
    }

    public static double log(double x) {
        return Math.log(x);
    }

    /** Exact for normal powers of two, so log2(8) is 3 and not 2.9999999999999996. */
    public static double log2(double x) {
        if (x > 0 && x < Double.POSITIVE_INFINITY && Math.getExponent(x) >= Double.MIN_EXPONENT
                && (Double.doubleToRawLongBits(x) & 0x000f_ffff_ffff_ffffL) == 0) {
            return Math.getExponent(x);
        }
        return Math.log(x) / LN2;
    }

    public static double log1p(double x) {
        return Math.log1p(x);
    }

    public static double sqrt(double x) {
        return Math.sqrt(x);
    }

    public static double rsqrt(double x) {
        return 1.0 / Math.sqrt(x);
    }

    public static double sin(double x) {
        return Math.sin(x);
    }

    public static double cos(double x) {
        return Math.cos(x);
    }

    public static double tanh(double x) {
        return Math.tanh(x);
    }

    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    public static double erf(double x) {
        return Erf.erf(x);
    }

    // ---- f64: binary ------------------------------------------------------------------------

    public static double add(double x, double y) {
        return x + y;
    }

    public static double sub(double x, double y) {
        return x - y;
    }

    public static double mul(double x, double y) {
        return x * y;
    }

    public static double div(double x, double y) {
        return x / y;
    }

    /** Python's and NumPy's %: floored, so the result has the sign of the divisor. */
    public static double mod(double x, double y) {
        double r = x % y;
        if (r != 0 && (r < 0) != (y < 0)) {
            r += y;
        }
        return r;
    }

    /** x**2 is exactly x*x, as every target computes it. */
    public static double pow(double x, double y) {
        return y == 2 ? x * x : Math.pow(x, y);
    }

    /** NaN-propagating, like NumPy's minimum; -0 is below +0. */
    public static double min(double x, double y) {
        return Math.min(x, y);
    }

    /** NaN-propagating, like NumPy's maximum; +0 is above -0. */
    public static double max(double x, double y) {
        return Math.max(x, y);
    }

    public static double eq(double x, double y) {
        return x == y ? 1 : 0;
    }

    public static double ne(double x, double y) {
        return x != y ? 1 : 0;
    }

    public static double lt(double x, double y) {
        return x < y ? 1 : 0;
    }

    public static double le(double x, double y) {
        return x <= y ? 1 : 0;
    }

    public static double gt(double x, double y) {
        return x > y ? 1 : 0;
    }

    public static double ge(double x, double y) {
        return x >= y ? 1 : 0;
    }

    public static double and(double x, double y) {
        return x != 0 && y != 0 ? 1 : 0;
    }

    public static double or(double x, double y) {
        return x != 0 || y != 0 ? 1 : 0;
    }

    // ---- i32 --------------------------------------------------------------------------------

    /** Wraps: neg(MIN_VALUE) is MIN_VALUE. */
    public static int neg(int x) {
        return -x;
    }

    /** floor, ceil and round are the identity on integers. */
    public static int floor(int x) {
        return x;
    }

    public static int ceil(int x) {
        return x;
    }

    public static int round(int x) {
        return x;
    }

    public static int add(int x, int y) {
        return x + y;
    }

    public static int sub(int x, int y) {
        return x - y;
    }

    public static int mul(int x, int y) {
        return x * y;
    }

    /** Wraps: abs(MIN_VALUE) is MIN_VALUE, as on Metal. */
    public static int abs(int x) {
        return Math.abs(x);
    }

    public static int sign(int x) {
        return Integer.signum(x);
    }

    /** Floored, with the divisor's sign; {@code x % 0 == 0} rather than a trap. */
    public static int mod(int x, int y) {
        return y == 0 ? 0 : Math.floorMod(x, y);
    }

    /**
     * Power by squaring, wrapping; a negative exponent gives 1/x^n truncated toward zero, which is
     * 0 unless |x| == 1 (and 0 ** -n, a division by zero, is 0 too).
     */
    public static int pow(int base, int exponent) {
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

    public static int min(int x, int y) {
        return Math.min(x, y);
    }

    public static int max(int x, int y) {
        return Math.max(x, y);
    }

    // ---- f32 --------------------------------------------------------------------------------

    public static float abs(float x) {
        return Math.abs(x);
    }

    public static float sign(float x) {
        return Float.isNaN(x) ? x : Math.signum(x) + 0.0f;
    }

    public static float floor(float x) {
        return (float) Math.floor(x);
    }

    public static float ceil(float x) {
        return (float) Math.ceil(x);
    }

    public static float round(float x) {
        return (float) Math.rint(x);
    }

    /** Within one float ulp of the correctly rounded exp, the same bits as {@link BlockMath#exp}; see {@link FloatFunctions}. */
    public static float exp(float x) {
        return FloatFunctions.exp(x);
    }

    public static float exp2(float x) {
        return (float) exp2((double) x);
    }

    public static float log(float x) {
        return (float) Math.log(x);
    }

    public static float log2(float x) {
        return (float) log2((double) x);
    }

    public static float log1p(float x) {
        return (float) Math.log1p(x);
    }

    public static float sqrt(float x) {
        return (float) Math.sqrt(x);
    }

    public static float rsqrt(float x) {
        return (float) (1.0 / Math.sqrt(x));
    }

    public static float sin(float x) {
        return (float) Math.sin(x);
    }

    public static float cos(float x) {
        return (float) Math.cos(x);
    }

    public static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    public static float sigmoid(float x) {
        return (float) sigmoid((double) x);
    }

    /** Within one float ulp of the correctly rounded erf, the same bits as {@link BlockMath#erf}; see {@link FloatFunctions}. */
    public static float erf(float x) {
        return FloatFunctions.erf(x);
    }

    public static float mod(float x, float y) {
        return (float) mod((double) x, (double) y);
    }

    public static float pow(float x, float y) {
        return y == 2 ? x * x : (float) Math.pow(x, y);
    }

    public static float min(float x, float y) {
        return Math.min(x, y);
    }

    public static float max(float x, float y) {
        return Math.max(x, y);
    }

    // ---- f16 and bf16 (kernels compute them in f32 and round where the IR rounds) -----------

    /** The f16 value nearest to {@code x} (ties to even), as a float; NaN stays NaN, overflow is inf. */
    public static float f16(float x) {
        return Float16.round(x);
    }

    /** The bf16 value nearest to {@code x} (ties to even), as a float. */
    public static float bf16(float x) {
        int bits = Float.floatToRawIntBits(x);
        if ((bits & 0x7fff_ffff) > 0x7f80_0000) {
            return x;
        }
        return Float.intBitsToFloat((bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff_0000);
    }

    /** IEEE binary16 bits of the f16 nearest to {@code x}, for storing into a short[] buffer. */
    public static short toF16Bits(float x) {
        return Float16.fromFloat(x);
    }

    /** The exact value of f16 bits, for loading from a short[] buffer. */
    public static float fromF16Bits(short bits) {
        return Float16.toFloat(bits);
    }

    public static short toBF16Bits(float x) {
        return BFloat16.fromFloat(x);
    }

    public static float fromBF16Bits(short bits) {
        return BFloat16.toFloat(bits);
    }
}
