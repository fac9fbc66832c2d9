// Doubles spelled with the fewest digits that read back exactly, in JavaScript's notation.
package dev.tmc.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ShortestDecimalTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.1, 0.1", "0.3, 0.3", "100, 100", "-1.5, -1.5", "1e-6, 0.000001", "1e-7, 1e-7", "1.5e-7, 1.5e-7",
        "1e21, 1e+21", "1e20, 100000000000000000000", "123456789012345680000, 123456789012345680000",
        "1e23, 1e+23", "4.9e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308",
        "0.6666666666666666, 0.6666666666666666", "65504, 65504", "2.2250738585072014E-308, 2.2250738585072014e-308",
        "9007199254740993, 9007199254740992", "1e-5, 0.00001", "123.456, 123.456",
    })
    void knownSpellings(double value, String want) {
        assertEquals(want, ShortestDecimal.of(value));
    }

    @Test
    void zerosAndNonFinite() {
        assertEquals("0", ShortestDecimal.of(0.0));
        assertEquals("-0", ShortestDecimal.of(-0.0));
        assertThrows(IllegalArgumentException.class, () -> ShortestDecimal.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ShortestDecimal.of(Double.POSITIVE_INFINITY));
    }

    /** Reads back exactly, and no decimal with one digit fewer does. */
    @Test
    void randomDoublesAreShortestAndExact() {
        Random rng = new Random(19);
        for (int i = 0; i < 1000; i++) {
            double v = i % 3 == 0 ? Math.scalb(1.0, rng.nextInt(2000) - 1000) // powers of two: uneven gaps
                    : Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = ShortestDecimal.of(v);
            assertEquals(v, Double.parseDouble(s), s);
            BigDecimal d = new BigDecimal(s);
            int digits = d.stripTrailingZeros().precision();
            if (digits > 1) {
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                    BigDecimal shorter = new BigDecimal(v).round(new MathContext(digits - 1, mode));
                    assertNotEquals(v, shorter.doubleValue(), s + " has a shorter form " + shorter);
                }
            }
        }
    }
}
