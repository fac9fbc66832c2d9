// Float16 against known binary16 bit patterns, a double-rounding witness and exhaustive checks over all 65536 halves.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Float16Test {

    private static String hex(short bits) {
        return String.format("0x%04x", bits & 0xffff);
    }

    /** Values written as hex-float literals so each case states its exact double; bits from the binary16 spec. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0x0p0,              0x0000",
        "-0x0p0,             0x8000",
        "0x1p0,              0x3c00",
        "-0x1p1,             0xc000",
        "0x1.ffcp15,         0x7bff", // 65504, the largest finite half
        "0x1p-14,            0x0400", // smallest normal
        "0x1p-24,            0x0001", // smallest subnormal
        "0x1p-25,            0x0000", // half the smallest subnormal: tie to even (zero)
        "-0x1p-25,           0x8000",
        "0x1.8p-24,          0x0002", // 3 * 2^-25: tie between 1 and 2 quanta, to even
        "0x1.0000000001p-25, 0x0001", // just above the tie rounds up
        "0x1.ffcp-15,        0x0400", // 1023.5 quanta: tie rounds up into the smallest normal
        "0x1.002p0,          0x3c00", // 1 + 2^-11: tie to even (down)
        "0x1.006p0,          0x3c02", // 1 + 3 * 2^-11: tie to even (up)
        "65519.99,           0x7bff",
        "65520,              0x7c00", // tie between 65504 and 2^16: even is the overflow
        "1e6,                0x7c00",
        "-1e300,             0xfc00",
        "0.1,                0x2e66",
        "0.3333333333333333, 0x3555",
        "3.141592653589793,  0x4248",
        "1e-300,             0x0000",
        "4.9e-324,           0x0000",
    })
    void roundsToKnownBitPatterns(double value, String expected) {
        short want = (short) Integer.parseInt(expected.substring(2), 16);
        assertEquals(hex(want), hex(Float16.fromDouble(value)));
        if ((float) value == value) {
            assertEquals(hex(want), hex(Float16.fromFloat((float) value)), "as a float");
        }
    }

    @Test
    void infinitiesAndNaN() {
        assertEquals("0x7c00", hex(Float16.fromDouble(Double.POSITIVE_INFINITY)));
        assertEquals("0xfc00", hex(Float16.fromDouble(Double.NEGATIVE_INFINITY)));
        assertEquals("0x7e00", hex(Float16.fromDouble(Double.NaN)));
        assertEquals("0xfe00", hex(Float16.fromDouble(Double.longBitsToDouble(0xfff8000000000000L))));
        assertEquals("0x7e00", hex(Float16.fromFloat(Float.NaN)));
        assertTrue(Double.isNaN(Float16.toDouble((short) 0x7c01)));
        assertTrue(Double.isNaN(Float16.toDouble((short) 0xfe00)));
        assertEquals(Double.NEGATIVE_INFINITY, Float16.toDouble((short) 0xfc00));
        assertTrue(Float16.isNaN((short) 0x7e00));
        assertTrue(!Float16.isNaN((short) 0x7c00));
    }

    @Test
    void signedZeroSurvives() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Float16.toDouble((short) 0x8000)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Float16.toDouble((short) 0)));
    }

    /**
     * 1 + 2^-11 + 2^-40 lies just above the half-way point between the halves 1 and 1 + 2^-10, so it
     * rounds up; rounding to float first lands exactly on the half-way point, which then ties down.
     */
    @Test
    void roundsOnceNotViaFloat() {
        double value = 1 + 0x1p-11 + 0x1p-40;
        assertEquals(1 + 0x1p-11, (float) value, 0.0, "the float rounding lands on the tie");
        assertEquals("0x3c01", hex(Float16.fromDouble(value)));
        assertEquals("0x3c00", hex(Float16.fromFloat((float) value)), "via float double-rounds");
        double subnormal = 0x1p-25 + 0x1p-60; // same story at the bottom of the subnormals
        assertEquals("0x0001", hex(Float16.fromDouble(subnormal)));
        assertEquals("0x0000", hex(Float16.fromFloat((float) subnormal)));
    }

    /** An oracle for the value of any half, written from the binary16 definition with Math.pow. */
    private static double specValue(int bits) {
        int sign = bits >>> 15;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        double magnitude = exponent == 0
                ? fraction * Math.pow(2, -24)
                : exponent == 31 ? (fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                : (1 + fraction / 1024.0) * Math.pow(2, exponent - 15);
        return sign == 1 ? -magnitude : magnitude;
    }

    @Test
    void everyHalfDecodesToItsSpecValueAndRoundTrips() {
        int nans = 0;
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            double value = Float16.toDouble(h);
            double spec = specValue(bits);
            if (Double.isNaN(spec)) {
                assertTrue(Double.isNaN(value) && Float16.isNaN(h), hex(h));
                nans++;
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(spec), Double.doubleToRawLongBits(value), hex(h));
            assertEquals((float) value, Float16.toFloat(h), 0.0f, hex(h));
            assertEquals(hex(h), hex(Float16.fromDouble(value)));
            assertEquals(hex(h), hex(Float16.fromFloat(Float16.toFloat(h))));
        }
        assertEquals(2 * 1023, nans);
    }

    /** Between every two neighbouring finite halves: the midpoint ties to even, and one double either side goes to the nearer. */
    @Test
    void everyMidpointRoundsToNearestEven() {
        for (int bits = 0; bits < 0x7bff; bits++) {
            double lower = specValue(bits);
            double upper = specValue(bits + 1);
            double mid = (lower + upper) / 2; // exact: halves have few significant bits
            int even = (bits & 1) == 0 ? bits : bits + 1;
            for (int sign : new int[] {0, 0x8000}) {
                double s = sign == 0 ? 1 : -1;
                assertEquals(hex((short) (even | sign)), hex(Float16.fromDouble(s * mid)), "mid " + s * mid);
                assertEquals(hex((short) (bits | sign)), hex(Float16.fromDouble(s * Math.nextDown(mid))));
                assertEquals(hex((short) ((bits + 1) | sign)), hex(Float16.fromDouble(s * Math.nextUp(mid))));
            }
        }
        double overflowTie = (specValue(0x7bff) + 65536) / 2;
        assertEquals(65520.0, overflowTie);
        assertEquals("0x7bff", hex(Float16.fromDouble(Math.nextDown(overflowTie))));
        assertEquals("0x7c00", hex(Float16.fromDouble(overflowTie)));
    }
}
