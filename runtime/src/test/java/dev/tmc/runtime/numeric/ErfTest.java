// Erf against published high-precision values and an independent 60-digit BigDecimal Taylor series.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErfTest {
    private static final double RELATIVE_TOLERANCE = 1e-15;

    private static void assertClose(double expected, double actual, String what) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(error <= RELATIVE_TOLERANCE,
                what + ": expected " + expected + ", got " + actual + " (relative error " + error + ")");
    }

    @ParameterizedTest(name = "erf({0}) = {1}")
    @CsvSource({
        "0.5,   0.5204998778130465",
        "1,     0.8427007929497149",
        "2,     0.9953222650189527",
        "0.1,   0.1124629160182849",
        "3,     0.9999779095030014",
        "-1.5,  -0.9661051464753108",
        "1e-10, 1.1283791670955126e-10",
    })
    void matchesPublishedValues(double x, double expected) {
        assertClose(expected, Erf.erf(x), "erf(" + x + ")");
        assertClose(-expected, Erf.erf(-x), "erf(" + -x + ")");
    }

    @Test
    void saturatesAndHandlesSpecialValues() {
        assertEquals(1.0, Erf.erf(6.0), 1e-16);
        assertEquals(-1.0, Erf.erf(-6.0), 1e-16);
        assertEquals(1.0, Erf.erf(30.0));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Erf.erf(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Erf.erf(0.0)));
        assertEquals(Double.MIN_VALUE, Erf.erf(Double.MIN_VALUE)); // 1.128 quanta rounds to one
    }

    @Test
    void isOddAndMonotone() {
        SplittableRandom random = new SplittableRandom(7);
        double previous = -1;
        for (double x = -7; x <= 7; x += 0x1p-7) {
            double y = Erf.erf(x);
            assertEquals(-y, Erf.erf(-x), 0.0, "odd at " + x);
            assertTrue(y >= previous, "monotone at " + x);
            previous = y;
        }
        for (int i = 0; i < 1000; i++) {
            double x = random.nextDouble(-8, 8);
            assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0, "odd at " + x);
        }
    }

    /** Around the switch between the series and the continued fraction, too. */
    @Test
    void matchesHighPrecisionSeries() {
        SplittableRandom random = new SplittableRandom(42);
        double limit = Erf.SERIES_LIMIT;
        double[] fixed = {1e-300, 1e-20, 1e-5, 0.25, 0.75, 1.25, Math.nextDown(limit), limit, Math.nextUp(limit), 4, 5, 5.9};
        for (double x : fixed) {
            assertClose(referenceErf(x), Erf.erf(x), "erf(" + x + ")");
        }
        for (int i = 0; i < 300; i++) {
            double x = random.nextDouble(0, 6);
            assertClose(referenceErf(x), Erf.erf(x), "erf(" + x + ")");
        }
    }

    private static final MathContext WORKING = new MathContext(60);
    /** pi to 50 digits; the 60-digit sqrt below only needs its first 25 right. */
    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510");
    private static final BigDecimal TWO_OVER_SQRT_PI = BigDecimal.valueOf(2).divide(PI.sqrt(WORKING), WORKING);

    /**
     * erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)), in 60 digits: the alternating terms
     * grow to ~exp(x^2) = 4e15 at x = 6 before cancelling, which leaves 40 good digits.
     */
    private static double referenceErf(double x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal square = bx.multiply(bx, WORKING);
        BigDecimal power = bx; // (-1)^n x^(2n+1) / n!
        BigDecimal sum = bx;
        BigDecimal threshold = bx.abs().movePointLeft(45);
        for (int n = 1; ; n++) {
            power = power.multiply(square, WORKING).divide(BigDecimal.valueOf(-n), WORKING);
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), WORKING);
            sum = sum.add(term, WORKING);
            if (term.abs().compareTo(threshold) < 0 && n > square.doubleValue()) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI.multiply(sum, WORKING).doubleValue();
    }
}
