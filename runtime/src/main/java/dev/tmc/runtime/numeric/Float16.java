// IEEE 754 binary16 ("half", f16) held as raw short bits, rounded to nearest even straight from f64.
package dev.tmc.runtime.numeric;

/**
 * Conversions between {@code double} and IEEE 754 binary16 (1 sign, 5 exponent, 10 fraction bits).
 *
 * <p>Rounding goes directly from {@code double}: going through {@code float} first would round
 * twice and can land on the wrong neighbour when the float result sits exactly on a half-way point.
 */
public final class Float16 {
    /** The largest finite half, 65504 = (2 - 2^-10) * 2^15, bits 0x7bff. */
    public static final double MAX_VALUE = 65504.0;

    private static final int EXPONENT_BIAS = 15;
    private static final int FRACTION_BITS = 10;
    private static final int MIN_NORMAL_EXPONENT = -14;
    /** Subnormals are integer multiples of 2^-24. */
    private static final int SUBNORMAL_SCALE = 24;
    private static final int SIGN = 0x8000;
    private static final int INFINITY = 0x7c00;
    private static final int QUIET_NAN = 0x7e00;

    private Float16() {}

    /** The half nearest to {@code d} (ties to even); NaN keeps its sign and becomes the quiet NaN. */
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
            // Subnormal range: scaling by a power of two is exact and rint rounds half to even, so
            // the count of 2^-24 quanta is correctly rounded; 1024 quanta is the smallest normal,
            // whose bit pattern is also 1024.
            return (short) (sign | (int) Math.rint(Math.scalb(a, SUBNORMAL_SCALE)));
        }
        // Significand scaled into [1024, 2048]; a round-up to 2048 carries into the exponent field
        // by plain addition, and a carry past the top exponent yields exactly the infinity pattern.
        int significand = (int) Math.rint(Math.scalb(a, FRACTION_BITS - e));
        int bits = ((e + EXPONENT_BIAS) << FRACTION_BITS) + significand - (1 << FRACTION_BITS);
        return (short) (sign | Math.min(bits, INFINITY));
    }

    /** Exact widening followed by a single rounding, so this is correctly rounded too. */
    public static short fromFloat(float f) {
        return fromDouble(f);
    }

    /** The exact value of the half (every half is representable as a double). */
    public static double toDouble(short h) {
        int bits = h & 0xffff;
        int exponentField = (bits & INFINITY) >>> FRACTION_BITS;
        int fraction = bits & ((1 << FRACTION_BITS) - 1);
        double magnitude;
        if (exponentField == 0) {
            magnitude = Math.scalb((double) fraction, -SUBNORMAL_SCALE);
        } else if (exponentField == 0x1f) {
            magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            int significand = fraction | (1 << FRACTION_BITS);
            magnitude = Math.scalb((double) significand, exponentField - EXPONENT_BIAS - FRACTION_BITS);
        }
        return (bits & SIGN) != 0 ? -magnitude : magnitude;
    }

    /** Exact: every half is representable as a float. */
    public static float toFloat(short h) {
        return (float) toDouble(h);
    }

    public static boolean isNaN(short h) {
        return (h & 0x7fff) > INFINITY;
    }
}
