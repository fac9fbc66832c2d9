// Every way `tmc run` can be given bad input or a bad command line: the exit status (1 for the
// input, 2 for usage), one line that names the culprit, and never a stack trace.
package dev.tmc.tests;

import dev.tmc.runtime.io.NpyType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tmc.tests.Cli.shape;
import static dev.tmc.tests.Cli.tmc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunErrorsTest {
    private static final String PIPELINES = """
            pipeline Affine(x: f32[N, D], b: f32[D]) -> f32[N, D] {
              return x * 2 + b;
            }
            pipeline Scaled(x: f32[N], s: f32, k: i32 = 1) -> f32[N] {
              return x * s * k;
            }
            pipeline Fixed(x: f32[3]) -> f32[3] {
              return x + 1;
            }
            """;

    @TempDir
    Path dir;
    private Cli cli;
    private String src;
    private String x23;

    @BeforeEach
    void files() {
        cli = new Cli(dir);
        src = cli.source("p.tm", PIPELINES);
        x23 = cli.npy("x23.npy", NpyType.F4, shape(2, 3), 1, 2, 3, 4, 5, 6);
    }

    private static void assertError(Cli.Result r, String expectedLine) {
        assertEquals("error: " + expectedLine + "\n", r.err());
        assertEquals("", r.out());
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = src;
        System.arraycopy(args, 0, all, 2, args.length);
        return tmc(all);
    }

    @Test
    void syntaxErrorShowsFileLineColumnAndCaret() {
        String bad = cli.source("bad.tm", "pipeline P(x: f32[N]) -> f32[N] {\n  return x * ;\n}\n");
        Cli.Result r = tmc("run", bad, "--input", "x=rand:1", "--dim", "N=2").expect(1);
        String[] lines = r.err().split("\n");
        assertEquals(4, lines.length, r.err());
        assertTrue(lines[0].startsWith(bad + ":2:14: error: "), r.err());
        assertEquals("  return x * ;", lines[1]);
        assertEquals("             ^", lines[2]);
        assertEquals("1 error", lines[3]);
        assertEquals("", r.out());
    }

    @Test
    void typeErrorIsAnInputError() {
        String bad = cli.source("types.tm", "pipeline P(x: f32[N], w: f32[M]) -> f32[N] {\n  return x + w;\n}\n");
        Cli.Result r = tmc("run", bad, "--input", "x=rand:1", "--input", "w=rand:1").expect(1);
        assertTrue(r.err().startsWith(bad + ":2:10: error: "), r.err());
    }

    @Test
    void pipelineChoice() {
        assertError(run("--pipeline", "Nope").expect(2),
                "no pipeline named 'Nope' in " + src + "; it declares Affine, Scaled, Fixed");
        assertError(run("--input", "x=rand:1").expect(2),
                src + " declares 3 pipelines; choose one with --pipeline NAME (Affine, Scaled, Fixed)");
        String none = cli.source("none.tm", "fn square(x) = x * x;\n");
        assertError(tmc("run", none).expect(1), none + " declares no pipeline");
    }

    @Test
    void malformedAndMissingNpyFiles() {
        Path garbage = dir.resolve("garbage.npy");
        Cli.write(garbage, "this is not numpy");
        Cli.Result r = run("--pipeline", "Affine", "--input", "x=" + garbage, "--input", "b=rand:1").expect(1);
        assertTrue(r.err().startsWith("error: " + garbage + ": not an npy file"), r.err());

        String missing = cli.path("missing.npy");
        assertError(run("--pipeline", "Affine", "--input", "x=" + missing, "--input", "b=rand:1").expect(1),
                "cannot read " + missing + ": no such file or directory");
    }

    @Test
    void shapesThatDoNotFitTheSignature() {
        String rank1 = cli.npy("r1.npy", NpyType.F4, shape(3), 1, 2, 3);
        Cli.Result r = run("--pipeline", "Affine", "--input", "x=" + rank1, "--input", "b=" + rank1).expect(1);
        assertTrue(r.err().startsWith("error: input 'x' (" + rank1 + ") has rank 1 (shape [3]) but is declared"),
                r.err());

        String b4 = cli.npy("b4.npy", NpyType.F4, shape(4), 1, 2, 3, 4);
        r = run("--pipeline", "Affine", "--input", "x=" + x23, "--input", "b=" + b4).expect(1);
        assertTrue(r.err().startsWith("error: input 'b' has size 4 for dim D"), r.err());

        String x4 = cli.npy("x4.npy", NpyType.F4, shape(4), 1, 2, 3, 4);
        r = run("--pipeline", "Fixed", "--input", "x=" + x4).expect(1);
        assertTrue(r.err().startsWith("error: input 'x' has size 4 at axis 0"), r.err());
    }

    @Test
    void dims() {
        assertError(run("--pipeline", "Affine", "--input", "x=rand:1", "--input", "b=rand:2", "--dim", "N=4")
                .expect(2), "dim D of input 'x' is unknown; give --dim D=SIZE");
        Cli.Result r = run("--pipeline", "Affine", "--input", "x=" + x23, "--input", "b=rand:2", "--dim", "D=5")
                .expect(1);
        assertTrue(r.err().startsWith("error: --dim D=5 contradicts input 'x'"), r.err());
        assertError(run("--pipeline", "Affine", "--input", "x=rand:1", "--input", "b=rand:2", "--dim", "Q=5")
                .expect(2), "pipeline Affine has no dim Q; its dims are N, D");
        assertError(run("--pipeline", "Affine", "--input", "x=rand:1", "--input", "b=rand:2", "--dim", "N=1",
                "--dim", "N=2", "--dim", "D=1").expect(2), "--dim N is given more than once");
    }

    @Test
    void inputsAndArgsMustMatchTheParameters() {
        assertError(run("--pipeline", "Affine", "--input", "x=rand:1").expect(2),
                "missing input 'b' (f32[D]) of pipeline Affine; give --input b=PATH.npy or --input b=rand:SEED");
        assertError(run("--pipeline", "Scaled", "--input", "x=rand:1", "--dim", "N=2").expect(2),
                "missing value for scalar parameter 's' (f32) of pipeline Scaled; give --arg s=VALUE");
        assertError(run("--pipeline", "Scaled", "--input", "x=rand:1", "--input", "s=rand:1").expect(2),
                "'s' is a scalar parameter (f32); give it with --arg s=VALUE, not --input");
        assertError(run("--pipeline", "Scaled", "--input", "x=rand:1", "--arg", "x=2").expect(2),
                "'x' is a tensor parameter (f32[N]); give it with --input x=PATH.npy or --input x=rand:SEED,"
                        + " not --arg");
        assertError(run("--pipeline", "Scaled", "--input", "y=rand:1").expect(2),
                "--input y: pipeline Scaled has no parameter 'y'; its parameters are x, s, k");
        assertError(run("--pipeline", "Scaled", "--input", "x=rand:1", "--arg", "z=1").expect(2),
                "--arg z: pipeline Scaled has no parameter 'z'; its parameters are x, s, k");
        assertError(run("--pipeline", "Scaled", "--input", "x=rand:1", "--arg", "s=fast").expect(2),
                "--arg s=fast: 'fast' is not a value of s's type f32; expected a number such as 0.5, -2 or 1e-6");
        assertError(run("--pipeline", "Scaled", "--input", "x=rand:1", "--arg", "s=1", "--arg", "k=1.5").expect(2),
                "--arg k=1.5: '1.5' is not a value of k's type i32; expected a whole number");
    }

    @Test
    void malformedOptionValuesAreUsageErrors() {
        for (String[] args : new String[][] {
                {"--input", "x"}, {"--input", "=a.npy"}, {"--input", "x=rand:soon"}, {"--arg", "s"},
                {"--dim", "N=big"}, {"--dim", "N=-1"}, {"--device", "gpu"}, {"--precision", "exact"},
                {"--frobnicate"}}) {
            Cli.Result r = run(args).expect(2);
            assertTrue(r.err().startsWith("error: "), r.err());
            assertTrue(r.err().endsWith("Try 'tmc run --help' for more information.\n"), r.err());
        }
    }

    @Test
    void inputsThatDoNotFitAreInputErrorsOnEveryDevice() {
        String xs = cli.npy("x4.npy", NpyType.F4, shape(4), 1, 2, 3, 4);
        Cli.Result cpu = run("--pipeline", "Fixed", "--input", "x=" + xs).expect(1);
        Cli.Result reference = run("--pipeline", "Fixed", "--input", "x=" + xs, "--device", "reference").expect(1);
        assertTrue(cpu.err().startsWith("error: "), cpu.err());
        assertEquals(reference.err(), cpu.err());
    }

    @Test
    void precisionMustBeAProfile() {
        Cli.Result r = tmc("--precision", "exact", "run", src).expect(2);
        assertTrue(r.err().contains("'exact' is not a precision profile; expected one of strict, balanced, fast"),
                r.err());
    }

    @Test
    void unreadableSourceFiles() {
        String missing = cli.path("nowhere.tm");
        assertError(tmc("run", missing).expect(1), "cannot read " + missing + ": no such file or directory");
        assertError(tmc("run", dir.toString()).expect(1), "cannot read " + dir + ": is a directory");
    }

    @Test
    void outputDirThatIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "");
        Cli.Result r = run("--pipeline", "Fixed", "--input", "x=rand:1", "--output-dir", file.toString()).expect(1);
        assertTrue(r.err().startsWith("error: cannot write " + file), r.err());
    }

    @Test
    void commandLineWithoutACommand() {
        assertTrue(tmc().expect(2).err().startsWith("error: missing command\nUsage: tmc"));
        assertTrue(tmc("rnu").expect(2).err().startsWith("error: unknown command 'rnu'; the commands are check, compile, run,"));
    }
}
