// The fast float <-> f16/bf16 bit conversions that kernels use, checked against Float16 and
// BFloat16's conversions from double: every bit pattern one way, every rounding case the other.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class HalfConversionTest {
    /** Low-bit patterns that decide a rounding: exact, just above, just below / at / above the half, top. */
    private static int[] roundingCases(int droppedBits) {
        int half = 1 << (droppedBits - 1);
        return new int[] {0, 1, half - 1, half, half + 1, (1 << droppedBits) - 1};
    }

    private static void checkF16(int floatBits) {
        float f = Float.intBitsToFloat(floatBits);
        short want = Float16.fromDouble(f);
        short got = ScalarMath.toF16Bits(f);
        if (want != got) {
            assertEquals(String.format("0x%04x", want & 0xffff), String.format("0x%04x", got & 0xffff),
                    "f16 of float bits 0x" + Integer.toHexString(floatBits));
        }
    }

    private static void checkBF16(int floatBits) {
        float f = Float.intBitsToFloat(floatBits);
        short want = BFloat16.fromDouble(f);
        short got = ScalarMath.toBF16Bits(f);
        if (want != got) {
            assertEquals(String.format("0x%04x", want & 0xffff), String.format("0x%04x", got & 0xffff),
                    "bf16 of float bits 0x" + Integer.toHexString(floatBits));
        }
    }

    @Test
    void fromBitsIsExactForEveryPattern() {
        for (int h = 0; h < 0x10000; h++) {
            short bits = (short) h;
            double f16 = Float16.toDouble(bits);
            float got = ScalarMath.fromF16Bits(bits);
            assertTrue(got == f16 || (Double.isNaN(f16) && Float.isNaN(got)), "f16 bits " + h);
            assertEquals(Double.doubleToRawLongBits(f16) < 0, Float.floatToRawIntBits(got) < 0, "sign of f16 bits " + h);
            assertEquals(BFloat16.toDouble(bits), ScalarMath.fromBF16Bits(bits), 0.0, "bf16 bits " + h);
            if (!Float16.isNaN(bits)) {
                assertEquals(h, ScalarMath.toF16Bits(got) & 0xffff, "f16 round trip");
                assertEquals(got, ScalarMath.f16(got), 0.0f, "an f16 value is its own rounding");
            }
            if (!BFloat16.isNaN(bits)) {
                float b = ScalarMath.fromBF16Bits(bits);
                assertEquals(h, ScalarMath.toBF16Bits(b) & 0xffff, "bf16 round trip");
                assertEquals(Float.floatToRawIntBits(b), Float.floatToRawIntBits(ScalarMath.bf16(b)));
            }
        }
    }

    /** bf16 drops the float's low 16 bits: every top half with every deciding low pattern. */
    @Test
    void bf16OfEveryRoundingCase() {
        for (int top = 0; top < 0x10000; top++) {
            for (int low : roundingCases(16)) {
                checkBF16(top << 16 | low);
            }
        }
    }

    /**
     * f16 drops 13 bits where its result is normal: every sign, exponent and kept fraction with
     * every deciding pattern; where the result is subnormal (2^-25 &lt;= |x| &lt; 2^-14) a float
     * with exponent field e drops 126 - e bits (all 23 fraction bits at the bottom), so there the
     * deciding patterns are those of the bits it drops.
     */
    @Test
    void f16OfEveryRoundingCase() {
        for (int top = 0; top < 1 << 19; top++) {
            for (int low : roundingCases(13)) {
                checkF16(top << 13 | low);
            }
        }
        for (int exponentField = 102; exponentField <= 112; exponentField++) {
            int dropped = Math.min(23, 126 - exponentField);
            for (int kept = 0; kept < 1 << (23 - dropped); kept++) {
                for (int low : roundingCases(dropped)) {
                    checkF16(exponentField << 23 | kept << dropped | low);
                    checkF16(0x8000_0000 | exponentField << 23 | kept << dropped | low);
                }
            }
        }
    }

    /** Float16.round against the round trip through fromDouble and toDouble, which share no code with it. */
    private static void checkRound(int floatBits) {
        float f = Float.intBitsToFloat(floatBits);
        double want = Float16.toDouble(Float16.fromDouble(f));
        float got = Float16.round(f);
        if (Double.isNaN(want)) {
            assertTrue(Float.isNaN(got), "f16 rounding of NaN bits 0x" + Integer.toHexString(floatBits));
        } else if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(got)) {
            assertEquals(want, (double) got, "f16 rounding of float bits 0x" + Integer.toHexString(floatBits)
                    + " (or its sign)");
        }
    }

    @Test
    void theTableOfHalvesHoldsEveryPatternsExactBits() {
        for (int h = 0; h < 0x10000; h++) {
            assertEquals(Float.floatToRawIntBits(Float16.toFloatByBits((short) h)),
                    Float.floatToRawIntBits(Float16.toFloat((short) h)), "f16 bits " + h);
        }
    }

    /** Every rounding case of the in-place rounding, at every sign, exponent and kept fraction. */
    @Test
    void roundingInPlaceMatchesTheRoundTripForEveryRoundingCase() {
        for (int top = 0; top < 1 << 19; top++) {
            for (int low : roundingCases(13)) {
                checkRound(top << 13 | low);
            }
        }
        int[] edges = {0x3880_0000, 0x387f_ffff, 0x477f_efff, 0x477f_f000, 0x477f_f001, 0x477f_e000, 0x7f80_0000,
            0x7f80_0001, 0x7fc0_0000, 0, 1};
        for (int e : edges) {
            checkRound(e);
            checkRound(0x8000_0000 | e);
        }
    }

    @Test
    void roundedValuesMatchTheBitConversions() {
        for (int top = 0; top < 1 << 19; top++) {
            for (int low : roundingCases(13)) {
                float f = Float.intBitsToFloat(top << 13 | low);
                float f16 = ScalarMath.fromF16Bits(ScalarMath.toF16Bits(f));
                float bf16 = ScalarMath.fromBF16Bits(ScalarMath.toBF16Bits(f));
                assertTrue(Float.compare(f16, ScalarMath.f16(f)) == 0, "f16(" + f + ")");
                assertTrue(Float.compare(bf16, ScalarMath.bf16(f)) == 0, "bf16(" + f + ")");
            }
        }
    }

    /** All 2^32 floats (about 20 s on one core); run with -Dtmc.exhaustive=true. */
    @Test
    @EnabledIfSystemProperty(named = "tmc.exhaustive", matches = "true")
    void everyFloat() {
        int bits = 0;
        do {
            checkF16(bits);
            checkBF16(bits);
            checkRound(bits);
            bits++;
        } while (bits != 0);
    }
}
