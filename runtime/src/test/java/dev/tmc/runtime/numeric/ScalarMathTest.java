// ScalarMath against values known independently of it (NumPy's and Python's answers, exact
// identities), for the f64 meaning, the i32 meaning and the f32 kernel helpers.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalarMathTest {
    private static final double NAN = Double.NaN;

    /** Bitwise equality, so -0.0 differs from 0.0 and NaN equals NaN. */
    private static void same(double want, double got, String what) {
        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), what + ": want " + want + ", got " + got);
    }

    @ParameterizedTest(name = "{0} mod {1} = {2}")
    @CsvSource({
        "-7, 3, 2", "7, -3, -2", "-7, -3, -1", "7, 3, 1", "5.5, 2, 1.5", "-5.5, 2, 0.5", "6, 3, 0",
        "1, Infinity, 1", "0.5, -Infinity, -Infinity",
    })
    void floorModTakesTheDivisorsSign(double x, double y, double want) {
        same(want, ScalarMath.mod(x, y), x + " % " + y);
    }

    @Test
    void floorModEdgeCases() {
        assertTrue(Double.isNaN(ScalarMath.mod(1.0, 0.0)), "1 % 0.0 is NaN in NumPy");
        assertTrue(Double.isNaN(ScalarMath.mod(Double.POSITIVE_INFINITY, 2.0)));
        // A zero result keeps the sign of Java's (and C's fmod's) zero, the dividend's; Python gives +0.
        same(-0.0, ScalarMath.mod(-6.0, 3.0), "-6 % 3");
    }

    @Test
    void minAndMaxPropagateNaN() {
        same(NAN, ScalarMath.min(1, NAN), "min(1, nan)");
        same(NAN, ScalarMath.max(NAN, 1), "max(nan, 1)");
        same(-0.0, ScalarMath.min(0.0, -0.0), "min(0, -0)");
        same(0.0, ScalarMath.max(-0.0, 0.0), "max(-0, 0)");
        assertTrue(Float.isNaN(ScalarMath.max(1f, Float.NaN)));
        assertEquals(Integer.MIN_VALUE, ScalarMath.min(Integer.MIN_VALUE, 3));
    }

    @ParameterizedTest(name = "round({0}) = {1}")
    @CsvSource({"0.5, 0", "1.5, 2", "2.5, 2", "-0.5, -0.0", "-1.5, -2", "2.4999999999999996, 2", "3.7, 4", "1e300, 1e300"})
    void roundsHalfToEven(double x, double want) {
        same(want, ScalarMath.round(x), "round(" + x + ")");
        same((float) want, ScalarMath.round((float) x), "float round(" + x + ")");
    }

    @Test
    void sign() {
        same(NAN, ScalarMath.sign(NAN), "sign(nan)");
        same(0.0, ScalarMath.sign(-0.0), "sign(-0)");
        same(-1, ScalarMath.sign(-1e-300), "sign(-tiny)");
        same(1, ScalarMath.sign(Double.POSITIVE_INFINITY), "sign(inf)");
        assertTrue(Float.isNaN(ScalarMath.sign(Float.NaN)));
        assertEquals(-1, ScalarMath.sign(-5));
        assertEquals(0, ScalarMath.sign(0));
    }

    @Test
    void log2IsExactOnPowersOfTwo() {
        for (int e = -1022; e <= 1023; e++) {
            same(e, ScalarMath.log2(Math.scalb(1.0, e)), "log2(2^" + e + ")");
        }
        for (int e = -126; e <= 127; e++) {
            assertEquals((float) e, ScalarMath.log2(Math.scalb(1.0f, e)), "float log2(2^" + e + ")");
        }
        assertEquals(1.584962500721156, ScalarMath.log2(3.0), 1e-15);
        same(Double.NEGATIVE_INFINITY, ScalarMath.log2(0.0), "log2(0)");
        same(NAN, ScalarMath.log2(-1.0), "log2(-1)");
    }

    @Test
    void squareIsExactlyTheProduct() {
        Random rng = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double x = (rng.nextDouble() - 0.5) * Math.scalb(1.0, rng.nextInt(200) - 100);
            same(x * x, ScalarMath.pow(x, 2), "pow(" + x + ", 2)");
            float f = (float) x;
            assertEquals(f * f, ScalarMath.pow(f, 2f));
        }
        same(0.125, ScalarMath.pow(2.0, -3.0), "2 ** -3");
        same(NAN, ScalarMath.pow(-8.0, 1.0 / 3), "a negative base to a fractional power");
    }

    @Test
    void transcendentalsAtKnownPoints() {
        assertEquals(0.7310585786300049, ScalarMath.sigmoid(1.0), 1e-16);
        same(0.5, ScalarMath.sigmoid(0.0), "sigmoid(0)");
        same(1.0, ScalarMath.sigmoid(800.0), "sigmoid saturates at 1");
        same(0.0, ScalarMath.sigmoid(-800.0), "and at 0");
        assertEquals(0.8427007929497149, ScalarMath.erf(1.0), 2e-16);
        assertEquals(-0.9953222650189527, ScalarMath.erf(-2.0), 2e-16);
        same(8.0, ScalarMath.exp2(3.0), "exp2(3)");
        same(0.5, ScalarMath.rsqrt(4.0), "rsqrt(4)");
        assertEquals(0.7615941559557649, ScalarMath.tanh(1.0), 1e-16);
        same(1.0, ScalarMath.not(0.0), "not 0");
        same(0.0, ScalarMath.not(NAN), "NaN is true, so not NaN is false");
        same(1.0, ScalarMath.or(0.0, NAN), "0 || NaN");
        same(0.0, ScalarMath.eq(NAN, NAN), "nan == nan");
        same(1.0, ScalarMath.ne(NAN, NAN), "nan != nan");
    }

    @Test
    void integersWrap() {
        assertEquals(Integer.MIN_VALUE, ScalarMath.add(Integer.MAX_VALUE, 1));
        assertEquals(Integer.MIN_VALUE, ScalarMath.neg(Integer.MIN_VALUE));
        assertEquals(Integer.MIN_VALUE, ScalarMath.abs(Integer.MIN_VALUE));
        assertEquals(0, ScalarMath.mul(65536, 65536));
        assertEquals(0, ScalarMath.mod(7, 0), "x % 0 is 0");
        assertEquals(2, ScalarMath.mod(-7, 3));
        assertEquals(-2, ScalarMath.mod(7, -3));
        assertEquals(1024, ScalarMath.pow(2, 10));
        assertEquals(0, ScalarMath.pow(2, 32), "2 ** 32 wraps to 0");
        assertEquals(-2147483648, ScalarMath.pow(-2, 31));
        assertEquals(1, ScalarMath.pow(0, 0));
        assertEquals(0, ScalarMath.pow(2, -1), "1/2 truncated");
        assertEquals(0, ScalarMath.pow(0, -1));
        assertEquals(1, ScalarMath.pow(1, -5));
        assertEquals(-1, ScalarMath.pow(-1, -5));
        assertEquals(1, ScalarMath.pow(-1, -4));
        assertEquals(5, ScalarMath.floor(5));
    }

    @Test
    void floatHelpersAreTheDoubleMeaningRoundedOnce() {
        Random rng = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            float x = (float) ((rng.nextDouble() - 0.5) * 40);
            float y = (float) ((rng.nextDouble() - 0.5) * 8);
            assertEquals((float) ScalarMath.exp((double) x), ScalarMath.exp(x), Math.ulp(ScalarMath.exp(x))); // FloatExp
            assertEquals((float) ScalarMath.sigmoid((double) x), ScalarMath.sigmoid(x));
            assertEquals((float) ScalarMath.tanh((double) x), ScalarMath.tanh(x));
            assertEquals((float) ScalarMath.log(Math.abs((double) x)), ScalarMath.log(Math.abs(x)));
            assertEquals((float) ScalarMath.rsqrt(Math.abs((double) x)), ScalarMath.rsqrt(Math.abs(x)));
            assertEquals((float) ScalarMath.mod((double) x, y), ScalarMath.mod(x, y));
            assertEquals((float) ScalarMath.pow(Math.abs((double) x), y), ScalarMath.pow(Math.abs(x), y));
        }
    }

    @Test
    void floatErfIsWithinAnUlp() {
        Random rng = new Random(13);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((rng.nextDouble() - 0.5) * 10);
            float want = (float) Erf.erf((double) x);
            assertEquals(want, ScalarMath.erf(x), Math.ulp(want), "erf(" + x + ")");
        }
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(ScalarMath.erf(-0.0f)));
        assertEquals(1.0f, ScalarMath.erf(4.0f));
        assertEquals(-1.0f, ScalarMath.erf(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(ScalarMath.erf(Float.NaN)));
    }

    @Test
    void f16AndBf16RoundingOfFloats() {
        assertEquals(1.0f, ScalarMath.f16(1.00048828125f), "1 + 2^-11 ties to even");
        assertEquals(1.001953125f, ScalarMath.f16(1.00146484375f), "1 + 3 * 2^-11 ties up to even");
        assertEquals(65504f, ScalarMath.f16(65519.99f));
        assertEquals(Float.POSITIVE_INFINITY, ScalarMath.f16(65520f));
        assertEquals(0x1p-24f, ScalarMath.f16(0x1.8p-25f), "three quarters of the smallest subnormal rounds up");
        assertEquals(1.0f, ScalarMath.bf16(1.00390625f), "1 + 2^-8 ties to even");
        assertEquals(1.0078125f, ScalarMath.bf16(1.005859375f), "1 + 3 * 2^-9 rounds up");
        assertEquals(Float.POSITIVE_INFINITY, ScalarMath.bf16(Float.MAX_VALUE), "past the largest bf16");
        assertTrue(Float.isNaN(ScalarMath.f16(Float.NaN)));
        assertTrue(Float.isNaN(ScalarMath.bf16(Float.NaN)));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(ScalarMath.bf16(-0.0f)));
    }
}
