// `tmc run` end to end for each dtype: .npy in (of any npy type), run, .npy out, compared with
// values computed here by plain loops, independently of the compiler and its interpreter.
package dev.tmc.tests;

import dev.tmc.runtime.io.NpyArray;
import dev.tmc.runtime.io.NpyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.tmc.tests.Cli.shape;
import static dev.tmc.tests.Cli.tmc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RunDtypesTest {
    @TempDir
    Path dir;

    private Cli cli() {
        return new Cli(dir);
    }

    @Test
    void f32AffineBroadcastsABiasReadFromF8() {
        Cli cli = cli();
        String src = cli.source("affine.tm",
                "pipeline Affine(x: f32[N, D], b: f32[D]) -> f32[N, D] {\n  return x * 2 + b;\n}\n");
        double[] x = {0.25, -1.5, 3.0, 0.1, 7.75, -0.003};
        double[] b = {0.5, -1.25, 1.0 / 3};
        String xs = cli.npy("x.npy", NpyType.F4, shape(2, 3), x);
        String bs = cli.npy("b.npy", NpyType.F8, shape(3), b);
        tmc("run", src, "--input", "x=" + xs, "--input", "b=" + bs, "--output-dir", cli.path("out")).expect(0);

        NpyArray out = Cli.read(dir.resolve("out/out.npy"));
        assertEquals(NpyType.F4, out.type());
        assertArrayEquals(new long[] {2, 3}, out.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = (float) (2 * (double) (float) x[i * 3 + j] + (double) (float) b[j]);
                assertEquals(expected, out.value(i * 3 + j), 1e-6 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    @Test
    void f32RmsNormWithDefaultAndGivenEps() {
        Cli cli = cli();
        String src = cli.source("rms.tm", "pipeline RmsNorm(x: f32[N, D], w: f32[D], eps: f32 = 1e-6) -> f32[N, D] {\n"
                + "  let ms = mean(x * x, axis = -1, keepdims = true);\n"
                + "  return x * rsqrt(ms + eps) * w;\n}\n");
        int n = 3;
        int d = 4;
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7 + 0.3) * 2;
        }
        double[] w = {1.0, 0.5, -2.0, 0.125};
        String xs = cli.npy("x.npy", NpyType.F4, shape(n, d), x);
        String ws = cli.npy("w.npy", NpyType.F4, shape(d), w);
        for (double eps : new double[] {1e-6, 0.25}) {
            String outDir = cli.path("out" + eps);
            if (eps == 1e-6) {
                tmc("run", src, "--input", "x=" + xs, "--input", "w=" + ws, "--output-dir", outDir).expect(0);
            } else {
                tmc("run", src, "--input", "x=" + xs, "--input", "w=" + ws, "--arg", "eps=" + eps,
                        "--output-dir", outDir).expect(0);
            }
            NpyArray out = Cli.read(Path.of(outDir, "out.npy"));
            double epsF32 = (float) eps;
            for (int i = 0; i < n; i++) {
                double sumSquares = 0;
                for (int j = 0; j < d; j++) {
                    sumSquares += x[i * d + j] * x[i * d + j];
                }
                double scale = 1 / Math.sqrt(sumSquares / d + epsF32);
                for (int j = 0; j < d; j++) {
                    double expected = x[i * d + j] * scale * w[j];
                    assertEquals(expected, out.value(i * d + j), 1e-5 * Math.max(1, Math.abs(expected)),
                            "eps " + eps + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void f16InputFromF8IsRoundedToF16AndWrittenAsF2() {
        Cli cli = cli();
        String src = cli.source("twice.tm", "pipeline Twice(x: f16[N]) -> f16[N] {\n  return x * 2;\n}\n");
        String xs = cli.npy("x.npy", NpyType.F8, shape(5), 0.1, 1.0 / 3, 2.5, -7.75, 1000.3);
        tmc("run", src, "--input", "x=" + xs, "--output-dir", cli.path("out")).expect(0);

        NpyArray out = Cli.read(dir.resolve("out/out.npy"));
        assertEquals(NpyType.F2, out.type());
        // f16 of the inputs: 0.0999755859375, 0.333251953125, 2.5, -7.75, 1000.5; doubling is exact.
        assertArrayEquals(new double[] {0.199951171875, 0.66650390625, 5.0, -15.5, 2001.0}, out.values());
    }

    @Test
    void bf16OutputIsWrittenAsF4HoldingBf16Values() {
        Cli cli = cli();
        String src = cli.source("half.tm", "pipeline Twice(x: bf16[N]) -> bf16[N] {\n  return x * 2;\n}\n");
        String xs = cli.npy("x.npy", NpyType.F4, shape(4), 1.0 / 3, 0.1, -3.0, 256.0);
        tmc("run", src, "--input", "x=" + xs, "--output-dir", cli.path("out")).expect(0);

        NpyArray out = Cli.read(dir.resolve("out/out.npy"));
        assertEquals(NpyType.F4, out.type());
        // bf16(1/3) = 0x3EAB = 0.333984375 and bf16(0.1) = 0x3DCD = 0.10009765625, then doubled.
        assertArrayEquals(new double[] {0.66796875, 0.2001953125, -6.0, 512.0}, out.values());
    }

    @Test
    void i32FromI8AndI4() {
        Cli cli = cli();
        String src = cli.source("add.tm", "pipeline Add(a: i32[N], b: i32[N]) -> i32[N] {\n  return a + b * 3;\n}\n");
        String as = cli.npy("a.npy", NpyType.I8, shape(4), 1, -2, 100000, 7);
        String bs = cli.npy("b.npy", NpyType.I4, shape(4), 5, 5, -40000, 0);
        tmc("run", src, "--input", "a=" + as, "--input", "b=" + bs, "--output-dir", cli.path("out")).expect(0);

        NpyArray out = Cli.read(dir.resolve("out/out.npy"));
        assertEquals(NpyType.I4, out.type());
        assertArrayEquals(new double[] {16, 13, -20000, 7}, out.values());
    }

    @Test
    void boolOutputWithScalarDefaultAndArg() {
        Cli cli = cli();
        String src = cli.source("mask.tm",
                "pipeline Mask(x: f32[N], t: f32 = 0.0) -> bool[N] {\n  return x > t;\n}\n");
        double[] x = {-1, 0.25, 0.75, 0, 2};
        String xs = cli.npy("x.npy", NpyType.F4, shape(5), x);
        tmc("run", src, "--input", "x=" + xs, "--output-dir", cli.path("default")).expect(0);
        tmc("run", src, "--input", "x=" + xs, "--arg", "t=0.5", "--output-dir", cli.path("given")).expect(0);

        for (String run : new String[] {"default", "given"}) {
            double t = run.equals("default") ? 0.0 : 0.5;
            NpyArray out = Cli.read(dir.resolve(run + "/out.npy"));
            assertEquals(NpyType.B1, out.type());
            double[] expected = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = x[i] > t ? 1 : 0;
            }
            assertArrayEquals(expected, out.values(), run);
        }
    }

    @Test
    void boolInputFromU1AndScalarsOfEveryKind() {
        Cli cli = cli();
        String src = cli.source("pick.tm", "pipeline Pick(x: f32[N], m: bool[N], on: bool = false, k: i32 = 2)"
                + " -> f32[N] {\n  return where(m, x * k, x) + where(on, 1.0, 0.0);\n}\n");
        double[] x = {1.5, -2, 3.25};
        String xs = cli.npy("x.npy", NpyType.F4, shape(3), x);
        String ms = cli.npy("m.npy", NpyType.U1, shape(3), 0, 7, 1);
        tmc("run", src, "--input", "x=" + xs, "--input", "m=" + ms, "--arg", "on=true", "--arg", "k=-3",
                "--output-dir", cli.path("out")).expect(0);
        assertArrayEquals(new double[] {1.5 + 1, 6 + 1, -9.75 + 1}, Cli.read(dir.resolve("out/out.npy")).values());
    }

    @Test
    void everyOutputOfAPipelineIsWritten() {
        Cli cli = cli();
        String src = cli.source("soft.tm", "pipeline Soft(x: f32[N, D]) -> (y: f32[N, D], m: f32[N]) {\n"
                + "  return (softmax(x, axis = -1), max(x, axis = 1));\n}\n");
        double[] x = {1, 2, 3, -1, 0, 4};
        String xs = cli.npy("x.npy", NpyType.F4, shape(2, 3), x);
        Cli.Result result = tmc("run", src, "--input", "x=" + xs, "--output-dir", cli.path("out")).expect(0);
        assertEquals(3, result.out().lines().count(), result.out());

        NpyArray y = Cli.read(dir.resolve("out/y.npy"));
        NpyArray m = Cli.read(dir.resolve("out/m.npy"));
        for (int i = 0; i < 2; i++) {
            double max = Math.max(x[i * 3], Math.max(x[i * 3 + 1], x[i * 3 + 2]));
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                sum += Math.exp(x[i * 3 + j] - max);
            }
            for (int j = 0; j < 3; j++) {
                assertEquals(Math.exp(x[i * 3 + j] - max) / sum, y.value(i * 3 + j), 1e-6);
            }
            assertEquals(max, m.value(i));
        }
    }
}
