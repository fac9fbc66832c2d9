// The generated TransformerBlock against the same block written out in plain Java, in double.
package dev.tmc.examples.demo;

import dev.tmc.runtime.Device;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TransformerDemoTest {
    @Test
    void matchesAPlainJavaDecoderBlock() {
        TransformerDemo.Sizes s = new TransformerDemo.Sizes(5, 8, 2, 4, 12);
        TransformerDemo.Inputs in = TransformerDemo.Inputs.random(s, 7);
        float[] got = TransformerDemo.run(Device.cpu(), in);
        double[][] want = block(in);
        for (int t = 0; t < s.t(); t++) {
            for (int i = 0; i < s.d(); i++) {
                // f16 storage between kernels rounds values near 1 by up to 5e-4 (seen: 6.4e-4 at most).
                assertEquals(want[t][i], got[t * s.d() + i], 4e-3 + 4e-3 * Math.abs(want[t][i]),
                        "y[" + t + ", " + i + "]");
            }
        }
    }

    /** x1 = x + attention(rms_norm(x)); y = x1 + swiglu(rms_norm(x1)). */
    private static double[][] block(TransformerDemo.Inputs in) {
        TransformerDemo.Sizes s = in.sizes();
        double[][] x = matrix(in.x(), s.t(), s.d());
        double[][] h = rmsNorm(x, in.attnNorm());
        double[][] x1 = new double[s.t()][s.d()];
        for (int t = 0; t < s.t(); t++) {
            x1[t] = x[t].clone();
        }
        for (int head = 0; head < s.h(); head++) {
            double[][] q = matmul(h, slice(in.wq(), head, s.d(), s.k()));
            double[][] k = matmul(h, slice(in.wk(), head, s.d(), s.k()));
            double[][] v = matmul(h, slice(in.wv(), head, s.d(), s.k()));
            double[][] wo = slice(in.wo(), head, s.k(), s.d());
            for (int t = 0; t < s.t(); t++) {
                double[] p = new double[t + 1]; // causal: row t sees columns 0..t
                double max = Double.NEGATIVE_INFINITY;
                for (int u = 0; u <= t; u++) {
                    p[u] = dot(q[t], k[u]) / Math.sqrt(s.k());
                    max = Math.max(max, p[u]);
                }
                double sum = 0;
                for (int u = 0; u <= t; u++) {
                    p[u] = Math.exp(p[u] - max);
                    sum += p[u];
                }
                double[] ctx = new double[s.k()];
                for (int u = 0; u <= t; u++) {
                    for (int c = 0; c < s.k(); c++) {
                        ctx[c] += p[u] / sum * v[u][c];
                    }
                }
                for (int i = 0; i < s.d(); i++) {
                    for (int c = 0; c < s.k(); c++) {
                        x1[t][i] += ctx[c] * wo[c][i];
                    }
                }
            }
        }
        double[][] h2 = rmsNorm(x1, in.mlpNorm());
        double[][] gate = matmul(h2, matrix(in.wGate(), s.d(), s.f()));
        double[][] up = matmul(h2, matrix(in.wUp(), s.d(), s.f()));
        for (int t = 0; t < s.t(); t++) {
            for (int j = 0; j < s.f(); j++) {
                double g = gate[t][j];
                gate[t][j] = g / (1 + Math.exp(-g)) * up[t][j];
            }
        }
        double[][] mlp = matmul(gate, matrix(in.wDown(), s.f(), s.d()));
        double[][] y = new double[s.t()][s.d()];
        for (int t = 0; t < s.t(); t++) {
            for (int i = 0; i < s.d(); i++) {
                y[t][i] = x1[t][i] + mlp[t][i];
            }
        }
        return y;
    }

    private static double[][] rmsNorm(double[][] x, float[] gain) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double ms = dot(x[t], x[t]) / x[t].length;
            out[t] = new double[x[t].length];
            for (int i = 0; i < x[t].length; i++) {
                out[t][i] = x[t][i] / Math.sqrt(ms + 1e-5) * gain[i];
            }
        }
        return out;
    }

    private static double[][] matmul(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < b[0].length; c++) {
                for (int k = 0; k < b.length; k++) {
                    out[r][c] += a[r][k] * b[k][c];
                }
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[][] matrix(float[] data, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = data[r * cols + c];
            }
        }
        return out;
    }

    /** Head {@code head} of a [heads, rows, cols] array. */
    private static double[][] slice(float[] data, int head, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = data[(head * rows + r) * cols + c];
            }
        }
        return out;
    }
}
