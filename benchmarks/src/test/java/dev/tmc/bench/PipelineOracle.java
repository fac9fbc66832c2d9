// The bench pipelines computed directly in double from their textbook formulas: an oracle that
// shares no code with the compiler, the interpreter or the runtime.
package dev.tmc.bench;

final class PipelineOracle {
    private PipelineOracle() {
    }

    static double[] geluBias(float[] x, float[] b, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int i = 0; i < out.length; i++) {
            double v = (double) x[i] + b[i % cols];
            out[i] = 0.5 * v * (1 + erf(v / Math.sqrt(2)));
        }
        return out;
    }

    static double[] rmsNorm(float[] x, float[] w, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double squares = 0;
            for (int c = 0; c < cols; c++) {
                squares += (double) x[r * cols + c] * x[r * cols + c];
            }
            double scale = 1 / Math.sqrt(squares / cols + 1e-6);
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = x[r * cols + c] * scale * w[c];
            }
        }
        return out;
    }

    static double[] layerNorm(float[] x, float[] w, float[] b, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += x[r * cols + c];
            }
            double mean = sum / cols;
            double squares = 0;
            for (int c = 0; c < cols; c++) {
                double d = x[r * cols + c] - mean;
                squares += d * d;
            }
            double scale = 1 / Math.sqrt(squares / cols + 1e-5);
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (x[r * cols + c] - mean) * scale * w[c] + b[c];
            }
        }
        return out;
    }

    static double[] softmax(float[] x, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = Math.exp(x[r * cols + c]);
                sum += out[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] /= sum;
            }
        }
        return out;
    }

    /** bench.tm's Chain10, op by op. */
    static double[] chain10(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double e = Math.max(Math.abs(v * 1.5 + 0.25) - 0.5, 0.125);
            double t = e * e;
            out[i] = (Math.sqrt(Math.min(t, 4.0)) - v) * 0.75;
        }
        return out;
    }

    /** erf from its Maclaurin series: exact to double rounding for the |x| < 3 the tests use. */
    static double erf(double x) {
        if (Math.abs(x) >= 3) {
            throw new IllegalArgumentException("the oracle's erf series is for |x| < 3, not " + x);
        }
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && Math.abs(term) > 1e-20; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
