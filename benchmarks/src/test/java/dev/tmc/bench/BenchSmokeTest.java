// The harness on tiny sizes, so that it cannot break unnoticed: the CPU outputs it times agree
// with an oracle computed here, a whole run writes its table and chart, and the examples compile
// through CompileExamples. No timing is asserted.
package dev.tmc.bench;

import dev.tmc.compiler.ir.graph.Graph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class BenchSmokeTest {
    private static BenchProgram program;

    @BeforeAll
    static void compile() {
        program = BenchProgram.load();
    }

    @Test
    void cpuOutputsOfTheBenchPipelinesMatchTheOracle() {
        WorkloadBench bench = new WorkloadBench(program, ForkJoinPool.commonPool());
        for (Workload w : Workload.tiny()) {
            Graph g = program.graph(w.pipeline());
            WorkloadInputs inputs = new WorkloadInputs(g, w, 42);
            float[] actual = bench.cpuOutput(w, inputs);
            double[] expected = oracle(w, inputs);
            boolean f16 = w.dtype(g).spelling().equals("f16");
            assertClose(w.pipeline() + " [" + w.shapeLabel() + "]", expected, actual, f16 ? 4e-3 : 1e-5);
        }
    }

    @Test
    void aTinyRunWritesEveryWorkloadToTheTableAndChart(@TempDir Path out) throws Exception {
        BenchOptions options = BenchOptions.parse("--sizes", "tiny", "--compile-runs", "0", "--out", out.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchReport report = Bench.run(program, options, "--sizes tiny", new PrintStream(log, true,
                StandardCharsets.UTF_8));
        List<WorkloadResult> rows = report.groups().get(0).rows();
        assertEquals(Workload.tiny().size(), rows.size());
        String md = Files.readString(report.markdownFile());
        for (WorkloadResult r : rows) {
            assertTrue(r.cpu().medianNanos() > 0 && Double.isFinite(r.ratioToFloor()), r.toString());
            assertTrue(r.interpreter().perCall().medianNanos() > 0, r.toString());
            assertTrue(r.interpreter().basis().equals("measured"), "tiny sizes run the interpreter whole");
            assertTrue(md.contains("| " + r.workload().name() + " | " + r.dtype() + " | " + r.workload().shapeLabel()
                    + " |"), "results.md lacks " + r.workload() + ":\n" + md);
        }
        assertNotNull(ImageIO.read(report.chartFile().toFile()), "results.png is not an image");
    }

    @Test
    void theInterpreterOfALargeWorkloadRunsASliceAndScalesIt() {
        Workload w = Workload.rows("softmax", "Softmax", 1000, 8);
        InterpreterTiming.Result r = InterpreterTiming.measure(program.graph("Softmax"), w, 800,
                TimingPolicy.smoke());
        assertEquals("N=100 slice, ×10.0 per element", r.basis());
    }

    @Test
    void theExamplesCompileToJavaManifestAndMsl(@TempDir Path out) throws Exception {
        Path examples = Path.of("..", "examples", "src", "main", "tm");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
        try {
            CompileExamples.main(new String[] {examples.toString(), out.toString()});
        } finally {
            System.setOut(original);
        }
        int files = CompileExamples.tmFiles(examples).size();
        assertTrue(files >= 4, "examples: " + files);
        assertTrue(text.toString(StandardCharsets.UTF_8).startsWith(CompileExamples.DONE + files + " files"));
        assertEquals(files, count(out.resolve("resources"), ".metal"));
        assertEquals(files, count(out.resolve("resources"), ".json"));
        assertTrue(count(out.resolve("java"), ".java") > files, "a kernel class and pipeline classes per file");
    }

    @Test
    void optionsSelectWorkloadsByNameOrPipeline() {
        BenchOptions o = BenchOptions.parse("--only", "softmax,RmsNormF16");
        assertEquals(List.of("Softmax", "RmsNormF16"), o.workloads("large").stream().map(Workload::pipeline).toList());
    }

    private static long count(Path root, String suffix) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).count();
        }
    }

    private static double[] oracle(Workload w, WorkloadInputs in) {
        int rows = (int) w.rows();
        int cols = w.dims().containsKey("D") ? Math.toIntExact(w.dims().get("D")) : 1;
        return switch (w.pipeline()) {
            case "GeluBias", "GeluBiasF16" -> PipelineOracle.geluBias(in.values("x"), in.values("b"), rows, cols);
            case "RmsNorm", "RmsNormF16" -> PipelineOracle.rmsNorm(in.values("x"), in.values("w"), rows, cols);
            case "LayerNorm" -> PipelineOracle.layerNorm(in.values("x"), in.values("w"), in.values("b"), rows, cols);
            case "Softmax" -> PipelineOracle.softmax(in.values("x"), rows, cols);
            case "Chain10" -> PipelineOracle.chain10(in.values("x"));
            default -> throw new AssertionError("no oracle for " + w.pipeline());
        };
    }

    /**
     * |expected - actual| within {@code tolerance} relative to max(|expected|, 0.1): outputs near zero
     * (a centred row, a small probability) carry the rounding error of the row's larger values.
     */
    private static void assertClose(String what, double[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": output length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), 0.1);
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance * scale)) {
                fail(what + ": element " + i + " is " + actual[i] + ", the oracle says " + expected[i]);
            }
        }
    }
}
