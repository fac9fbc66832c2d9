// `tmc explain`: the IR after each step as GraphPrinter spells it, the kernels, the memory plan and
// the cost of a call, and the same facts as well-formed JSON.
package dev.tmc.tests;

import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.tmc.tests.Cli.tmc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {
    private static final String SOURCE = """
            pipeline RmsNorm(x: f32[N, D], w: f32[D], eps: f32 = 1e-6) -> f32[N, D] {
              let ms = mean(x * x, axis = -1, keepdims = true);
              return x * rsqrt(ms + eps) * w;
            }
            pipeline Stats(x: f32[N, D]) -> (mean: f32[N], top: f32[N]) {
              precision strict;
              return (mean(x, axis = 1), max(x, axis = 1));
            }
            """;

    @TempDir
    Path dir;

    private static Module lower(String name, Precision precision) {
        Diagnostics diagnostics = new Diagnostics();
        Module module = Frontend.lower(new SourceFile(name, SOURCE), precision, diagnostics).orElseThrow();
        assertFalse(diagnostics.hasErrors());
        return module;
    }

    @Test
    void targetCudaShowsMatmulsTheLibraryTakesAsLibrarySteps() {
        String file = new Cli(dir).source("m.tm", """
                pipeline MatmulGelu(x: bf16[M, K], w: bf16[K, N], b: bf16[N]) -> bf16[M, N] {
                  return gelu(x @ w + b);
                }
                """);
        String cuda = tmc("explain", file, "--after", "schedule", "--target", "cuda").expect(0).out();
        assertTrue(cuda.contains("kernel MatmulGelu_k0 (library-matmul) over [M, N]"), cuda);
        assertTrue(cuda.contains("kernel MatmulGelu_k1 (pointwise) over [M, N]"), cuda);
        for (String other : List.of("metal", "cpu")) {
            String out = tmc("explain", file, "--after", "schedule", "--target", other).expect(0).out();
            assertEquals(tmc("explain", file, "--after", "schedule").expect(0).out(), out, other);
            assertFalse(out.contains("library"), out);
        }
        assertTrue(tmc("explain", file, "--target", "tpu").expect(2).err().contains("expected cpu, metal or cuda"));
    }

    @Test
    void textShowsTheIrAfterEveryStepThenKernelsMemoryAndCost() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        Cli.Result r = tmc("explain", file).expect(0);
        Module module = lower(file, Precision.BALANCED);
        String out = r.out();
        assertTrue(out.startsWith("// after lower\n" + GraphPrinter.print(module.pipeline("RmsNorm").orElseThrow())),
                out);
        for (String step : List.of("inline", "canonicalize", "stabilize", "promote-precision", "cleanup")) {
            assertTrue(out.contains("// after " + step + "\n"), step);
        }
        assertTrue(out.contains("// schedule of RmsNorm: 1 kernel\n"), out);
        assertTrue(out.contains("kernel RmsNorm_k0 (row-reduction) over [N, D] reducing axes [1]"), out);
        assertTrue(out.contains("// memory plan of RmsNorm\n"), out);
        assertTrue(out.contains("  host syncs per call: 1"), out);
        assertTrue(out.contains("// after lower\n" + GraphPrinter.print(module.pipeline("Stats").orElseThrow())), out);
        assertEquals("", r.err());
    }

    @Test
    void afterNamesOneStepAtTheChosenPrecision() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        Module fast = lower(file, Precision.FAST);
        assertEquals("// after lower\n" + GraphPrinter.print(fast.pipeline("RmsNorm").orElseThrow()),
                tmc("explain", file, "--pipeline", "RmsNorm", "--precision", "fast", "--after", "lower").expect(0).out());
        // A pipeline that names its own precision keeps it.
        assertTrue(tmc("--precision", "fast", "explain", file, "--pipeline", "Stats", "--after", "lower").expect(0)
                .out().contains(" precision strict {"));
        String stabilized = tmc("explain", file, "--pipeline", "Stats", "--after", "stabilize").expect(0).out();
        assertTrue(stabilized.startsWith("// after stabilize\n") && !stabilized.contains("= mean %"), stabilized);
        String kernels = tmc("explain", file, "--pipeline", "RmsNorm", "--after", "schedule").expect(0).out();
        assertTrue(kernels.startsWith("// schedule of RmsNorm: 1 kernel\n"), kernels);
    }

    @Test
    void dimsShowConcreteShapesAndSizes() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        String out = tmc("explain", file, "--pipeline", "Stats", "--dim", "N=8").expect(0).out();
        assertTrue(out.startsWith("shapes of Stats with N=8:\n  x: f32[8, D]\n  mean: f32[8]\n  top: f32[8]\n"
                + "// after lower\npipeline Stats("), out);
        // x is read once and each output written once: 4 bytes * (N*D + N + N).
        String rms = tmc("explain", file, "--pipeline", "Stats", "--dim", "N=8", "--dim", "D=16").expect(0).out();
        assertTrue(rms.contains("  bytes moved: " + 4 * (8 * 16 + 8 + 8) + " fused"), rms);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasTheSignatureTheIrAndThePlan() throws Exception {
        // A path that needs escaping in JSON.
        Path odd = Files.createDirectories(dir.resolve("we\"ird\\dir"));
        String file = Cli.write(odd.resolve("p.tm"), SOURCE).toString();
        Cli.Result r = tmc("explain", file, "--format", "json").expect(0);
        Module module = lower(file, Precision.BALANCED);

        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(r.out());
        assertEquals(List.of("file", "pipelines"), List.copyOf(root.keySet()));
        assertEquals(file, root.get("file"));
        List<Object> pipelines = (List<Object>) root.get("pipelines");
        assertEquals(2, pipelines.size());

        Map<String, Object> rms = (Map<String, Object>) pipelines.get(0);
        assertEquals(List.of("pipeline", "precision", "params", "outputs", "passes", "hostValues", "kernels",
                "arenaBytes", "arenaBytesExpr", "allocations", "bytesMoved", "bytesMovedExpr", "bytesMovedUnfused",
                "bytesMovedUnfusedExpr", "kernelCount", "kernelCountUnfused", "hostSyncsPerCall"),
                List.copyOf(rms.keySet()));
        assertEquals("RmsNorm", rms.get("pipeline"));
        assertEquals("balanced", rms.get("precision"));
        assertEquals(List.of(
                Map.of("name", "x", "type", "f32[N, D]", "scalar", false),
                Map.of("name", "w", "type", "f32[D]", "scalar", false),
                Map.of("name", "eps", "type", "f32", "scalar", true, "default", 1e-6)), rms.get("params"));
        assertEquals(List.of(Map.of("name", "out", "type", "f32[N, D]")), rms.get("outputs"));
        Map<String, Object> lowered = (Map<String, Object>) ((List<Object>) rms.get("passes")).get(0);
        assertEquals("lower", lowered.get("pass"));
        assertEquals(GraphPrinter.print(module.pipeline("RmsNorm").orElseThrow()), lowered.get("ir"));
        List<Object> kernels = (List<Object>) rms.get("kernels");
        assertEquals(1, kernels.size());
        assertEquals("RmsNorm_k0", ((Map<String, Object>) kernels.get(0)).get("name"));
        assertEquals("row-reduction", ((Map<String, Object>) kernels.get(0)).get("template"));
        assertTrue(((List<Object>) ((Map<String, Object>) kernels.get(0)).get("ops")).contains("rsqrt[kept]"));
        assertEquals(1.0, rms.get("hostSyncsPerCall"));
        assertEquals(null, rms.get("bytesMoved")); // no --dim: the expression only
        assertEquals("8*D*N + 4*D", rms.get("bytesMovedExpr"));

        Map<String, Object> stats = (Map<String, Object>) pipelines.get(1);
        assertEquals("strict", stats.get("precision"));
        assertEquals(List.of(Map.of("name", "mean", "type", "f32[N]"), Map.of("name", "top", "type", "f32[N]")),
                stats.get("outputs"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonWithDims() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        String out = tmc("explain", file, "--pipeline", "RmsNorm", "--dim", "D=64", "--dim", "N=4", "--format", "json")
                .expect(0).out();
        Map<String, Object> rms = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) MiniJson.parse(out))
                .get("pipelines")).get(0);
        assertEquals(Map.of("D", 64.0, "N", 4.0), rms.get("dims"));
        Map<String, Object> x = (Map<String, Object>) ((List<Object>) rms.get("params")).get(0);
        assertEquals(List.of(4.0, 64.0), x.get("shape"));
        // Read x (4*64 f32) and w (64 f32), write out (4*64 f32); nothing in between.
        assertEquals((double) (4 * 64 * 4 + 64 * 4 + 4 * 64 * 4), rms.get("bytesMoved"));
        assertEquals(0.0, rms.get("arenaBytes"));
    }

    @Test
    void usageErrors() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        assertEquals("error: no pipeline named 'Mlp' in " + file + "; it declares RmsNorm, Stats\n",
                tmc("explain", file, "--pipeline", "Mlp").expect(2).err());
        assertTrue(tmc("explain", file, "--format", "xml").expect(2).err().startsWith(
                "error: Invalid value for option '--format': 'xml' is not a format; expected text or json\n"));
        assertEquals("error: no pipeline explained here has a dim K; their dims are N, D\n",
                tmc("explain", file, "--dim", "K=3").expect(2).err());
        assertTrue(tmc("explain", file, "--after", "fusion").expect(2).err().startsWith(
                "error: no step 'fusion'; the steps are lower, inline, canonicalize"));
    }

    @Test
    void sourceErrorsAreReportedAsInCheck() {
        String file = new Cli(dir).source("bad.tm", "pipeline P(x: f32[N]) -> f32[N] {\n  return y;\n}\n");
        Cli.Result r = tmc("explain", file, "--format", "json").expect(1);
        assertTrue(r.err().startsWith(file + ":2:10: error: unknown name 'y'"), r.err());
        assertEquals("", r.out());
    }
}
