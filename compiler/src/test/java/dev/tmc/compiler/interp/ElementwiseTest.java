// Elementwise meaning, each checked against plain Java or published values, never the interpreter.
package dev.tmc.compiler.interp;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import static dev.tmc.compiler.interp.Programs.assertExact;
import static dev.tmc.compiler.interp.Programs.assertF32;
import static dev.tmc.compiler.interp.Programs.f32;
import static dev.tmc.compiler.interp.Programs.i32;
import static dev.tmc.compiler.interp.Programs.out;
import static dev.tmc.compiler.interp.Programs.shape;

class ElementwiseTest {
    private static final double[] ANY = {-2.5, -1.0, -0.375, 0.0, 0.5, 1.0, 3.25};
    private static final double[] POSITIVE = {0.125, 0.5, 1.0, 2.0, 10.0};

    static Stream<Arguments> mathFunctions() {
        return Stream.of(
                Arguments.of("exp", ANY, (DoubleUnaryOperator) Math::exp),
                Arguments.of("exp2", ANY, (DoubleUnaryOperator) x -> Math.pow(2, x)),
                Arguments.of("log", POSITIVE, (DoubleUnaryOperator) Math::log),
                Arguments.of("log2", POSITIVE, (DoubleUnaryOperator) x -> Math.log(x) / Math.log(2)),
                Arguments.of("log1p", new double[] {-0.5, 0.0, 1e-7, 0.5, 3.0}, (DoubleUnaryOperator) Math::log1p),
                Arguments.of("sqrt", POSITIVE, (DoubleUnaryOperator) Math::sqrt),
                Arguments.of("rsqrt", POSITIVE, (DoubleUnaryOperator) x -> 1 / Math.sqrt(x)),
                Arguments.of("sin", ANY, (DoubleUnaryOperator) Math::sin),
                Arguments.of("cos", ANY, (DoubleUnaryOperator) Math::cos),
                Arguments.of("tanh", ANY, (DoubleUnaryOperator) Math::tanh),
                Arguments.of("sigmoid", ANY, (DoubleUnaryOperator) x -> 1 / (1 + Math.exp(-x))),
                Arguments.of("abs", ANY, (DoubleUnaryOperator) Math::abs),
                Arguments.of("floor", ANY, (DoubleUnaryOperator) Math::floor),
                Arguments.of("ceil", ANY, (DoubleUnaryOperator) Math::ceil));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mathFunctions")
    void mathFunctionOfF32(String fn, double[] inputs, DoubleUnaryOperator oracle) throws InputError {
        double[] expected = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            expected[i] = oracle.applyAsDouble(inputs[i]);
        }
        assertF32(expected, out("pipeline P(x: f32[N]) -> f32[N] { return " + fn + "(x); }", "x", f32(inputs)));
    }

    @Test
    void erfMatchesPublishedValues() throws InputError {
        double[] x = {0.0, 0.25, -0.5, 1.0, 2.0, 3.0};
        double[] erf = {0.0, 0.2763263901682369, -0.5204998778130465, 0.8427007929497149, 0.9953222650189527,
            0.9999779095030014};
        assertF32(erf, out("pipeline P(x: f32[N]) -> f32[N] { return erf(x); }", "x", f32(x)));
    }

    @Test
    void roundIsHalfToEvenAndKeepsTheSignOfZero() throws InputError {
        HostArray r = out("pipeline P(x: f32[N]) -> f32[N] { return round(x); }",
                "x", f32(2.5, 3.5, 0.5, -0.5, -2.5, 1.4, -1.6));
        assertExact(DType.F32, shape(7), new double[] {2, 4, 0, -0.0, -2, 1, -2}, r);
    }

    @Test
    void signOfEachKindOfValue() throws InputError {
        HostArray r = out("pipeline P(x: f32[N]) -> f32[N] { return sign(x); }",
                "x", f32(-3, 0, 2.5, Double.NaN, Double.NEGATIVE_INFINITY));
        assertExact(DType.F32, shape(5), new double[] {-1, 0, 1, Double.NaN, -1}, r);
        HostArray i = out("pipeline P(x: i32[N]) -> i32[N] { return sign(x); }", "x", i32(-7, 0, 9));
        assertExact(DType.I32, shape(3), new double[] {-1, 0, 1}, i);
    }

    @Test
    void clampAndMinMaxPropagateNaN() throws InputError {
        HostArray c = out("pipeline P(x: f32[N]) -> f32[N] { return clamp(x, 0, 1); }",
                "x", f32(-1, 0.25, 7, Double.NaN));
        assertExact(DType.F32, shape(4), new double[] {0, 0.25, 1, Double.NaN}, c);
        String both = "pipeline P(a: f32[N], b: f32[N]) -> (lo: f32[N], hi: f32[N]) { return (min(a, b), max(a, b)); }";
        var r = Programs.run(both, "a", f32(1, Double.NaN, 3, -0.0), "b", f32(Double.NaN, 2, -4, 0.0));
        assertExact(DType.F32, shape(4), new double[] {Double.NaN, Double.NaN, -4, -0.0}, r.get("lo"));
        assertExact(DType.F32, shape(4), new double[] {Double.NaN, Double.NaN, 3, 0.0}, r.get("hi"));
    }

