// exp and erf of a float in float arithmetic (fused multiply-adds, no table, no branch in exp), written so that
// FloatVectorFunctions computes the same operations lane by lane: the two give bit-identical results.
package dev.tmc.runtime.numeric;

/**
 * The scalar twin of {@link FloatVectorFunctions}: every operation here has its lanewise counterpart there, in the
 * same order ({@link Math#fma} where the vector code fuses), so a kernel gives the same bits with or without the
 * Vector API. Both are within about an ulp of the correctly rounded result over all floats (see FloatFunctionsTest).
 *
 * <p>exp: {@code exp(x) = 2^n * p(r)} with {@code n = round(x / ln 2)} and {@code r = x - n ln 2} reduced by two
 * fused steps (ln 2 split into a float and its remainder), so {@code |r| <= ln 2 / 2}; {@code p(r) = 1 + r + r^2
 * q(r)} with q a degree-4 fit (relative error 3e-9). The scale goes on in two halves so that a subnormal result is
 * rounded once, by the last multiplication; clamping x to [-104, 89] first sends overflow to +inf and underflow to
 * +0 and keeps n within the halves' normal range, and NaN passes both clamps.
 *
 * <p>erf: below {@value #ERF_SPLIT}, {@code erf(x) = x + x P(x^2)} (one fma; P a degree-6 fit, error 4e-10);
 * above, {@code 1 - exp(-t^2 + R(t))} with {@code R(t) = log(erfc(t)) + t^2}, a smooth function fitted in
 * {@code t - 2.421875} to degree 6, and t clamped at 4, where erf rounds to 1. Odd by copying x's sign.
 */
final class FloatFunctions {
    static final float EXP_LOW = -104f;
    static final float EXP_HIGH = 89f;
    static final float LOG2E = 0x1.715476p0f;
    /** 1.5 * 2^23: t = x log2e + this rounds x log2e to an integer n kept in t's low bits. */
    static final float ROUNDER = 0x1.8p23f;
    static final int ROUNDER_BITS = 0x4b40_0000;
    static final float LN2_HI = 0x1.62e430p-1f;
    static final float LN2_LO = -0x1.05c610p-29f;
    static final float E2 = 0x1.fffffcp-2f;
    static final float E3 = 0x1.555492p-3f;
    static final float E4 = 0x1.5558f2p-5f;
    static final float E5 = 0x1.1239d4p-7f;
    static final float E6 = 0x1.6a244ap-10f;

    static final float ERF_SPLIT = 0.921875f;
    static final float ERF_SATURATION = 4f;
    static final float ERF_CENTER = 2.421875f;
    static final float A0 = 0x1.06eba8p-3f;
    static final float A1 = -0x1.812744p-2f;
    static final float A2 = 0x1.ce2e30p-4f;
    static final float A3 = -0x1.b811c4p-6f;
    static final float A4 = 0x1.54e662p-8f;
    static final float A5 = -0x1.ab4958p-11f;
    static final float A6 = 0x1.603c18p-14f;
    static final float B0 = -0x1.876718p0f;
    static final float B1 = -0x1.725866p-2f;
    static final float B2 = 0x1.e11eccp-5f;
    static final float B3 = -0x1.76e93ep-7f;
    static final float B4 = 0x1.567306p-9f;
    static final float B5 = -0x1.9d27e4p-13f;
    static final float B6 = 0x1.9a76e2p-13f;

    private FloatFunctions() {}

    static float exp(float x) {
        float d = x < EXP_LOW ? EXP_LOW : x > EXP_HIGH ? EXP_HIGH : x; // NaN stays NaN
        float t = Math.fma(d, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, d);
        r = Math.fma(n, -LN2_LO, r);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(r, E6, E5), r, E4), r, E3), r, E2);
        float p = Math.fma(q, r * r, r) + 1f;
        int k = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        int k1 = k >> 1;
        int k2 = k - k1;
        return p * Float.intBitsToFloat((k1 + 127) << 23) * Float.intBitsToFloat((k2 + 127) << 23);
    }

    static float erf(float x) {
        float a = Math.abs(x);
        if (a < ERF_SPLIT) {
            float s = x * x;
            float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(s, A6, A5), s, A4), s, A3), s, A2), s, A1),
                    s, A0);
            return Math.fma(x, p, x);
        }
        float t = a > ERF_SATURATION ? ERF_SATURATION : a; // NaN stays NaN
        float u = t - ERF_CENTER;
        float r = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(u, B6, B5), u, B4), u, B3), u, B2), u, B1),
                u, B0);
        return Math.copySign(1f - exp(Math.fma(-t, t, r)), x);
    }

    static void exp(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = exp(a[i]);
        }
    }

    static void erf(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = erf(a[i]);
        }
    }
}
