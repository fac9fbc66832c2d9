// FloatExp against StrictMath.exp rounded to float: special values, the overflow and underflow edges, a dense
// sweep of the float range, and all 2^32 floats with -Dtmc.exhaustive=true.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class FloatExpTest {
    /** fdlibm's exp (under a double ulp) rounded once: the correctly rounded float unless exp(x) is that close to a tie. */
    private static float rounded(float x) {
        return (float) StrictMath.exp(x);
    }

    /** Distance in floats between two finite or infinite values of one sign (NaN: both NaN or Integer.MAX_VALUE). */
    private static int ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Integer.MAX_VALUE;
        }
        return Math.abs(Float.floatToRawIntBits(a) - Float.floatToRawIntBits(b));
    }

    private static int check(int bits) {
        float x = Float.intBitsToFloat(bits);
        int d = ulps(FloatExp.exp(x), rounded(x));
        if (d > 1) { // the message only on failure: the sweeps call this billions of times
            fail("exp(" + x + ") = " + FloatExp.exp(x) + ", the rounded exp is " + rounded(x));
        }
        return d;
    }

    @Test
    void specialValues() {
        assertEquals(1.0f, FloatExp.exp(0.0f));
        assertEquals(1.0f, FloatExp.exp(-0.0f));
        assertEquals(Float.POSITIVE_INFINITY, FloatExp.exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.floatToRawIntBits(0.0f), Float.floatToRawIntBits(FloatExp.exp(Float.NEGATIVE_INFINITY)));
        assertTrue(Float.isNaN(FloatExp.exp(Float.NaN)));
        assertTrue(Float.isNaN(FloatExp.exp(Float.intBitsToFloat(0xffc00001))));
        assertEquals(Float.POSITIVE_INFINITY, FloatExp.exp(Float.MAX_VALUE));
        assertEquals(Float.floatToRawIntBits(0.0f), Float.floatToRawIntBits(FloatExp.exp(-Float.MAX_VALUE)));
        assertEquals(1.0f, FloatExp.exp(Float.MIN_VALUE));
        assertEquals(1.0f, FloatExp.exp(-Float.MIN_VALUE));
        assertEquals((float) Math.E, FloatExp.exp(1.0f));
    }

    /**
     * Around ln(Float.MAX_VALUE), where results turn infinite, ln(2^-126), where they turn subnormal, and ln(2^-149)
     * and ln(2^-150), the last subnormal and zero: within an ulp, and infinite or zero exactly where the rounded exp is.
     */
    @Test
    void overflowAndUnderflowEdges() {
        for (float edge : new float[] {88.72284f, -87.33655f, -103.27893f, -103.972076f}) {
            int at = Float.floatToRawIntBits(edge);
            for (int bits = at - 4096; bits <= at + 4096; bits++) {
                float x = Float.intBitsToFloat(bits);
                float want = rounded(x);
                float got = FloatExp.exp(x);
                check(bits);
                assertEquals(Float.isInfinite(want), Float.isInfinite(got), "exp(" + x + ") = " + got);
                assertEquals(want == 0, got == 0, "exp(" + x + ") = " + got);
            }
        }
        assertEquals(Float.POSITIVE_INFINITY, FloatExp.exp(88.72284f));
        assertTrue(FloatExp.exp(Math.nextDown(88.72284f)) < Float.POSITIVE_INFINITY);
        assertEquals(Float.MIN_VALUE, FloatExp.exp(-103.27893f));
        assertEquals(0.0f, FloatExp.exp(-104f));
    }

    /** Every 1021st float of either sign: within an ulp, and nearly always the rounded exp. */
    @Test
    void denseSweepIsWithinAnUlp() {
        long checked = 0;
        long off = 0;
        for (long bits = 0; bits <= 0xffff_ffffL; bits += 1021) {
            off += check((int) bits);
            checked++;
        }
        assertTrue(off * 1000 < checked, off + " of " + checked + " floats off by an ulp");
        System.out.println("FloatExp: " + off + " of " + checked + " swept floats one ulp from the rounded StrictMath.exp");
    }

    @Test
    void taylorPolynomialIsExpWithinFiveHundredthsOfABillionth() {
        double end = Math.log(2) / 32 + 1e-9;
        for (double r = -end; r <= end; r += 1e-5) {
            assertEquals(1.0, FloatExp.taylor(r) / StrictMath.exp(r), 5e-11, "r = " + r);
        }
    }

    @Test
    void fractionsArePowersOfTwoWithinAnUlp() {
        double[] f = FloatExp.fractions();
        for (int j = 0; j < 16; j++) {
            BigDecimal sixteenth = new BigDecimal(f[j]).pow(16, MathContext.DECIMAL128);
            BigDecimal want = BigDecimal.valueOf(2).pow(j);
            double relative = sixteenth.subtract(want).abs().divide(want, MathContext.DECIMAL64).doubleValue() / 16;
            assertTrue(relative <= Math.ulp(f[j]) / f[j], "2^(" + j + "/16): " + f[j]);
        }
    }

    /** All 2^32 floats (a few minutes on one core); run with -Dtmc.exhaustive=true. */
    @Test
    @EnabledIfSystemProperty(named = "tmc.exhaustive", matches = "true")
    void everyFloat() {
        long off = 0;
        int bits = 0;
        do {
            off += check(bits);
            bits++;
        } while (bits != 0);
        System.out.println("FloatExp: " + off + " of 2^32 floats one ulp from the rounded StrictMath.exp");
    }
}
