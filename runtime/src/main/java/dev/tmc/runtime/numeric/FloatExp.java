// exp of a float for the CPU kernels: range reduction by ln 2 / 16, a table and a short polynomial, in double,
// instead of Math.exp's double-precision stub; within an ulp of the correctly rounded result over the whole f32 range.
package dev.tmc.runtime.numeric;

/**
 * {@code exp(x) = 2^(n/16) * exp(r)} with {@code n = round(16 x / ln 2)} and {@code |r| <= ln 2 / 32}: 2^(n/16) is
 * a power of two times one of 16 table entries, and exp(r) is its Taylor polynomial of degree 4 (relative error
 * below 5e-11, a thousandth of a float ulp), evaluated by Estrin's scheme so that the multiplications overlap.
 * Double arithmetic makes the reduction exact enough without a Cody-Waite split ({@code |n| <= 2400}) and lets the
 * one cast to float round overflow to infinity and tiny results to subnormals or zero, as a correctly rounded exp
 * would.
 */
final class FloatExp {
    // ln(2^-150) > -104: below, every result rounds to +0; ln(Float.MAX_VALUE) < 89: above, to +inf. Clamping
    // there keeps the scale a normal double and sends the infinities to 0 and +inf. NaN fails both comparisons.
    private static final double LOW = -104.0;
    private static final double HIGH = 89.0;
    private static final double LN2_16 = 0x1.62e42fefa39efp-1 / 16;
    private static final double INV_LN2_16 = 16 * 0x1.71547652b82fep0;
    // Adding 1.5 * 2^52 rounds a double below 2^51 in magnitude to an integer kept in the sum's low bits.
    private static final double ROUNDER = 0x1.8p52;
    /** 2^(j/16), j = 0..15, each within a double ulp. */
    private static final double[] FRACTIONS = fractions();

    private FloatExp() {}

    static float exp(float x) {
        double d = x < LOW ? LOW : x > HIGH ? HIGH : x;
        double t = d * INV_LN2_16 + ROUNDER;
        double n = t - ROUNDER;
        double r = d - n * LN2_16;
        return (float) (taylor(r) * scale(Double.doubleToRawLongBits(t)));
    }

    /** 2^(n/16) for the n in the low bits of {@code rounded}; NaN's bits give 1, and the product stays NaN. */
    private static double scale(long rounded) {
        double power = Double.longBitsToDouble((((rounded >> 4) + 1023) & 0x7ff) << 52);
        return power * FRACTIONS[(int) rounded & 15];
    }

    /** Sum of r^i / i! for i <= 4, by Estrin's scheme. */
    static double taylor(double r) {
        double r2 = r * r;
        return (1.0 + r) + r2 * ((1.0 / 2 + r * (1.0 / 6)) + r2 * (1.0 / 24));
    }

    static double[] fractions() {
        double[] f = new double[16];
        for (int j = 0; j < 16; j++) {
            f[j] = StrictMath.pow(2.0, j / 16.0);
        }
        return f;
    }
}
