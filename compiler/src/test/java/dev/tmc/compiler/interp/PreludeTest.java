// The prelude's composite ops, against NumPy's published values and formulas written out in Java.
package dev.tmc.compiler.interp;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static dev.tmc.compiler.interp.Programs.array;
import static dev.tmc.compiler.interp.Programs.assertExact;
import static dev.tmc.compiler.interp.Programs.assertF32;
import static dev.tmc.compiler.interp.Programs.f32;
import static dev.tmc.compiler.interp.Programs.i32;
import static dev.tmc.compiler.interp.Programs.out;
import static dev.tmc.compiler.interp.Programs.shape;

class PreludeTest {
    private static final double[] ROWS = {1, 2, 3, -1, 0, 4};

    private static HostArray rows() {
        return array(DType.F32, shape(2, 3), ROWS);
    }

    @Test
    void softmaxOfOneTwoThree() throws InputError {
        // numpy: scipy.special.softmax([1, 2, 3]) in float32
        assertF32(new double[] {0.09003057, 0.24472847, 0.66524096},
                out("pipeline P(x: f32[N]) -> f32[N] { return softmax(x); }", "x", f32(1, 2, 3)));
    }

    @Test
    void softmaxOverEachAxis() throws InputError {
        double[] lastAxis = new double[6];
        double[] firstAxis = new double[6];
        for (int r = 0; r < 2; r++) {
            double z = 0;
            for (int c = 0; c < 3; c++) {
                z += Math.exp(ROWS[r * 3 + c]);
            }
            for (int c = 0; c < 3; c++) {
                lastAxis[r * 3 + c] = Math.exp(ROWS[r * 3 + c]) / z;
            }
        }
        for (int c = 0; c < 3; c++) {
            double z = Math.exp(ROWS[c]) + Math.exp(ROWS[3 + c]);
            firstAxis[c] = Math.exp(ROWS[c]) / z;
            firstAxis[3 + c] = Math.exp(ROWS[3 + c]) / z;
        }
        assertF32(shape(2, 3), lastAxis, out("pipeline P(x: f32[N, D]) -> f32[N, D] { return softmax(x); }", "x", rows()));
        assertF32(shape(2, 3), firstAxis,
                out("pipeline P(x: f32[N, D]) -> f32[N, D] { return softmax(x, axis = 0); }", "x", rows()));
    }

    @Test
    void softmaxStaysFiniteForLargeInputs() throws InputError {
        double e = Math.exp(-1);
        assertF32(new double[] {e / (1 + e), 1 / (1 + e)},
                out("pipeline P(x: f32[N]) -> f32[N] { return softmax(x); }", "x", f32(1000, 1001)));
    }

