// BFloat16 against known bfloat16 bit patterns, a double-rounding witness and exhaustive checks over all 65536 values.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BFloat16Test {

    private static String hex(short bits) {
        return String.format("0x%04x", bits & 0xffff);
    }

    /** Values as hex-float literals so each case states its exact double; bits are the top half of the binary32 pattern. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0x0p0,              0x0000",
        "-0x0p0,             0x8000",
        "0x1p0,              0x3f80",
        "-0x1p1,             0xc000",
        "0x1.fep127,         0x7f7f", // largest finite, (2 - 2^-7) * 2^127
        "0x1.ff0000001p127,  0x7f80", // past the overflow tie (2 - 2^-8) * 2^127
        "0x1.ffp127,         0x7f80", // the overflow tie itself: even is infinity
        "0x1.fefffffffp127,  0x7f7f",
        "0x1p-126,           0x0080", // smallest normal
        "0x1p-133,           0x0001", // smallest subnormal
        "0x1p-134,           0x0000", // tie to even (zero)
        "0x1.8p-133,         0x0002", // 3 * 2^-134: tie to even (up)
        "0x1.01p0,           0x3f80", // 1 + 2^-8: tie to even (down)
        "0x1.03p0,           0x3f82", // 1 + 3 * 2^-8: tie to even (up)
        "3.141592653589793,  0x4049",
        "0.1,                0x3dcd",
        "0.3333333333333333, 0x3eab",
        "1e39,               0x7f80",
        "-1e300,             0xff80",
        "1e-310,             0x0000", // a double subnormal
    })
    void roundsToKnownBitPatterns(double value, String expected) {
        short want = (short) Integer.parseInt(expected.substring(2), 16);
        assertEquals(hex(want), hex(BFloat16.fromDouble(value)));
        if ((float) value == value) {
            assertEquals(hex(want), hex(BFloat16.fromFloat((float) value)), "as a float");
        }
    }

    @Test
    void infinitiesAndNaN() {
        assertEquals("0x7f80", hex(BFloat16.fromDouble(Double.POSITIVE_INFINITY)));
        assertEquals("0xff80", hex(BFloat16.fromDouble(Double.NEGATIVE_INFINITY)));
        assertEquals("0x7fc0", hex(BFloat16.fromDouble(Double.NaN)));
        assertEquals("0xffc0", hex(BFloat16.fromDouble(Double.longBitsToDouble(0xfff8000000000000L))));
        assertTrue(Double.isNaN(BFloat16.toDouble((short) 0x7f81)));
        assertTrue(BFloat16.isNaN((short) 0xffc0));
        assertFalse(BFloat16.isNaN((short) 0x7f80));
        assertEquals(Double.NEGATIVE_INFINITY, BFloat16.toDouble((short) 0xff80));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(BFloat16.toDouble((short) 0x8000)));
    }

    /** 1 + 2^-8 + 2^-40 is just above a bf16 tie; its nearest float is the tie itself, which rounds down. */
    @Test
    void roundsOnceNotViaFloat() {
        double value = 1 + 0x1p-8 + 0x1p-40;
        assertEquals(1 + 0x1p-8, (float) value, 0.0, "the float rounding lands on the tie");
        assertEquals("0x3f81", hex(BFloat16.fromDouble(value)));
        assertEquals("0x3f80", hex(BFloat16.fromFloat((float) value)), "via float double-rounds");
    }

    /** An oracle for the value of any bf16, from the format's definition with Math.pow. */
    private static double specValue(int bits) {
        int sign = bits >>> 15;
        int exponent = (bits >>> 7) & 0xff;
        int fraction = bits & 0x7f;
        double magnitude = exponent == 0
                ? fraction * Math.pow(2, -133)
                : exponent == 255 ? (fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                : (1 + fraction / 128.0) * Math.pow(2, exponent - 127);
        return sign == 1 ? -magnitude : magnitude;
    }

    @Test
    void everyValueDecodesToItsSpecValueAndRoundTrips() {
        int nans = 0;
        for (int bits = 0; bits < 0x10000; bits++) {
            short b = (short) bits;
            double value = BFloat16.toDouble(b);
            double spec = specValue(bits);
            if (Double.isNaN(spec)) {
                assertTrue(Double.isNaN(value) && BFloat16.isNaN(b), hex(b));
                nans++;
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(spec), Double.doubleToRawLongBits(value), hex(b));
            assertEquals((float) value, BFloat16.toFloat(b), 0.0f, hex(b));
            assertEquals(hex(b), hex(BFloat16.fromDouble(value)));
            assertEquals(hex(b), hex(BFloat16.fromFloat(BFloat16.toFloat(b))));
        }
        assertEquals(2 * 127, nans);
    }

    @Test
    void everyMidpointRoundsToNearestEven() {
        for (int bits = 0; bits < 0x7f7f; bits++) {
            double lower = specValue(bits);
            double upper = specValue(bits + 1);
            double mid = (lower + upper) / 2;
            int even = (bits & 1) == 0 ? bits : bits + 1;
            for (int sign : new int[] {0, 0x8000}) {
                double s = sign == 0 ? 1 : -1;
                assertEquals(hex((short) (even | sign)), hex(BFloat16.fromDouble(s * mid)), "mid " + s * mid);
                assertEquals(hex((short) (bits | sign)), hex(BFloat16.fromDouble(s * Math.nextDown(mid))));
                assertEquals(hex((short) ((bits + 1) | sign)), hex(BFloat16.fromDouble(s * Math.nextUp(mid))));
            }
        }
    }
}
