// Reductions over axes, against sums and extremes computed by plain loops in the test.
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
import static dev.tmc.compiler.interp.Programs.vector;

class ReductionTest {
    // x[i][j][k] = i * 100 + j * 10 + k over shape [2, 3, 4]: every partial sum is distinct.
    private static final double[] X = new double[24];

    static {
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    X[i * 12 + j * 4 + k] = i * 100 + j * 10 + k;
                }
            }
        }
    }

    private static HostArray reduce(String call, String type) throws InputError {
        return out("pipeline P(x: f32[A, B, C]) -> " + type + " { return " + call + "; }",
                "x", array(DType.F32, shape(2, 3, 4), X));
    }

    @Test
    void sumOverEachAxisAndKeepdims() throws InputError {
        double[] overJ = new double[8];
        double[] overIk = new double[3];
        double total = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    double v = X[i * 12 + j * 4 + k];
                    overJ[i * 4 + k] += v;
                    overIk[j] += v;
                    total += v;
                }
            }
        }
        assertExact(DType.F32, shape(2, 4), overJ, reduce("sum(x, axis = 1)", "f32[A, C]"));
        assertExact(DType.F32, shape(2, 1, 4), overJ, reduce("sum(x, axis = -2, keepdims = true)", "f32[A, 1, C]"));
        assertExact(DType.F32, shape(3), overIk, reduce("sum(x, axis = [2, 0])", "f32[B]"));
        assertExact(DType.F32, shape(1, 3, 1), overIk, reduce("sum(x, axis = [0, -1], keepdims = true)", "f32[1, B, 1]"));
        assertExact(DType.F32, shape(), new double[] {total}, reduce("sum(x)", "f32[]"));
        assertExact(DType.F32, shape(1, 1, 1), new double[] {total}, reduce("sum(x, keepdims = true)", "f32[1, 1, 1]"));
    }

    @Test
    void meanMaxMinProdOverTheLastAxis() throws InputError {
        double[] mean = new double[6];
        double[] max = new double[6];
        double[] min = new double[6];
        for (int r = 0; r < 6; r++) {
            max[r] = Double.NEGATIVE_INFINITY;
            min[r] = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                double v = X[r * 4 + k];
                mean[r] += v / 4;
                max[r] = Math.max(max[r], v);
                min[r] = Math.min(min[r], v);
            }
        }
        assertF32(shape(2, 3), mean, reduce("mean(x, axis = -1)", "f32[A, B]"));
        assertExact(DType.F32, shape(2, 3), max, reduce("max(x, axis = 2)", "f32[A, B]"));
        assertExact(DType.F32, shape(2, 3), min, reduce("min(x, axis = 2)", "f32[A, B]"));
        HostArray prod = out("pipeline P(x: f32[N, M]) -> f32[N] { return prod(x, axis = 1); }",
                "x", array(DType.F32, shape(2, 3), 1, 2, 3, -1, 0.5, 4));
        assertExact(DType.F32, shape(2), new double[] {6, -2}, prod);
    }

    @Test
    void meanOfIntegersIsAFloat() throws InputError {
        assertExact(DType.F32, shape(), new double[] {2.5}, out("pipeline P(x: i32[N]) -> f32[] { return mean(x); }",
                "x", i32(1, 2, 3, 4)));
        assertExact(DType.F32, shape(), new double[] {(float) (2.0 / 3)},
                out("pipeline P(x: bool[N]) -> f32[] { return mean(x); }", "x", vector(DType.BOOL, 1, 0, 1)));
    }

    @Test
    void sumOfBoolsCounts() throws InputError {
        assertExact(DType.I32, shape(), new double[] {3},
                out("pipeline P(x: f32[N]) -> i32[] { return sum(x > 0); }", "x", f32(1, -1, 2, 0, 5)));
    }

    @Test
    void integerSumsWrapAndExtremesAreExact() throws InputError {
        int max = Integer.MAX_VALUE;
        assertExact(DType.I32, shape(), new double[] {max + 2},
                out("pipeline P(x: i32[N]) -> i32[] { return sum(x); }", "x", i32(max, 1, 1)));
        assertExact(DType.I32, shape(), new double[] {65536 * 65536},
                out("pipeline P(x: i32[N]) -> i32[] { return prod(x); }", "x", i32(65536, 65536)));
        assertExact(DType.I32, shape(), new double[] {7},
                out("pipeline P(x: i32[N]) -> i32[] { return max(x); }", "x", i32(3, 7, -2, 5)));
        assertExact(DType.I32, shape(2), new double[] {-2, 0},
                out("pipeline P(x: i32[N, M]) -> i32[N] { return min(x, axis = 1); }", "x",
                        array(DType.I32, shape(2, 2), 3, -2, 0, 9)));
    }

    @Test
    void maxAndMinPropagateNaN() throws InputError {
        HostArray r = out("pipeline P(x: f32[N, M]) -> f32[N] { return max(x, axis = 1); }",
                "x", array(DType.F32, shape(2, 3), 1, Double.NaN, 3, 0, 5, -1));
        assertExact(DType.F32, shape(2), new double[] {Double.NaN, 5}, r);
        assertExact(DType.F32, shape(), new double[] {Double.NaN},
                out("pipeline P(x: f32[N]) -> f32[] { return min(x); }", "x", f32(Double.NaN, -1)));
    }

    @Test
    void argmaxTakesTheFirstOfTiesAndTheFirstNaN() throws InputError {
        String rows = "pipeline P(x: f32[N, M]) -> (hi: i32[N], lo: i32[N]) {"
                + " return (argmax(x, axis = 1), argmin(x, axis = -1)); }";
        var r = Programs.run(rows, "x", array(DType.F32, shape(3, 4),
                1, 5, 5, 0,
                2, 2, 2, 2,
                0, Double.NaN, 9, Double.NaN));
        assertExact(DType.I32, shape(3), new double[] {1, 0, 1}, r.get("hi"));
        assertExact(DType.I32, shape(3), new double[] {3, 0, 1}, r.get("lo"));
    }

    @Test
    void argmaxOverColumnsAndFlattened() throws InputError {
        HostArray x = array(DType.F32, shape(2, 3), 1, 9, 3, 4, 9, 6);
        assertExact(DType.I32, shape(3), new double[] {1, 0, 1},
                out("pipeline P(x: f32[N, M]) -> i32[M] { return argmax(x, axis = 0); }", "x", x));
        assertExact(DType.I32, shape(1, 3), new double[] {1, 0, 1},
                out("pipeline P(x: f32[N, M]) -> i32[1, M] { return argmax(x, axis = 0, keepdims = true); }", "x", x));
        // No axis: the index into the flattened tensor, as NumPy.
        assertExact(DType.I32, shape(), new double[] {1},
                out("pipeline P(x: f32[N, M]) -> i32[] { return argmax(x); }", "x", x));
        assertExact(DType.I32, shape(1, 1), new double[] {0},
                out("pipeline P(x: f32[N, M]) -> i32[1, 1] { return argmin(x, keepdims = true); }", "x", x));
    }

    @Test
    void reducingNoAxesIsTheIdentity() throws InputError {
        assertExact(DType.F32, shape(2), new double[] {1, 2},
                out("pipeline P(x: f32[N]) -> f32[N] { return sum(x, axis = []); }", "x", f32(1, 2)));
    }

    @Test
    void emptyReductionsGiveTheIdentity() throws InputError {
        assertExact(DType.F32, shape(), new double[] {0},
                out("pipeline P(x: f32[N]) -> f32[] { return sum(x); }", "x", f32()));
        assertExact(DType.F32, shape(), new double[] {1},
                out("pipeline P(x: f32[N]) -> f32[] { return prod(x); }", "x", f32()));
    }
}
