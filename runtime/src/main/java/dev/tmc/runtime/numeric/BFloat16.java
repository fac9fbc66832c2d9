// bfloat16 (bf16) held as raw short bits, rounded to nearest even straight from f64.
package dev.tmc.runtime.numeric;

/**
 * Conversions between {@code double} and bfloat16 (1 sign, 8 exponent, 7 fraction bits: the top
 * half of an IEEE binary32), with subnormals, infinities and NaN as in binary32.
 *
 * <p>Rounding goes directly from {@code double}: going through {@code float} first would round
 * twice and can land on the wrong neighbour when the float result sits exactly on a half-way point.
 */
public final class BFloat16 {
    /** The largest finite bf16, (2 - 2^-7) * 2^127, bits 0x7f7f. */
    public static final double MAX_VALUE = Math.scalb(255.0, 120);

    private static final int EXPONENT_BIAS = 127;
    private static final int FRACTION_BITS = 7;
    private static final int MIN_NORMAL_EXPONENT = -126;
    /** Subnormals are integer multiples of 2^-133. */
    private static final int SUBNORMAL_SCALE = 133;
    private static final int SIGN = 0x8000;
    private static final int INFINITY = 0x7f80;
    private static final int QUIET_NAN = 0x7fc0;

    private BFloat16() {}

    /** The bf16 nearest to {@code d} (ties to even); NaN keeps its sign and becomes the quiet NaN. */
    public static short fromDouble(double d) {
        int sign = Double.doubleToRawLongBits(d) < 0 ? SIGN : 0;
        if (Double.isNaN(d)) {
            return (short) (sign | QUIET_NAN);
        }
        double a = Math.abs(d);
        int e = Math.getExponent(a);
        if (e > EXPONENT_BIAS) {
            return (short) (sign | INFINITY); // also catches infinity (exponent 1024)
        }
        if (e < MIN_NORMAL_EXPONENT) {
            // Subnormal range (double subnormals land here too and round to zero): an exact
            // power-of-two scaling, then rint rounds half to even; 128 quanta is the smallest
            // normal, whose bit pattern is also 128.
            return (short) (sign | (int) Math.rint(Math.scalb(a, SUBNORMAL_SCALE)));
        }
        // Significand scaled into [128, 256]; a round-up to 256 carries into the exponent field by
        // plain addition, and a carry past the top exponent yields exactly the infinity pattern.
        int significand = (int) Math.rint(Math.scalb(a, FRACTION_BITS - e));
        int bits = ((e + EXPONENT_BIAS) << FRACTION_BITS) + significand - (1 << FRACTION_BITS);
        return (short) (sign | Math.min(bits, INFINITY));
    }

    /**
     * The bf16 nearest to {@code f} (ties to even), as {@link #fromDouble} would give: a bf16 is the
     * top half of a float, so rounding away the low 16 bits (half to even, a carry bumping the
     * exponent and at the top reaching exactly the infinity pattern) is the whole conversion.
     */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fff_ffff) > 0x7f80_0000) {
            return (short) (((bits >>> 16) & SIGN) | QUIET_NAN);
        }
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    /** The exact value of the bf16 (every bf16 is representable as a float, hence a double). */
    public static double toDouble(short b) {
        return toFloat(b);
    }

    /** Exact: bf16 bits are the top 16 bits of the binary32 with the same value. */
    public static float toFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    public static boolean isNaN(short b) {
        return (b & 0x7fff) > INFINITY;
    }
}
