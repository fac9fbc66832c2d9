// Random programs through the Metal back end: their MSL compiles against the Metal shim, and every
// pipeline, run on the shim as the Metal runtime would run it, computes what the reference
// interpreter computes. -Dtmc.shim.count=N sets how many programs (default 200), -Dtmc.shim.seed=S
// reruns one; a failure names the seed and shows the program.
package dev.tmc.tests.metal;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.testing.Differential;
import dev.tmc.compiler.testing.GeneratedPipeline;
import dev.tmc.compiler.testing.RandomProgram;
import dev.tmc.compiler.testing.RandomPrograms;
import dev.tmc.compiler.testing.Reference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MslRandomProgramsShimTest {
    private static final int COUNT = Integer.getInteger("tmc.shim.count", 200);
    private static final long ONLY = Long.getLong("tmc.shim.seed", -1);
    /** Files per g++ run: one translation unit each, so a batch costs one compiler start. */
    private static final int BATCH = 100;

    /** A pipeline queued on the shim, with what it must compute. */
    private record Queued(String describe, Reference reference, Supplier<Map<String, HostArray>> result) {
    }

    @Test
    void randomProgramsComputeWhatTheInterpreterComputes() throws Exception {
        Gxx.compiler();
        long first = ONLY >= 0 ? ONLY : 1;
        long last = ONLY >= 0 ? ONLY : COUNT;
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (long start = first; start <= last && failures.isEmpty(); start += BATCH) {
            Path dir = ShimWork.fresh("random-" + start);
            List<ShimProgram.Unit> units = new ArrayList<>();
            List<MetalCompile> compiled = new ArrayList<>();
            List<RandomProgram> programs = new ArrayList<>();
            for (long seed = start; seed <= Math.min(last, start + BATCH - 1); seed++) {
                RandomProgram p = RandomPrograms.generate(seed,
                        RandomPrograms.Options.defaults().withRobustDecisions(true));
                MetalCompile c = MetalCompile.of(p.sourceFile(), p.precision());
                if (c.kernels().isEmpty()) {
                    continue; // every output is a parameter or a host value: nothing runs on the GPU
                }
                programs.add(p);
                compiled.add(c);
                units.add(c.unit("s" + seed));
            }
            Path exe = ShimProgram.build(dir, units);
            ShimJob job = new ShimJob(dir);
            List<Queued> queued = new ArrayList<>();
            for (int u = 0; u < units.size(); u++) {
                RandomProgram p = programs.get(u);
                String describe = Differential.describe(p, "-Dtmc.shim.seed=" + p.seed());
                for (MetalCompile.Lowered l : compiled.get(u).pipelines()) {
                    GeneratedPipeline gp = p.pipelines().stream()
                            .filter(g -> g.name().equals(l.pipeline().lowered().name())).findFirst().orElseThrow();
                    Map<String, HostArray> inputs = gp.inputs(p.seed());
                    queued.add(new Queued(describe + "pipeline " + gp.name() + "\n",
                            Reference.of(l.pipeline().lowered(), inputs),
                            PipelineOnShim.add(job, "q" + queued.size() + "_", units.get(u), l.pipeline(),
                                    l.kernels(), inputs)));
                }
            }
            String log = job.run(exe);
            for (Queued q : queued) {
                ran++;
                q.reference().comparison().mismatch(q.reference().expected(), q.result().get())
                        .ifPresent(m -> failures.add(q.describe() + m + "\nshim log:\n" + log));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failing; first:\n" + failures.get(0));
        }
        assertTrue(ran >= (last - first + 1) / 2, "ran only " + ran + " pipelines");
    }
}
