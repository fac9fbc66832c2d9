// `tmc run` options: the summary lines scripts parse, --print, rand:SEED inputs, --dim and --output-dir.
package dev.tmc.tests;

import dev.tmc.runtime.io.NpyArray;
import dev.tmc.runtime.io.NpyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.tmc.tests.Cli.shape;
import static dev.tmc.tests.Cli.tmc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOptionsTest {
    private static final String IDENTITIES = """
            pipeline Id(x: f32[N, D]) -> f32[N, D] {
              return x;
            }
            pipeline Ints(a: i32[N]) -> i32[N] {
              return a;
            }
            pipeline Bools(a: bool[N]) -> bool[N] {
              return a;
            }
            pipeline Root(x: f32[N]) -> f32[N] {
              return sqrt(x);
            }
            pipeline Twice(x: f16[N]) -> f16[N] {
              return x * 2;
            }
            pipeline Affine(x: f32[N, D], b: f32[D]) -> f32[N, D] {
              return x * 2 + b;
            }
            """;

    @TempDir
    Path dir;

    private String source() {
        return new Cli(dir).source("ids.tm", IDENTITIES);
    }

    @Test
    void summaryLineAndTimingLine() {
        Cli cli = new Cli(dir);
        String xs = cli.npy("x.npy", NpyType.F8, shape(5), 0.1, 1.0 / 3, 2.5, -7.75, 1000.3);
        Cli.Result r = tmc("run", source(), "--pipeline", "Twice", "--input", "x=" + xs).expect(0);
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        // mean of 0.199951171875, 0.66650390625, 5, -15.5, 2001 is 398.273291015625.
        assertEquals("out  f16[5]  min=-15.5 max=2001 mean=398.273", lines.get(0));
        assertTrue(lines.get(1).matches("Twice ran on cpu in \\d+\\.\\d ms"), lines.get(1));
        assertEquals("", r.err());
    }

    @Test
    void nanCountAndEmptyOutputs() {
        Cli cli = new Cli(dir);
        String xs = cli.npy("x.npy", NpyType.F4, shape(4), -1, 4, 9, 16);
        assertEquals("out  f32[4]  min=2 max=4 mean=3 nan=1",
                tmc("run", source(), "--pipeline", "Root", "--input", "x=" + xs).expect(0).out().lines().findFirst()
                        .orElseThrow());
        assertEquals("out  f32[0]  empty",
                tmc("run", source(), "--pipeline", "Root", "--input", "x=rand:1", "--dim", "N=0").expect(0).out()
                        .lines().findFirst().orElseThrow());
    }

    @Test
    void printShowsTheValues() {
        Cli cli = new Cli(dir);
        String xs = cli.npy("x.npy", NpyType.F4, shape(2, 2), 1, -2.5, 0.125, 1e-7);
        List<String> lines = tmc("run", source(), "--pipeline", "Id", "--input", "x=" + xs, "--print").expect(0)
                .out().lines().toList();
        assertEquals("out  f32[2, 2]  min=-2.5 max=1 mean=-0.34375", lines.get(0));
        // NumPy style: right-aligned to the widest element, %g spelling.
        assertEquals(List.of("[[    1,  -2.5],", " [0.125, 1e-07]]"), lines.subList(1, 3));
        assertEquals(4, lines.size());
    }

    @Test
    void randomInputsDependOnlyOnTheSeed() throws IOException {
        String src = source();
        byte[] first = runRandom(src, "a", "x=rand:42");
        byte[] again = runRandom(src, "b", "x=rand:42");
        byte[] other = runRandom(src, "c", "x=rand:43");
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));

        NpyArray values = Cli.read(dir.resolve("a/out.npy"));
        assertArrayEquals(new long[] {16, 8}, values.shape());
        for (double v : values.values()) {
            assertTrue(v >= -1 && v <= 1, "float " + v);
        }
    }

    private byte[] runRandom(String src, String outDir, String input) throws IOException {
        tmc("run", src, "--pipeline", "Id", "--input", input, "--dim", "N=16", "--dim", "D=8",
                "--output-dir", dir.resolve(outDir).toString()).expect(0);
        return Files.readAllBytes(dir.resolve(outDir).resolve("out.npy"));
    }

    @Test
    void randomIntegersAndBoolsStayInTheirRanges() {
        String src = source();
        tmc("run", src, "--pipeline", "Ints", "--input", "a=rand:7", "--dim", "N=200",
                "--output-dir", dir.resolve("i").toString()).expect(0);
        tmc("run", src, "--pipeline", "Bools", "--input", "a=rand:7", "--dim", "N=200",
                "--output-dir", dir.resolve("b").toString()).expect(0);
        double[] ints = Cli.read(dir.resolve("i/out.npy")).values();
        assertTrue(Arrays.stream(ints).allMatch(v -> v == Math.rint(v) && v >= -10 && v <= 10));
        assertTrue(Arrays.stream(ints).anyMatch(v -> v == -10) && Arrays.stream(ints).anyMatch(v -> v == 10));
        NpyArray bools = Cli.read(dir.resolve("b/out.npy"));
        assertEquals(NpyType.B1, bools.type());
        long trues = Arrays.stream(bools.values()).filter(v -> v == 1).count();
        assertTrue(trues > 50 && trues < 150, "trues: " + trues);
    }

    @Test
    void dimsOfRandomInputsComeFromDimOrFromNpyInputs() {
        Cli cli = new Cli(dir);
        String src = source();
        // b: f32[D] takes D = 3 from x's shape.
        String xs = cli.npy("x.npy", NpyType.F4, shape(2, 3), 1, 2, 3, 4, 5, 6);
        tmc("run", src, "--pipeline", "Affine", "--input", "x=" + xs, "--input", "b=rand:5",
                "--output-dir", cli.path("npy")).expect(0);
        assertArrayEquals(new long[] {2, 3}, Cli.read(dir.resolve("npy/out.npy")).shape());
        // A --dim that agrees with the npy input is fine; x's literal shape decides N.
        tmc("run", src, "--pipeline", "Affine", "--input", "x=" + xs, "--input", "b=rand:5", "--dim", "D=3")
                .expect(0);
        // Both random: --dim gives every size.
        tmc("run", src, "--pipeline", "Affine", "--input", "x=rand:1", "--input", "b=rand:2", "--dim", "N=5",
                "--dim", "D=7", "--output-dir", cli.path("dims")).expect(0);
        assertArrayEquals(new long[] {5, 7}, Cli.read(dir.resolve("dims/out.npy")).shape());
    }

    @Test
    void outputDirIsCreatedWithItsParents() {
        Cli cli = new Cli(dir);
        String nested = cli.path("a/b/c");
        tmc("run", source(), "--pipeline", "Root", "--input", "x=rand:1", "--dim", "N=3", "--output-dir", nested)
                .expect(0);
        assertTrue(Files.isRegularFile(Path.of(nested, "out.npy")));
    }
}
