// FloatFunctions' exp against StrictMath.exp and erf against the double Erf.erf, each rounded to float: special
// values, the edges where results overflow, underflow or saturate, a dense sweep of all floats, and every float with
// -Dtmc.exhaustive=true.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class FloatFunctionsTest {
    /** fdlibm's exp (under a double ulp) rounded once: the correctly rounded float unless exp(x) is that close to a tie. */
    private static float roundedExp(float x) {
        return (float) StrictMath.exp(x);
    }

    /** The double erf (a few double ulps) rounded once. */
    private static float roundedErf(float x) {
        return (float) Erf.erf((double) x);
    }

    /** Distance in floats between two values of one sign (NaN: both NaN or Integer.MAX_VALUE). */
    private static int ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Integer.MAX_VALUE;
        }
        if ((a < 0) != (b < 0) && a != 0 && b != 0) {
            return Integer.MAX_VALUE;
        }
        return Math.abs(Float.floatToRawIntBits(Math.abs(a)) - Float.floatToRawIntBits(Math.abs(b)));
    }

    private static int checkExp(int bits) {
        float x = Float.intBitsToFloat(bits);
        int d = ulps(FloatFunctions.exp(x), roundedExp(x));
        if (d > 1) { // the message only on failure: the sweeps call this billions of times
            fail("exp(" + x + ") = " + FloatFunctions.exp(x) + ", the rounded exp is " + roundedExp(x));
        }
        return d;
    }

    private static int checkErf(int bits) {
        float x = Float.intBitsToFloat(bits);
        float got = FloatFunctions.erf(x);
        int d = ulps(got, roundedErf(x));
        if (d > 1 || Float.floatToRawIntBits(got) != (Float.floatToRawIntBits(FloatFunctions.erf(-x)) ^ 0x8000_0000)
                && !Float.isNaN(x)) {
            fail("erf(" + x + ") = " + got + ", erf(-x) = " + FloatFunctions.erf(-x) + ", the rounded erf is "
                    + roundedErf(x));
        }
        return d;
    }

    @Test
    void expSpecialValues() {
        assertEquals(1.0f, FloatFunctions.exp(0.0f));
        assertEquals(1.0f, FloatFunctions.exp(-0.0f));
        assertEquals(Float.POSITIVE_INFINITY, FloatFunctions.exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.floatToRawIntBits(0.0f), Float.floatToRawIntBits(FloatFunctions.exp(Float.NEGATIVE_INFINITY)));
        assertTrue(Float.isNaN(FloatFunctions.exp(Float.NaN)));
        assertTrue(Float.isNaN(FloatFunctions.exp(Float.intBitsToFloat(0xffc00001))));
        assertEquals(Float.POSITIVE_INFINITY, FloatFunctions.exp(Float.MAX_VALUE));
        assertEquals(Float.floatToRawIntBits(0.0f), Float.floatToRawIntBits(FloatFunctions.exp(-Float.MAX_VALUE)));
        assertEquals(1.0f, FloatFunctions.exp(Float.MIN_VALUE));
        assertEquals(1.0f, FloatFunctions.exp(-Float.MIN_VALUE));
        assertEquals((float) Math.E, FloatFunctions.exp(1.0f));
    }

    /**
     * Around ln(Float.MAX_VALUE), where results turn infinite, ln(2^-126), where they turn subnormal, and ln(2^-149)
     * and ln(2^-150), the last subnormal and zero: within an ulp, and infinite or zero exactly where the rounded exp is.
     */
    @Test
    void expOverflowAndUnderflowEdges() {
        for (float edge : new float[] {88.72284f, -87.33655f, -103.27893f, -103.972076f}) {
            int at = Float.floatToRawIntBits(edge);
            for (int bits = at - 4096; bits <= at + 4096; bits++) {
                float x = Float.intBitsToFloat(bits);
                float want = roundedExp(x);
                float got = FloatFunctions.exp(x);
                checkExp(bits);
                assertEquals(Float.isInfinite(want), Float.isInfinite(got), "exp(" + x + ") = " + got);
                assertEquals(want == 0, got == 0, "exp(" + x + ") = " + got);
            }
        }
        assertEquals(Float.POSITIVE_INFINITY, FloatFunctions.exp(88.72284f));
        assertTrue(FloatFunctions.exp(Math.nextDown(88.72284f)) < Float.POSITIVE_INFINITY);
        assertEquals(Float.MIN_VALUE, FloatFunctions.exp(-103.27893f));
        assertEquals(0.0f, FloatFunctions.exp(-104f));
    }

    @Test
    void erfSpecialValues() {
        assertEquals(Float.floatToRawIntBits(0.0f), Float.floatToRawIntBits(FloatFunctions.erf(0.0f)));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(FloatFunctions.erf(-0.0f)));
        assertEquals(1.0f, FloatFunctions.erf(Float.POSITIVE_INFINITY));
        assertEquals(-1.0f, FloatFunctions.erf(Float.NEGATIVE_INFINITY));
        assertEquals(1.0f, FloatFunctions.erf(Float.MAX_VALUE));
        assertTrue(Float.isNaN(FloatFunctions.erf(Float.NaN)));
        assertTrue(Float.isNaN(FloatFunctions.erf(Float.intBitsToFloat(0xffc00001))));
        assertEquals(Float.MIN_VALUE, FloatFunctions.erf(Float.MIN_VALUE)); // 1.128 quanta rounds to one
        assertEquals(0.8427008f, FloatFunctions.erf(1.0f), Math.ulp(0.8427008f)); // erf(1) = 0.8427007929...
        assertEquals(-0.9953223f, FloatFunctions.erf(-2.0f), Math.ulp(0.9953223f)); // erf(2) = 0.9953222650...
    }

    /** Around the switch between the two forms, and where erf starts to round to 1. */
    @Test
    void erfEdges() {
        for (float edge : new float[] {FloatFunctions.ERF_SPLIT, 3.9192059f, FloatFunctions.ERF_SATURATION}) {
            int at = Float.floatToRawIntBits(edge);
            for (int bits = at - 4096; bits <= at + 4096; bits++) {
                checkErf(bits);
            }
        }
    }

    /** Every 1021st float of either sign: within an ulp, and nearly always the rounded value; erf odd. */
    @Test
    void denseSweepsAreWithinAnUlp() {
        long checked = 0;
        long expOff = 0;
        long erfOff = 0;
        for (long bits = 0; bits <= 0xffff_ffffL; bits += 1021) {
            expOff += checkExp((int) bits);
            erfOff += checkErf((int) bits);
            checked++;
        }
        assertTrue(expOff * 100 < checked, expOff + " of " + checked + " exps off by an ulp");
        assertTrue(erfOff * 100 < checked, erfOff + " of " + checked + " erfs off by an ulp");
        System.out.println("FloatFunctions: " + expOff + " exps and " + erfOff + " erfs of " + checked
                + " swept floats one ulp from the rounded reference");
    }

    /** All 2^32 floats (several minutes on one core); run with -Dtmc.exhaustive=true. */
    @Test
    @EnabledIfSystemProperty(named = "tmc.exhaustive", matches = "true")
    void everyFloat() {
        long expOff = 0;
        long erfOff = 0;
        int bits = 0;
        do {
            expOff += checkExp(bits);
            erfOff += checkErf(bits);
            bits++;
        } while (bits != 0);
        System.out.println("FloatFunctions: " + expOff + " exps and " + erfOff
                + " erfs of 2^32 floats one ulp from the rounded reference");
    }
}
