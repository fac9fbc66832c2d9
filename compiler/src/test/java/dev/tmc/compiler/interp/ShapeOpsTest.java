// Matmul, transpose, reshape, broadcast, slices, concat and arange, against index loops in the test.
package dev.tmc.compiler.interp;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static dev.tmc.compiler.interp.Programs.array;
import static dev.tmc.compiler.interp.Programs.assertExact;
import static dev.tmc.compiler.interp.Programs.f32;
import static dev.tmc.compiler.interp.Programs.i32;
import static dev.tmc.compiler.interp.Programs.out;
import static dev.tmc.compiler.interp.Programs.shape;

class ShapeOpsTest {

    /** 0, 1, 2, ... as a flat array. */
    private static double[] iota(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** C[b] = A[b mod batchA] @ B[b mod batchB], each matrix row-major. */
    private static double[] matmul(double[] a, double[] b, int batch, int batchA, int batchB, int m, int k, int n) {
        double[] c = new double[batch * m * n];
        for (int t = 0; t < batch; t++) {
            int ao = (t % batchA) * m * k;
            int bo = (t % batchB) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k; p++) {
                        c[t * m * n + i * n + j] += a[ao + i * k + p] * b[bo + p * n + j];
                    }
                }
            }
        }
        return c;
    }

    @Test
    void matrixProducts() throws InputError {
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {7, 8, 9, 10, 11, 12};
        assertExact(DType.F32, shape(2, 2), matmul(a, b, 1, 1, 1, 2, 3, 2),
                out("pipeline P(a: f32[M, K], b: f32[K, N]) -> f32[M, N] { return a @ b; }",
                        "a", array(DType.F32, shape(2, 3), a), "b", array(DType.F32, shape(3, 2), b)));
    }

    @Test
    void batchedAndBroadcastBatches() throws InputError {
        double[] a = iota(12);
        double[] b = {1, -1, 2, 0, 0.5, 3};
        double[] w = {1, 0, -2, 1, 3, 2, 1, 1, -1, 0, 2, 2};
        assertExact(DType.F32, shape(2, 2, 2), matmul(a, w, 2, 2, 2, 2, 3, 2),
                out("pipeline P(a: f32[B, M, K], b: f32[B, K, N]) -> f32[B, M, N] { return a @ b; }",
                        "a", array(DType.F32, shape(2, 2, 3), a), "b", array(DType.F32, shape(2, 3, 2), w)));
        assertExact(DType.F32, shape(2, 2, 2), matmul(a, b, 2, 2, 1, 2, 3, 2),
                out("pipeline P(a: f32[B, M, K], b: f32[K, N]) -> f32[B, M, N] { return a @ b; }",
                        "a", array(DType.F32, shape(2, 2, 3), a), "b", array(DType.F32, shape(3, 2), b)));
        // [2, 1, 1, 3] @ [3, 3, 2] broadcasts to [2, 3, 1, 2]: batch (s, h) uses a[s] and b[h].
        double[] a2 = {1, 2, 3, -1, 0, 1};
        double[] b3 = iota(18);
        double[] expected = new double[12];
        for (int s = 0; s < 2; s++) {
            for (int h = 0; h < 3; h++) {
                double[] c = matmul(java.util.Arrays.copyOfRange(a2, s * 3, s * 3 + 3),
                        java.util.Arrays.copyOfRange(b3, h * 6, h * 6 + 6), 1, 1, 1, 1, 3, 2);
                expected[(s * 3 + h) * 2] = c[0];
                expected[(s * 3 + h) * 2 + 1] = c[1];
            }
        }
        assertExact(DType.F32, shape(2, 3, 1, 2), expected,
                out("pipeline P(a: f32[S, 1, M, K], b: f32[H, K, N]) -> f32[S, H, M, N] { return a @ b; }",
                        "a", array(DType.F32, shape(2, 1, 1, 3), a2), "b", array(DType.F32, shape(3, 3, 2), b3)));
    }

    @Test
    void vectorsActAsRowsAndColumns() throws InputError {
        double[] v = {1, 2, 3};
        double[] m = {1, 0, 2, -1, 3, 1};
        assertExact(DType.F32, shape(2), matmul(v, m, 1, 1, 1, 1, 3, 2),
                out("pipeline P(v: f32[K], m: f32[K, N]) -> f32[N] { return v @ m; }",
                        "v", f32(v), "m", array(DType.F32, shape(3, 2), m)));
        assertExact(DType.F32, shape(2), matmul(m, v, 1, 1, 1, 2, 3, 1),
                out("pipeline P(m: f32[N, K], v: f32[K]) -> f32[N] { return matmul(m, v); }",
                        "v", f32(v), "m", array(DType.F32, shape(2, 3), m)));
        assertExact(DType.F32, shape(), new double[] {14},
                out("pipeline P(v: f32[K]) -> f32[] { return v @ v; }", "v", f32(v)));
    }

    @Test
    void integerMatmulWraps() throws InputError {
        assertExact(DType.I32, shape(), new double[] {Integer.MIN_VALUE},
                out("pipeline P(a: i32[K], b: i32[K]) -> i32[] { return a @ b; }",
                        "a", i32(65536, 1), "b", i32(32768, 0)));
    }

    @Test
    void transposeMovesEachElement() throws InputError {
        double[] x = iota(24);
        double[] expected = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    expected[k * 6 + i * 3 + j] = x[i * 12 + j * 4 + k]; // out[k][i][j] = x[i][j][k]
                }
            }
        }
        assertExact(DType.F32, shape(4, 2, 3), expected,
                out("pipeline P(x: f32[A, B, C]) -> f32[C, A, B] { return transpose(x, 2, 0, 1); }",
                        "x", array(DType.F32, shape(2, 3, 4), x)));
        assertExact(DType.F32, shape(3, 2), new double[] {0, 3, 1, 4, 2, 5},
                out("pipeline P(x: f32[A, B]) -> f32[B, A] { return transpose(x); }",
                        "x", array(DType.F32, shape(2, 3), iota(6))));
    }

    @Test
    void reshapeKeepsCOrder() throws InputError {
        assertExact(DType.F32, shape(3, 2), iota(6),
                out("pipeline P(x: f32[A, B]) -> f32[B, A] { return reshape(x, B, -1); }",
                        "x", array(DType.F32, shape(2, 3), iota(6))));
        assertExact(DType.F32, shape(6), iota(6),
                out("pipeline P(x: f32[A, B]) -> f32[A * B] { return reshape(x, -1); }",
                        "x", array(DType.F32, shape(2, 3), iota(6))));
    }

    @Test
    void broadcastRepeats() throws InputError {
        assertExact(DType.F32, shape(2, 3), new double[] {1, 2, 3, 1, 2, 3},
                out("pipeline P(x: f32[D], y: f32[N]) -> f32[N, D] { return broadcast(x, N, D) + 0 * sum(y); }",
                        "x", f32(1, 2, 3), "y", f32(0, 0)));
        assertExact(DType.F32, shape(2, 3), new double[] {1, 1, 1, 2, 2, 2},
                out("pipeline P(x: f32[N, 1]) -> f32[N, 3] { return broadcast(x, N, 3); }",
                        "x", array(DType.F32, shape(2, 1), 1, 2)));
    }

    @Test
    void slicesWithStepsAndNegativeBounds() throws InputError {
        HostArray x = f32(iota(7));
        assertExact(DType.F32, shape(2), new double[] {1, 3},
                out("pipeline P(x: f32[N]) -> f32[2] { return x[1:5:2]; }", "x", x));
        assertExact(DType.F32, shape(2), new double[] {4, 5},
                out("pipeline P(x: f32[N]) -> f32[2] { return x[-3:-1]; }", "x", x));
        assertExact(DType.F32, shape(3), new double[] {0, 3, 6},
                out("pipeline P(x: f32[N]) -> f32[(N + 2) / 3] { return x[::3]; }", "x", x));
        assertExact(DType.F32, shape(), new double[] {6},
                out("pipeline P(x: f32[N]) -> f32[] { return x[-1]; }", "x", x));
        assertExact(DType.F32, shape(6), new double[] {0, 1, 2, 3, 4, 5},
                out("pipeline P(x: f32[N]) -> f32[N - 1] { return slice(x, :-1); }", "x", x));
    }

    @Test
    void slicesOfMatrices() throws InputError {
        HostArray m = array(DType.F32, shape(3, 4), iota(12));
        assertExact(DType.F32, shape(2, 2), new double[] {4, 6, 8, 10},
                out("pipeline P(x: f32[N, D]) -> f32[N - 1, (D + 1) / 2] { return x[1:, ::2]; }", "x", m));
        assertExact(DType.F32, shape(3), new double[] {3, 7, 11},
                out("pipeline P(x: f32[N, D]) -> f32[N] { return x[:, -1]; }", "x", m));
        assertExact(DType.F32, shape(4), new double[] {4, 5, 6, 7},
                out("pipeline P(x: f32[N, D]) -> f32[D] { return x[1]; }", "x", m));
        assertExact(DType.F32, shape(), new double[] {9},
                out("pipeline P(x: f32[N, D]) -> f32[] { return x[2, 1]; }", "x", m));
        assertExact(DType.F32, shape(2), new double[] {5, 9},
                out("pipeline P(x: f32[N, D]) -> f32[N - 1] { return x[1:][:, 1]; }", "x", m));
    }

    @Test
    void concatAlongEachAxis() throws InputError {
        HostArray a = array(DType.F32, shape(2, 2), 1, 2, 3, 4);
        HostArray b = array(DType.F32, shape(2, 1), 5, 6);
        assertExact(DType.F32, shape(2, 3), new double[] {1, 2, 5, 3, 4, 6},
                out("pipeline P(a: f32[N, A], b: f32[N, B]) -> f32[N, A + B] { return concat(a, b, axis = 1); }",
                        "a", a, "b", b));
        assertExact(DType.F32, shape(5), new double[] {1, 2, 7, 8, 9},
                out("pipeline P(a: i32[N], b: f32[M]) -> f32[N + M] { return concat(a, b); }",
                        "a", i32(1, 2), "b", f32(7, 8, 9)));
        assertExact(DType.F32, shape(4, 2), new double[] {1, 2, 3, 4, 1, 2, 3, 4},
                out("pipeline P(a: f32[N, D]) -> f32[2 * N, D] { return concat(a, a, axis = -2); }", "a", a));
    }

    @Test
    void arangeAndDimsAsValues() throws InputError {
        assertExact(DType.I32, shape(4), new double[] {0, 1, 2, 3},
                out("pipeline P(x: f32[N]) -> i32[N] { return arange(N) + 0 * (sum(x) as i32); }", "x", f32(9, 9, 9, 9)));
        assertExact(DType.I32, shape(5), new double[] {0, 1, 2, 3, 4},
                out("pipeline P(x: f32[N]) -> i32[2 * N + 1] { return arange(2 * N + 1) + 0 * (sum(x) as i32); }",
                        "x", f32(1, 1)));
        // A dim used as a value is a weak integer: sum(x) / N is the mean.
        assertExact(DType.F32, shape(), new double[] {2.5},
                out("pipeline P(x: f32[N]) -> f32[] { return sum(x) / N; }", "x", f32(1, 2, 3, 4)));
    }

    @Test
    void broadcastingArithmetic() throws InputError {
        HostArray col = array(DType.F32, shape(2, 1), 10, 20);
        assertExact(DType.F32, shape(2, 3), new double[] {11, 12, 13, 21, 22, 23},
                out("pipeline P(a: f32[N, 1], b: f32[D]) -> f32[N, D] { return a + b; }", "a", col, "b", f32(1, 2, 3)));
    }
}
