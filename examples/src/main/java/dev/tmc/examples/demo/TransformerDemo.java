// Runs the decoder block of transformer_block.tm on random f16 weights and prints what came out.
//   java -cp examples/target/tmc-examples.jar dev.tmc.examples.demo.TransformerDemo [SEED]
package dev.tmc.examples.demo;

import dev.tmc.examples.transformer.TransformerBlock;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

public final class TransformerDemo {
    private TransformerDemo() {
    }

    /** Sequence length, model width, heads, head width and MLP width. */
    public record Sizes(int t, int d, int h, int k, int f) {
    }

    /**
     * The block's inputs in the pipeline's parameter order, each value exact in f16 so that the
     * pipeline and a test see the same numbers.
     */
    public record Inputs(Sizes sizes, float[] x, float[] attnNorm, float[] wq, float[] wk, float[] wv, float[] wo,
                         float[] mlpNorm, float[] wGate, float[] wUp, float[] wDown) {

        /** Activations in [-1, 1], weights scaled by 1/sqrt(fan-in), norm gains near 1. */
        public static Inputs random(Sizes s, long seed) {
            Random r = new Random(seed);
            return new Inputs(s, values(r, s.t() * s.d(), 1),
                    gains(r, s.d()), values(r, s.h() * s.d() * s.k(), fanIn(s.d())),
                    values(r, s.h() * s.d() * s.k(), fanIn(s.d())), values(r, s.h() * s.d() * s.k(), fanIn(s.d())),
                    values(r, s.h() * s.k() * s.d(), fanIn(s.h() * s.k())),
                    gains(r, s.d()), values(r, s.d() * s.f(), fanIn(s.d())), values(r, s.d() * s.f(), fanIn(s.d())),
                    values(r, s.f() * s.d(), fanIn(s.f())));
        }

        private static float fanIn(int n) {
            return (float) (1 / Math.sqrt(n));
        }

        /** Multiples of 1/1024 in [-scale, scale]: exact in f16 for the scales used here. */
        private static float[] values(Random r, int n, float scale) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = Math.round((r.nextFloat() * 2 - 1) * scale * 1024) / 1024f;
            }
            return out;
        }

        private static float[] gains(Random r, int n) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = 1 + Math.round((r.nextFloat() - 0.5f) * 0.2f * 1024) / 1024f;
            }
            return out;
        }
    }

    /** The block's output, [t, d] row-major. */
    public static float[] run(Device device, Inputs in) {
        Sizes s = in.sizes();
        TransformerBlock block = TransformerBlock.load(device);
        List<Tensor> args = new ArrayList<>();
        try {
            Tensor x = f16(args, in.x(), s.t(), s.d());
            Tensor attnNorm = f16(args, in.attnNorm(), s.d());
            Tensor wq = f16(args, in.wq(), s.h(), s.d(), s.k());
            Tensor wk = f16(args, in.wk(), s.h(), s.d(), s.k());
            Tensor wv = f16(args, in.wv(), s.h(), s.d(), s.k());
            Tensor wo = f16(args, in.wo(), s.h(), s.k(), s.d());
            Tensor mlpNorm = f16(args, in.mlpNorm(), s.d());
            Tensor wGate = f16(args, in.wGate(), s.d(), s.f());
            Tensor wUp = f16(args, in.wUp(), s.d(), s.f());
            Tensor wDown = f16(args, in.wDown(), s.f(), s.d());
            try (Tensor out = block.call(x, attnNorm, wq, wk, wv, wo, mlpNorm, wGate, wUp, wDown)) {
                return out.toFloatArray();
            }
        } finally {
            args.forEach(Tensor::close);
        }
    }

    private static Tensor f16(List<Tensor> open, float[] data, long... shape) {
        Tensor t = Tensor.of(DType.F16, data, shape);
        open.add(t);
        return t;
    }

    public static void main(String[] args) {
        long seed = 1;
        if (args.length > 0) {
            try {
                seed = Long.parseLong(args[0]);
            } catch (NumberFormatException e) {
                System.err.println("error: SEED must be an integer, not '" + args[0] + "'");
                System.exit(2);
            }
        }
        Sizes s = new Sizes(16, 64, 4, 16, 128);
        Inputs in = Inputs.random(s, seed);
        long start = System.nanoTime();
        float[] y = run(Device.cpu(), in);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "TransformerBlock on cpu: x f16[%d, %d], %d heads of %d, MLP width %d,"
                + " random weights (seed %d)%n", s.t(), s.d(), s.h(), s.k(), s.f(), seed);
        System.out.printf(Locale.ROOT, "first call (load, warm-up and run): %.1f ms%n", ms);
        for (int row = 0; row < 3; row++) {
            StringBuilder line = new StringBuilder("y[" + row + ", 0:6] =");
            for (int c = 0; c < 6; c++) {
                line.append(String.format(Locale.ROOT, " %8.4f", y[row * s.d() + c]));
            }
            System.out.println(line);
        }
        double sum = 0;
        for (float v : y) {
            sum += Math.abs(v);
        }
        System.out.printf(Locale.ROOT, "mean |y| = %.4f over %d values%n", sum / y.length, y.length);
    }
}
