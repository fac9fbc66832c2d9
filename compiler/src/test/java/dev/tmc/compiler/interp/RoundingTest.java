// Where values are rounded to their dtype: parameters, outputs, casts and weak literals; nowhere else.
package dev.tmc.compiler.interp;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static dev.tmc.compiler.interp.Programs.array;
import static dev.tmc.compiler.interp.Programs.assertExact;
import static dev.tmc.compiler.interp.Programs.f32;
import static dev.tmc.compiler.interp.Programs.i32;
import static dev.tmc.compiler.interp.Programs.out;
import static dev.tmc.compiler.interp.Programs.shape;
import static dev.tmc.compiler.interp.Programs.vector;

class RoundingTest {
    // Worked by hand: 1/3 = 1.010101...b x 2^-2. f16 keeps 10 fraction bits (the 11th is 0: down),
    // bf16 keeps 7 (the 8th is 1 and more follow: up).
    private static final double THIRD_F16 = (1 + 0.25 + 0.0625 + 0.015625 + 0.00390625 + 0.0009765625) / 4;
    private static final double THIRD_BF16 = (1 + 0.25 + 0.0625 + 0.015625 + 0.0078125) / 4;

    @Test
    void handWorkedConstantsAreTheDocumentedOnes() {
        org.junit.jupiter.api.Assertions.assertEquals(0.333251953125, THIRD_F16);
        org.junit.jupiter.api.Assertions.assertEquals(0.333984375, THIRD_BF16);
    }

    @Test
    void sixteenBitOutputsRoundToNearestEven() throws InputError {
        assertExact(DType.F16, shape(1), new double[] {THIRD_F16},
                out("pipeline P(x: f32[N]) -> f16[N] { return x / 3; }", "x", f32(1)));
        assertExact(DType.BF16, shape(1), new double[] {THIRD_BF16},
                out("pipeline P(x: f32[N]) -> bf16[N] { return x / 3; }", "x", f32(1)));
        assertExact(DType.F32, shape(1), new double[] {(float) (1.0 / 3)},
                out("pipeline P(x: f32[N]) -> f32[N] { return x / 3; }", "x", f32(1)));
    }

    @Test
    void ties() throws InputError {
        // 2049 lies halfway between the f16 values 2048 and 2050: even wins (2048); 2051 goes to 2052.
        // 257 between bf16 256 and 258 goes to 256; 259 to 260.
        assertExact(DType.F16, shape(2), new double[] {2048, 2052},
                out("pipeline P(x: f32[N]) -> f16[N] { return x; }", "x", f32(2049, 2051)));
        assertExact(DType.BF16, shape(2), new double[] {256, 260},
                out("pipeline P(x: f32[N]) -> bf16[N] { return x; }", "x", f32(257, 259)));
    }

    @Test
    void overflowToInfinityInF16() throws InputError {
        // f16's largest finite value is 65504; 65520 and beyond round to infinity.
        assertExact(DType.F16, shape(3), new double[] {65504, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
                out("pipeline P(x: f32[N]) -> f16[N] { return x; }", "x", f32(65504, 65520, -1e6)));
    }

    @Test
    void parametersAreRoundedToTheirDtype() throws InputError {
        // 0.1 in f16 is 1638/16384 = 0.0999755859375.
        assertExact(DType.F32, shape(1), new double[] {1638.0 / 16384},
                out("pipeline P(x: f16[N]) -> f32[N] { return x; }", "x", vector(DType.F16, 0.1)));
        assertExact(DType.F32, shape(1), new double[] {(float) 0.1},
                out("pipeline P(x: f32[N]) -> f32[N] { return x; }", "x", f32(0.1)));
    }

    @Test
    void castsRoundButIntermediatesDoNot() throws InputError {
        // The quotient of two f16 values is computed exactly (f64) and only rounded where stored:
        // cast to f32 it keeps f32 precision; cast to f16 first, it keeps f16 precision.
        String text = "pipeline P(x: f16[N]) -> (wide: f32[N], narrow: f32[N]) {"
                + " return ((x / 3) as f32, ((x / 3) as f16) as f32); }";
        var r = Programs.run(text, "x", vector(DType.F16, 1));
        assertExact(DType.F32, shape(1), new double[] {(float) (1.0 / 3)}, r.get("wide"));
        assertExact(DType.F32, shape(1), new double[] {THIRD_F16}, r.get("narrow"));
    }

    @Test
    void weakFloatLiteralsTakeTheTensorsDtype() throws InputError {
        // x * 0.1 with x: f16 multiplies by f16(0.1), not by the exact 0.1.
        assertExact(DType.F32, shape(1), new double[] {1638.0 / 16384},
                out("pipeline P(x: f16[N]) -> f32[N] { return (x * 0.1) as f32; }", "x", vector(DType.F16, 1)));
    }

    @Test
    void floatToIntTruncatesSaturatesAndMapsNaNToZero() throws InputError {
        HostArray r = out("pipeline P(x: f32[N]) -> i32[N] { return x as i32; }",
                "x", f32(2.9, -2.9, 1e10, -1e10, Double.NaN, -0.5));
        assertExact(DType.I32, shape(6), new double[] {2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 0}, r);
    }

    @Test
    void toBoolIsNonZero() throws InputError {
        HostArray r = out("pipeline P(x: f32[N]) -> bool[N] { return x as bool; }", "x", f32(0, -0.0, 0.5, -3, Double.NaN));
        assertExact(DType.BOOL, shape(5), new double[] {0, 0, 1, 1, 1}, r);
    }

    @Test
    void integersToF16RoundLikeAnyValue() throws InputError {
        // 2049 is not an f16: the promoted i32 + f16 sum rounds where it is stored.
        HostArray r = out("pipeline P(a: i32[N], b: f16[N]) -> f16[N] { return a + b; }",
                "a", i32(2049, 1), "b", vector(DType.F16, 0, 0.5));
        assertExact(DType.F16, shape(2), new double[] {2048, 1.5}, r);
    }

    @Test
    void boolOutputOfAnIntegerStoresOneOrZero() throws InputError {
        HostArray r = out("pipeline P(a: bool[N]) -> f32[N] { return a; }", "a", vector(DType.BOOL, 1, 0));
        assertExact(DType.F32, shape(2), new double[] {1, 0}, r);
        HostArray s = out("pipeline P(a: bool[N, 1]) -> i32[N, 1] { return a; }", "a",
                array(DType.BOOL, shape(2, 1), 0, 1));
        assertExact(DType.I32, shape(2, 1), new double[] {0, 1}, s);
    }
}
