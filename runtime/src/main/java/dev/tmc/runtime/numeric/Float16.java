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

    // Constants of the float-bit conversion (see fromFloat).
    private static final int FLOAT_INFINITY = 0x7f80_0000;
    /** 65520.0f: the midpoint between the largest half and 2^16, rounding to infinity. */
    private static final int FLOAT_ROUNDS_TO_INFINITY = 0x477f_f000;
    /** 2^-14, the smallest normal half. */
    private static final int FLOAT_MIN_NORMAL_HALF = 0x3880_0000;
    /** (127 - 15) in the float's exponent field. */
    private static final int REBIAS = (127 - EXPONENT_BIAS) << 23;
    private static final int DROPPED_BITS = 23 - FRACTION_BITS;
    private static final int ROUNDING_BIAS = (1 << (DROPPED_BITS - 1)) - 1;
    private static final int HALF_BITS_OF_ONE_HALF = 0x3f00_0000;

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

    /**
     * The half nearest to {@code f} (ties to even), as {@link #fromDouble} would give, by integer
     * operations on the float's bits: this is the conversion generated kernels call per element.
     */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & SIGN;
        int magnitude = bits & 0x7fff_ffff;
        if (magnitude >= FLOAT_ROUNDS_TO_INFINITY) {
            // NaN (keeping its sign, made quiet), infinity, and everything from 65520 (the tie
            // between 65504 and 2^16, whose even neighbour is the overflow) up.
            return (short) (sign | (magnitude > FLOAT_INFINITY ? QUIET_NAN : INFINITY));
        }
        if (magnitude >= FLOAT_MIN_NORMAL_HALF) {
            // Rebias the exponent from 127 to 15, then round away the 13 fraction bits a half lacks,
            // half to even; a carry out of the fraction correctly bumps the exponent.
            int rebiased = magnitude - REBIAS;
            int rounded = rebiased + ROUNDING_BIAS + ((rebiased >>> DROPPED_BITS) & 1);
            return (short) (sign | (rounded >>> DROPPED_BITS));
        }
        // Subnormal half: adding 0.5f puts the value where the float's ulp is exactly 2^-24, the
        // half's quantum, so the hardware's round-to-nearest-even rounds it, and the low bits of
        // the sum count the quanta (1024 of them being the smallest normal, bits 0x0400).
        float shifted = Float.intBitsToFloat(magnitude) + 0.5f;
        return (short) (sign | (Float.floatToRawIntBits(shifted) - HALF_BITS_OF_ONE_HALF));
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

    /**
     * Exact (every half is a float); NaN payloads are kept. One load from a table of all 65536
     * halves: generated kernels call this per element, and the load is several times cheaper than
     * the branches of {@link #toFloatByBits}, which the table holds the results of.
     */
    public static float toFloat(short h) {
        return FLOATS_OF_EVERY_HALF[h & 0xffff];
    }

    /**
     * The f16 value nearest to {@code f} (ties to even) as a float: {@code toFloat(fromFloat(f))}.
     * Where that is a normal half, rounding the float's own bits to the half's 10 fraction bits
     * gives it directly (the exponent is the same in both formats there); elsewhere it takes the
     * conversion round trip. Kernels call this after every f16 operation.
     */
    public static float round(float f) {
        int bits = Float.floatToRawIntBits(f);
        int magnitude = bits & 0x7fff_ffff;
        if (magnitude >= FLOAT_MIN_NORMAL_HALF && magnitude < FLOAT_ROUNDS_TO_INFINITY) {
            // Below 65520 no carry reaches the sign; a carry out of the fraction bumps the exponent.
            int rounded = bits + ROUNDING_BIAS + ((bits >>> DROPPED_BITS) & 1);
            return Float.intBitsToFloat(rounded & -(1 << DROPPED_BITS));
        }
        return toFloat(fromFloat(f));
    }

    private static final float[] FLOATS_OF_EVERY_HALF = floatsOfEveryHalf();

    private static float[] floatsOfEveryHalf() {
        float[] table = new float[1 << 16];
        for (int h = 0; h < table.length; h++) {
            table[h] = toFloatByBits((short) h);
        }
        return table;
    }

    /** {@link #toFloat} by moving the bits, which fills its table. */
    static float toFloatByBits(short h) {
        int bits = h & 0xffff;
        int sign = (bits & SIGN) << 16;
        int exponentField = (bits & INFINITY) >>> FRACTION_BITS;
        int fraction = bits & ((1 << FRACTION_BITS) - 1);
        if (exponentField == 0) {
            float magnitude = fraction * 0x1p-24f; // exact: a subnormal is fraction quanta of 2^-24
            return Float.intBitsToFloat(sign | Float.floatToRawIntBits(magnitude));
        }
        int floatExponent = exponentField == 0x1f ? 0xff : exponentField + (127 - EXPONENT_BIAS);
        return Float.intBitsToFloat(sign | floatExponent << 23 | fraction << DROPPED_BITS);
    }

    public static boolean isNaN(short h) {
        return (h & 0x7fff) > INFINITY;
    }
}
