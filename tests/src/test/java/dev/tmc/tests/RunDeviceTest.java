// `tmc run` runs on the CPU backend unless told otherwise, and every example's pipelines agree with
// `tmc run --device reference` on the same .npy inputs, within the differential tests' tolerance.
package dev.tmc.tests;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDeviceTest {
    @TempDir
    Path dir;

    @Test
    void examplesRunOnTheCpuByDefaultAndAgreeWithTheReference() {
        Cli cli = new Cli(dir);
        List<String> failures = new ArrayList<>();
        int pipelines = 0;
        for (Path tm : Examples.files()) {
            for (Graph g : Examples.module(tm).pipelines()) {
                Map<String, HostArray> inputs = ExampleRuns.inputs(g, 3);
                List<String> options = ExampleRuns.inputOptions(cli, g.name() + "-", inputs);
                Path cpu = ExampleRuns.directory(dir.resolve("cpu-" + g.name()));
                Path ref = ExampleRuns.directory(dir.resolve("ref-" + g.name()));
                ExampleRuns.run(tm.toString(), g, options, Optional.empty(), "cpu", cpu);
                ExampleRuns.run(tm.toString(), g, options, Optional.of("reference"), "reference", ref);
                ExampleRuns.mismatch(g, inputs, ExampleRuns.outputs(g, ref), ExampleRuns.outputs(g, cpu))
                        .ifPresent(bad -> failures.add(tm.getFileName() + " " + g.name() + ": " + bad));
                pipelines++;
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(pipelines >= 8, "pipelines: " + pipelines);
    }

    @Test
    void explicitCpuDeviceIsTheDefault() {
        String src = new Cli(dir).source("p.tm", "pipeline P(x: f32[N]) -> f32[N] {\n  return x * 2;\n}\n");
        Cli.Result implicit = Cli.tmc("run", src, "--input", "x=rand:4", "--dim", "N=6").expect(0);
        Cli.Result explicit = Cli.tmc("run", src, "--input", "x=rand:4", "--dim", "N=6", "--device", "cpu").expect(0);
        assertEquals(implicit.out().lines().findFirst(), explicit.out().lines().findFirst());
        assertTrue(explicit.out().contains("P ran on cpu in "), explicit.out());
    }
}
