// `tmc explain`: the graph IR as GraphPrinter spells it, and the same facts as well-formed JSON.
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
    void textIsTheGraphPrinterOutputOfEveryPipeline() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        Cli.Result r = tmc("explain", file).expect(0);
        assertEquals(GraphPrinter.print(lower(file, Precision.BALANCED)), r.out());
        assertEquals("", r.err());
    }

    @Test
    void oneChosenPipelineAtTheChosenPrecision() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        Module strict = lower(file, Precision.FAST);
        assertEquals(GraphPrinter.print(strict.pipeline("RmsNorm").orElseThrow()),
                tmc("explain", file, "--pipeline", "RmsNorm", "--precision", "fast").expect(0).out());
        // A pipeline that names its own precision keeps it.
        assertTrue(tmc("--precision", "fast", "explain", file, "--pipeline", "Stats").expect(0).out()
                .contains(" precision strict {"));
    }

    @Test
    void dimsShowConcreteShapes() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        String out = tmc("explain", file, "--pipeline", "Stats", "--dim", "N=8").expect(0).out();
        assertTrue(out.startsWith("shapes of Stats with N=8:\n  x: f32[8, D]\n  mean: f32[8]\n  top: f32[8]\n"
                + "pipeline Stats("), out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasTheSignatureAndTheIr() throws Exception {
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
        assertEquals(List.of("pipeline", "precision", "params", "outputs", "ir"), List.copyOf(rms.keySet()));
        assertEquals("RmsNorm", rms.get("pipeline"));
        assertEquals("balanced", rms.get("precision"));
        assertEquals(List.of(
                Map.of("name", "x", "type", "f32[N, D]", "scalar", false),
                Map.of("name", "w", "type", "f32[D]", "scalar", false),
                Map.of("name", "eps", "type", "f32", "scalar", true, "default", 1e-6)), rms.get("params"));
        assertEquals(List.of(Map.of("name", "out", "type", "f32[N, D]")), rms.get("outputs"));
        assertEquals(GraphPrinter.print(module.pipeline("RmsNorm").orElseThrow()), rms.get("ir"));

        Map<String, Object> stats = (Map<String, Object>) pipelines.get(1);
        assertEquals("strict", stats.get("precision"));
        assertEquals(List.of(Map.of("name", "mean", "type", "f32[N]"), Map.of("name", "top", "type", "f32[N]")),
                stats.get("outputs"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonWithDims() {
        String file = new Cli(dir).source("p.tm", SOURCE);
        String out = tmc("explain", file, "--pipeline", "RmsNorm", "--dim", "D=64", "--format", "json").expect(0).out();
        Map<String, Object> rms = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) MiniJson.parse(out))
                .get("pipelines")).get(0);
        assertEquals(Map.of("D", 64.0), rms.get("dims"));
        Map<String, Object> x = (Map<String, Object>) ((List<Object>) rms.get("params")).get(0);
        assertEquals(List.of("N", 64.0), x.get("shape"));
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
    }

    @Test
    void sourceErrorsAreReportedAsInCheck() {
        String file = new Cli(dir).source("bad.tm", "pipeline P(x: f32[N]) -> f32[N] {\n  return y;\n}\n");
        Cli.Result r = tmc("explain", file, "--format", "json").expect(1);
        assertTrue(r.err().startsWith(file + ":2:10: error: unknown name 'y'"), r.err());
        assertEquals("", r.out());
    }
}
