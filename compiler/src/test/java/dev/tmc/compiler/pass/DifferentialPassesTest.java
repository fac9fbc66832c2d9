// Differential test of the graph passes: thousands of generated programs, each pipeline run by the
// reference interpreter before and after Passes.optimize (whatever Passes.standard() lists when the
// test runs) on the same random inputs; the results must agree (see testing.Reference for what
// agreeing means once passes may move rounding). -Dtmc.diff.count=N sets how many programs;
// -Dtmc.diff.seed=S starts at seed S (and alone checks just that one program).
package dev.tmc.compiler.pass;

import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.GraphVerifier;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.testing.Differential;
import dev.tmc.compiler.testing.GeneratedPipeline;
import dev.tmc.compiler.testing.PassByPass;
import dev.tmc.compiler.testing.RandomProgram;
import dev.tmc.compiler.testing.RandomPrograms;
import dev.tmc.compiler.testing.Reference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

class DifferentialPassesTest {
    private static final int DEFAULT_COUNT = 2000;
    private static final long DEFAULT_SEED = 1;
    /** Failures printed with program, IR and values; the rest are listed by seed. */
    private static final int REPORTED_IN_FULL = 3;

    /** Counts over one run, for the summary line. */
    private static final class Tally {
        int pipelines;
        long compared;
        long skipped;
    }

    @Test
    void optimizedPipelinesAgreeWithTheReference() {
        String seedProperty = System.getProperty("tmc.diff.seed");
        long first = seedProperty == null ? DEFAULT_SEED : Long.parseLong(seedProperty.trim());
        int count = Integer.getInteger("tmc.diff.count", seedProperty == null ? DEFAULT_COUNT : 1);
        long start = System.nanoTime();
        Tally tally = new Tally();
        List<String> failures = new ArrayList<>();
        List<Long> failedSeeds = new ArrayList<>();
        for (long seed = first; seed < first + count; seed++) {
            Optional<String> failure = check(RandomPrograms.generate(seed), tally);
            if (failure.isPresent()) {
                failedSeeds.add(seed);
                failures.add(failure.get());
            }
        }
        System.out.printf(Locale.ROOT, "DifferentialPassesTest: %d programs (seeds %d..%d), %d pipelines, passes %s;"
                        + " %d output elements compared, %d not robust to rounding skipped; %.1f s; %d failing%n",
                count, first, first + count - 1, tally.pipelines, Passes.names(), tally.compared, tally.skipped,
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
    private static Optional<String> check(RandomProgram p, Tally tally) {
        String rerun = "-Dtmc.diff.seed=" + p.seed();
        Module module;
        try {
            module = Differential.compile(p, rerun);
        } catch (AssertionError e) {
            return Optional.of(e.getMessage());
        }
        for (GeneratedPipeline gp : p.pipelines()) {
            tally.pipelines++;
            Graph before = module.pipeline(gp.name()).orElseThrow();
            Optional<String> problem = check(before, gp, p.seed(), tally);
            if (problem.isPresent()) {
                return Optional.of(Differential.describe(p, rerun) + "pipeline " + gp.name() + " with dims "
                        + gp.dims() + ": " + problem.get() + "\nIR before the passes:\n" + GraphPrinter.print(before));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(Graph before, GeneratedPipeline gp, long seed, Tally tally) {
        List<String> invalid = GraphVerifier.verify(before);
        if (!invalid.isEmpty()) {
            return Optional.of("lowering produced invalid IR:\n  " + String.join("\n  ", invalid));
        }
        Reference reference;
        try {
            reference = Reference.of(before, gp.inputs(seed));
        } catch (InputError | RuntimeException e) {
            return Optional.of("the interpreter fails on the unoptimized IR: " + e + "\ninputs: "
                    + Reference.show(gp.inputs(seed)));
        }
        int[] counts = reference.comparedAndSkipped();
        tally.compared += counts[0];
        tally.skipped += counts[1];
        Graph after;
        try {
            after = Passes.optimize(before);
        } catch (RuntimeException e) {
            return Optional.of("Passes.optimize throws " + e + "\n" + PassByPass.locate(before, reference));
        }
        invalid = GraphVerifier.verify(after);
        if (!invalid.isEmpty()) {
            return Optional.of("invalid IR after Passes.optimize:\n  " + String.join("\n  ", invalid) + "\n"
                    + PassByPass.locate(before, reference));
        }
        Optional<String> differ;
        try {
            differ = reference.mismatch(after);
        } catch (InputError | RuntimeException e) {
            differ = Optional.of("the interpreter fails on the optimized IR: " + e);
        }
        return differ.map(d -> "results differ after Passes.optimize:\n" + d + "\n" + PassByPass.locate(before, reference)
                + "\nIR after the passes:\n" + GraphPrinter.print(after));
    }
}
