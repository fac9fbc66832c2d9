// Differential test of the graph passes: thousands of generated programs, each pipeline run by the
// reference interpreter before and after Passes.optimize (whatever Passes.standard() lists when the
// test runs) on the same random inputs; results must agree within Tolerance.
// -Dtmc.diff.count=N sets how many programs; -Dtmc.diff.seed=S starts at seed S (alone, one program).
package dev.tmc.compiler.pass;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.interp.Interpreter;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.GraphVerifier;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.testing.Differential;
import dev.tmc.compiler.testing.GeneratedPipeline;
import dev.tmc.compiler.testing.OutputPrecision;
import dev.tmc.compiler.testing.PassByPass;
import dev.tmc.compiler.testing.RandomProgram;
import dev.tmc.compiler.testing.RandomPrograms;
import dev.tmc.compiler.testing.Tolerance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

class DifferentialPassesTest {
    private static final int DEFAULT_COUNT = 2000;
    private static final long DEFAULT_SEED = 1;
    /** Failures printed with program, IR and values; the rest are listed by seed. */
    private static final int REPORTED_IN_FULL = 3;

    @Test
    void optimizedPipelinesAgreeWithTheReference() {
        String seedProperty = System.getProperty("tmc.diff.seed");
        long first = seedProperty == null ? DEFAULT_SEED : Long.parseLong(seedProperty.trim());
        int count = Integer.getInteger("tmc.diff.count", seedProperty == null ? DEFAULT_COUNT : 1);
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        List<Long> failedSeeds = new ArrayList<>();
        int pipelines = 0;
        for (long seed = first; seed < first + count; seed++) {
            RandomProgram p = RandomPrograms.generate(seed);
            pipelines += p.pipelines().size();
            Optional<String> failure = check(p);
            if (failure.isPresent()) {
                failedSeeds.add(seed);
                failures.add(failure.get());
            }
        }
        System.out.printf(Locale.ROOT, "DifferentialPassesTest: %d programs (seeds %d..%d), %d pipelines, passes %s,"
                        + " %.1f s, %d failing%n", count, first, first + count - 1, pipelines, Passes.names(),
                (System.nanoTime() - start) / 1e9, failures.size());
        if (!failures.isEmpty()) {
            StringBuilder report = new StringBuilder();
            report.append(failures.size()).append(" of ").append(count).append(" programs fail; seeds ")
                    .append(failedSeeds).append("\nrerun one with -Dtmc.diff.seed=SEED\n");
            for (int i = 0; i < Math.min(REPORTED_IN_FULL, failures.size()); i++) {
                report.append("\n======== failure ").append(i + 1).append('\n').append(failures.get(i));
            }
            fail(report.toString());
        }
    }

    /** The failure report of one program, or empty when every pipeline agrees. */
    private static Optional<String> check(RandomProgram p) {
        String rerun = "-Dtmc.diff.seed=" + p.seed();
        Module module;
        try {
            module = Differential.compile(p, rerun);
        } catch (AssertionError e) {
            return Optional.of(e.getMessage());
        }
        for (GeneratedPipeline gp : p.pipelines()) {
            Graph before = module.pipeline(gp.name()).orElseThrow();
            Optional<String> problem = check(before, gp.inputs(p.seed()));
            if (problem.isPresent()) {
                return Optional.of(Differential.describe(p, rerun) + "pipeline " + gp.name() + " with dims "
                        + gp.dims() + ": " + problem.get() + "\nIR before the passes:\n" + GraphPrinter.print(before));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(Graph before, Map<String, HostArray> inputs) {
        List<String> invalid = GraphVerifier.verify(before);
        if (!invalid.isEmpty()) {
            return Optional.of("lowering produced invalid IR:\n  " + String.join("\n  ", invalid));
        }
        Map<String, HostArray> expected;
        try {
            expected = Interpreter.run(before, inputs);
        } catch (InputError | RuntimeException e) {
            return Optional.of("the interpreter fails on the unoptimized IR: " + e + "\ninputs: " + show(inputs));
        }
        Graph after;
        try {
            after = Passes.optimize(before);
        } catch (RuntimeException e) {
            return Optional.of("Passes.optimize throws " + e + "\n" + PassByPass.locate(before, inputs, expected));
        }
        invalid = GraphVerifier.verify(after);
        if (!invalid.isEmpty()) {
            return Optional.of("invalid IR after Passes.optimize:\n  " + String.join("\n  ", invalid) + "\n"
                    + PassByPass.locate(before, inputs, expected));
        }
        Map<String, HostArray> actual;
        try {
            actual = Interpreter.run(after, inputs);
        } catch (InputError | RuntimeException e) {
            return Optional.of("the interpreter fails on the optimized IR: " + e + "\n"
                    + PassByPass.locate(before, inputs, expected) + "\nIR after the passes:\n" + GraphPrinter.print(after));
        }
        // An f32 output computed through f16 arithmetic is compared with the tolerance of f16: the
        // passes may round such values where the reference (computing in f64) did not.
        Optional<String> differ = Tolerance.mismatch(expected, actual, Tolerance.magnitude(inputs),
                OutputPrecision.of(before));
        return differ.map(d -> "results differ after Passes.optimize:\n" + d + "inputs: " + show(inputs)
                + "\nexpected: " + show(expected) + "\nactual:   " + show(actual) + "\n"
                + PassByPass.locate(before, inputs, expected) + "\nIR after the passes:\n" + GraphPrinter.print(after));
    }

    static String show(Map<String, HostArray> arrays) {
        StringBuilder out = new StringBuilder("{");
        arrays.forEach((name, a) -> {
            double[] d = a.data();
            String values = Arrays.toString(d.length <= 64 ? d : Arrays.copyOf(d, 64));
            out.append("\n  ").append(name).append(": ").append(a.dtype().spelling())
                    .append(Arrays.toString(a.shape())).append(' ').append(values).append(d.length > 64 ? " ..." : "");
        });
        return out.append("\n}").toString();
    }
}
