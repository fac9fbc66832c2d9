// Whole pipelines: several outputs, scalar parameters with defaults, rank-0 tensors, fns and lets.
package dev.tmc.compiler.interp;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tmc.compiler.interp.Programs.array;
import static dev.tmc.compiler.interp.Programs.assertExact;
import static dev.tmc.compiler.interp.Programs.f32;
import static dev.tmc.compiler.interp.Programs.out;
import static dev.tmc.compiler.interp.Programs.scalar;
import static dev.tmc.compiler.interp.Programs.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PipelinesTest {

    @Test
    void severalOutputsInDeclaredOrder() throws InputError {
        String text = "pipeline Stats(x: f32[N, D]) -> (total: f32[N], top: i32[N], scaled: f16[N, D]) {\n"
                + "  let t = sum(x, axis = 1);\n"
                + "  return (t, argmax(x, axis = 1), x / 4);\n}";
        Map<String, HostArray> r = Programs.run(text, "x", array(DType.F32, shape(2, 2), 1, 3, 6, 2));
        assertEquals(List.of("total", "top", "scaled"), List.copyOf(r.keySet()));
        assertExact(DType.F32, shape(2), new double[] {4, 8}, r.get("total"));
        assertExact(DType.I32, shape(2), new double[] {1, 0}, r.get("top"));
        assertExact(DType.F16, shape(2, 2), new double[] {0.25, 0.75, 1.5, 0.5}, r.get("scaled"));
    }

    @Test
    void scalarDefaultsApplyUnlessGiven() throws InputError {
        String text = "pipeline P(x: f32[N], eps: f32 = 0.5, k: i32 = -2, on: bool = true) -> f32[N] {"
                + " return where(on, x * k + eps, x); }";
        assertExact(DType.F32, shape(2), new double[] {-1.5, -3.5}, out(text, "x", f32(1, 2)));
        assertExact(DType.F32, shape(2), new double[] {4, 7},
                out(text, "x", f32(1, 2), "eps", scalar(DType.F32, 1), "k", scalar(DType.I32, 3)));
        assertExact(DType.F32, shape(2), new double[] {1, 2}, out(text, "x", f32(1, 2), "on", scalar(DType.BOOL, 0)));
    }

    @Test
    void defaultsAreRoundedToTheParametersDtype() throws InputError {
        // 0.1 as an f16 default is f16(0.1) = 1638/16384.
        assertExact(DType.F32, shape(1), new double[] {1638.0 / 16384},
                out("pipeline P(x: f32[N], s: f16 = 0.1) -> f32[N] { return x * s; }", "x", f32(1)));
        assertExact(DType.F32, shape(1), new double[] {Double.NEGATIVE_INFINITY},
                out("pipeline P(x: f32[N], s: f32 = -inf) -> f32[N] { return x + s; }", "x", f32(1)));
    }

    @Test
    void rankZeroTensorsAndScalars() throws InputError {
        assertExact(DType.F32, shape(), new double[] {6},
                out("pipeline P(a: f32[], b: f32) -> f32[] { return a * b; }",
                        "a", scalar(DType.F32, 2), "b", scalar(DType.F32, 3)));
    }

    @Test
    void fnsOfTheFileAreInlinedWithTheirDefaults() throws InputError {
        String text = "fn affine(x, a, b = 1) = a * x + b;\n"
                + "fn twice(x) { let y = affine(x, 2, b = 0); return y; }\n"
                + "pipeline P(x: f32[N]) -> f32[N] { return twice(x) + affine(x, 10); }";
        assertExact(DType.F32, shape(2), new double[] {2 + 11, 4 + 21}, out(text, "x", f32(1, 2)));
    }

    @Test
    void aFnOfTheFileReplacesAPreludeFn() throws InputError {
        String text = "fn relu(x) = x * 100;\npipeline P(x: f32[N]) -> f32[N] { return relu(x); }";
        assertExact(DType.F32, shape(2), new double[] {-100, 200}, out(text, "x", f32(-1, 2)));
    }

    @Test
    void fnsPassAxesThrough() throws InputError {
        String text = "fn total(x, ax = 0) = sum(x, axis = ax);\n"
                + "pipeline P(x: f32[N, D]) -> (rows: f32[N], cols: f32[D]) { return (total(x, ax = 1), total(x)); }";
        Map<String, HostArray> r = Programs.run(text, "x", array(DType.F32, shape(2, 2), 1, 2, 3, 4));
        assertExact(DType.F32, shape(2), new double[] {3, 7}, r.get("rows"));
        assertExact(DType.F32, shape(2), new double[] {4, 6}, r.get("cols"));
    }

    @Test
    void constantsInfNanPi() throws InputError {
        assertExact(DType.F32, shape(3), new double[] {Double.POSITIVE_INFINITY, Double.NaN, (float) Math.PI},
                out("pipeline P(x: f32[N]) -> f32[N] { return x * 0 + where(x > 1, nan, where(x > 0, pi, inf)); }",
                        "x", f32(0, 2, 1)));
    }

    @Test
    void literalArithmeticFoldsInDoublePrecision() throws InputError {
        // (0.1 + 0.2) in f64 is 0.30000000000000004; stored in f32 it is f32(0.30000000000000004).
        assertExact(DType.F32, shape(1), new double[] {(float) (0.1 + 0.2)},
                out("pipeline P(x: f32[N]) -> f32[N] { return x * 0 + (0.1 + 0.2); }", "x", f32(5)));
        assertExact(DType.F32, shape(1), new double[] {1024},
                out("pipeline P(x: f32[N]) -> f32[N] { return x + 2 ** 10; }", "x", f32(0)));
    }
}