    @Test
    void logSoftmaxAndLogsumexp() throws InputError {
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)); // 3.40760596444438
        assertF32(new double[] {1 - lse, 2 - lse, 3 - lse},
                out("pipeline P(x: f32[N]) -> f32[N] { return log_softmax(x); }", "x", f32(1, 2, 3)));
        assertF32(shape(), new double[] {3.40760596444438},
                out("pipeline P(x: f32[N]) -> f32[] { return logsumexp(x); }", "x", f32(1, 2, 3)));
        double[] perRow = new double[2];
        for (int r = 0; r < 2; r++) {
            perRow[r] = Math.log(Math.exp(ROWS[r * 3]) + Math.exp(ROWS[r * 3 + 1]) + Math.exp(ROWS[r * 3 + 2]));
        }
        assertF32(shape(2), perRow, out("pipeline P(x: f32[N, D]) -> f32[N] { return logsumexp(x); }", "x", rows()));
        assertF32(shape(2, 1), perRow,
                out("pipeline P(x: f32[N, D]) -> f32[N, 1] { return logsumexp(x, keepdims = true); }", "x", rows()));
        assertF32(shape(), new double[] {1000 + Math.log(1 + Math.exp(-1))},
                out("pipeline P(x: f32[N]) -> f32[] { return logsumexp(x); }", "x", f32(1000, 999)));
    }

    @Test
    void layerNorm() throws InputError {
        double[] w = {1, 0.5, -2};
        double[] b = {0, 1, 0.25};
        double eps = 1e-5;
        double[] expected = new double[6];
        for (int r = 0; r < 2; r++) {
            double mu = (ROWS[r * 3] + ROWS[r * 3 + 1] + ROWS[r * 3 + 2]) / 3;
            double var = 0;
            for (int c = 0; c < 3; c++) {
                var += (ROWS[r * 3 + c] - mu) * (ROWS[r * 3 + c] - mu) / 3;
            }
            for (int c = 0; c < 3; c++) {
                expected[r * 3 + c] = (ROWS[r * 3 + c] - mu) / Math.sqrt(var + eps) * w[c] + b[c];
            }
        }
        assertF32(shape(2, 3), expected,
                out("pipeline P(x: f32[N, D], w: f32[D], b: f32[D]) -> f32[N, D] { return layer_norm(x, w, b); }",
                        "x", rows(), "w", f32(w), "b", f32(b)));
    }

    @Test
    void rmsNormWithAnExplicitEps() throws InputError {
        double[] w = {2, 1, 0.5};
        double eps = 0.25;
        double[] expected = new double[6];
        for (int r = 0; r < 2; r++) {
            double ms = 0;
            for (int c = 0; c < 3; c++) {
                ms += ROWS[r * 3 + c] * ROWS[r * 3 + c] / 3;
            }
            for (int c = 0; c < 3; c++) {
                expected[r * 3 + c] = ROWS[r * 3 + c] / Math.sqrt(ms + eps) * w[c];
            }
        }
        assertF32(shape(2, 3), expected,
                out("pipeline P(x: f32[N, D], w: f32[D]) -> f32[N, D] { return rms_norm(x, w, eps = 0.25); }",
                        "x", rows(), "w", f32(w)));
    }

    @Test
    void geluExactIsXTimesTheNormalCdf() throws InputError {
        // x * Phi(x), Phi from tables: Phi(1) = 0.8413447460685429, Phi(0.5) = 0.6914624612740131,
        // Phi(2) = 0.9772498680518208, Phi(-3) = 0.0013498980316301.
        assertF32(new double[] {0, 0.8413447460685429, -(1 - 0.8413447460685429), 0.5 * 0.6914624612740131,
            2 * 0.9772498680518208, -3 * 0.0013498980316301},
                out("pipeline P(x: f32[N]) -> f32[N] { return gelu(x); }", "x", f32(0, 1, -1, 0.5, 2, -3)));
    }

    @Test
    void geluTanhApproximation() throws InputError {
        double[] x = {-3, -1, 0, 0.5, 1, 2};
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            expected[i] = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
        }
        assertF32(expected, out("pipeline P(x: f32[N]) -> f32[N] { return gelu_tanh(x); }", "x", f32(x)));
    }

    @Test
    void siluAndRelu() throws InputError {
        double[] x = {-2, -0.5, 0, 1.5, 4};
        double[] silu = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            silu[i] = x[i] / (1 + Math.exp(-x[i]));
        }
        assertF32(silu, out("pipeline P(x: f32[N]) -> f32[N] { return silu(x); }", "x", f32(x)));
        assertExact(DType.F32, shape(4), new double[] {0, 0, 1.5, Double.NaN},
                out("pipeline P(x: f32[N]) -> f32[N] { return relu(x); }", "x", f32(-2, 0, 1.5, Double.NaN)));
        assertExact(DType.I32, shape(3), new double[] {0, 0, 7},
                out("pipeline P(x: i32[N]) -> i32[N] { return relu(x); }", "x", i32(-5, 0, 7)));
    }

    @Test
    void sixteenBitInputsGiveSixteenBitResults() throws InputError {
        // softmax of f16 [0, 0] is exactly [0.5, 0.5], and stays f16.
        assertExact(DType.F16, shape(2), new double[] {0.5, 0.5},
                out("pipeline P(x: f16[N]) -> f16[N] { return softmax(x); }", "x", Programs.vector(DType.F16, 0, 0)));
    }
}