    @Test
    void moduloTakesTheSignOfTheDivisor() throws InputError {
        String text = "pipeline P(a: T[N], b: T[N]) -> T[N] { return a % b; }";
        double[] a = {-7, 7, -7, 7, 7.5, -7.5, 6};
        double[] b = {3, -3, -3, 3, 2, 2, 3};
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            // Python's %: a - b * floor(a / b)
            expected[i] = a[i] - b[i] * Math.floor(a[i] / b[i]);
        }
        assertExact(DType.F32, shape(7), expected, out(text.replace("T", "f32"), "a", f32(a), "b", f32(b)));
        double[] ai = {-7, 7, -7, 7, 0, -1};
        double[] bi = {3, -3, -3, 3, 5, 0};
        assertExact(DType.I32, shape(6), new double[] {2, -2, -1, 1, 0, 0},
                out(text.replace("T", "i32"), "a", i32(ai), "b", i32(bi)));
    }

    @Test
    void literalModuloIsFoldedTheSameWay() throws InputError {
        HostArray r = out("pipeline P(x: f32[N]) -> f32[N] { return x + (-7 % 3) + (7.5 % -2); }", "x", f32(0));
        assertExact(DType.F32, shape(1), new double[] {2 + -0.5}, r);
    }

    @Test
    void integerArithmeticWrapsTo32Bits() throws InputError {
        String text = "pipeline P(a: i32[N], b: i32[N]) -> (s: i32[N], p: i32[N], d: i32[N], n: i32[N], m: i32[N]) {"
                + " return (a + b, a * b, a - b, -a, abs(a)); }";
        int max = Integer.MAX_VALUE;
        int min = Integer.MIN_VALUE;
        var r = Programs.run(text, "a", i32(max, 65536, min), "b", i32(1, 65536, 1));
        assertExact(DType.I32, shape(3), new double[] {max + 1, 131072, min + 1}, r.get("s"));
        assertExact(DType.I32, shape(3), new double[] {max, 0, min}, r.get("p"));
        assertExact(DType.I32, shape(3), new double[] {max - 1, 0, min - 1}, r.get("d"));
        assertExact(DType.I32, shape(3), new double[] {-max, -65536, min}, r.get("n"));
        assertExact(DType.I32, shape(3), new double[] {max, 65536, min}, r.get("m"));
    }

    @Test
    void integerPowerStaysIntegerAndWraps() throws InputError {
        HostArray r = out("pipeline P(a: i32[N], b: i32[N]) -> i32[N] { return a ** b; }",
                "a", i32(3, 2, -2, 5, 7, 2, 1, -1, -1), "b", i32(4, 31, 3, 0, 1, 32, -5, -3, -2));
        // Negative run-time exponents give 1/a^b truncated toward zero (OpSemantics.power).
        assertExact(DType.I32, shape(9), new double[] {81, Integer.MIN_VALUE, -8, 1, 7, 0, 1, -1, 1}, r);
    }

    @Test
    void integerDivisionIsTrueDivision() throws InputError {
        HostArray r = out("pipeline P(a: i32[N], b: i32[N]) -> f32[N] { return a / b; }",
                "a", i32(7, -7, 1, 1, 0), "b", i32(2, 2, 3, 0, 0));
        assertExact(DType.F32, shape(5), new double[] {3.5, -3.5, (float) (1.0 / 3), Double.POSITIVE_INFINITY,
            Double.NaN}, r);
        HostArray lit = out("pipeline P(a: i32[N]) -> f32[N] { return a + 7 / 2; }", "a", i32(0));
        assertExact(DType.F32, shape(1), new double[] {3.5}, lit);
    }

    @Test
    void comparisonsAndLogicGiveBools() throws InputError {
        String text = "pipeline P(a: f32[N], b: f32[N]) -> (lt: bool[N], eq: bool[N], both: bool[N], neither: bool[N]) {"
                + " return (a < b, a == b, a < b && b > 0, !(a < b || a == b)); }";
        var r = Programs.run(text, "a", f32(1, 2, 3, Double.NaN), "b", f32(2, 2, -1, 1));
        assertExact(DType.BOOL, shape(4), new double[] {1, 0, 0, 0}, r.get("lt"));
        assertExact(DType.BOOL, shape(4), new double[] {0, 1, 0, 0}, r.get("eq"));
        assertExact(DType.BOOL, shape(4), new double[] {1, 0, 0, 0}, r.get("both"));
        assertExact(DType.BOOL, shape(4), new double[] {0, 0, 1, 1}, r.get("neither"));
    }

    @Test
    void boolsCountAsZeroAndOne() throws InputError {
        HostArray r = out("pipeline P(c: bool[N], a: i32[N]) -> i32[N] { return c + a * 10; }",
                "c", Programs.vector(DType.BOOL, 1, 0, 1), "a", i32(1, 2, 3));
        assertExact(DType.I32, shape(3), new double[] {11, 20, 31}, r);
    }

    @Test
    void whereSelectsAndBroadcasts() throws InputError {
        String text = "pipeline P(c: bool[N, 1], a: f32[D], b: f32[]) -> f32[N, D] { return where(c, a, b); }";
        HostArray r = out(text, "c", Programs.array(DType.BOOL, shape(2, 1), 1, 0), "a", f32(1, 2, 3),
                "b", Programs.array(DType.F32, shape(), -1));
        assertExact(DType.F32, shape(2, 3), new double[] {1, 2, 3, -1, -1, -1}, r);
    }
}
