// CPU row reductions of f32 sums, maxima and minima keep 16 lanes and reduce a strip at once (LaneStrips): checked on
// the kernel IR, and run by the KernelInterpreter against the same kernels without strips (bit for bit: lane k takes
// elements k, k + 16, ... in order either way) and against the reference, for rows below, around and above a strip.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.Compiled;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.KernelPrinter;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneStripsTest {
    private static final String RMS = "pipeline P(x: f32[N, D], w: f32[D]) -> f32[N, D] { return rms_norm(x, w); }";
    private static final String LAYER = "pipeline P(x: f32[N, D], w: f32[D], b: f32[D]) -> f32[N, D] {"
            + " return layer_norm(x, w, b); }";
    private static final String SOFTMAX = "pipeline P(x: f32[N, D]) -> f32[N, D] { return softmax(x); }";
    private static final String EXTREMES = "pipeline P(x: f32[N, D]) -> f32[N] {"
            + " return max(x * 2.0, axis = -1) - min(x, axis = -1); }";

    @Test
    void cpuKernelsReduceStripsInLanesAndOtherTargetsDoNot() {
        Map<String, List<Combine>> reductions = Map.of(RMS, List.of(Combine.SUM),
                LAYER, List.of(Combine.SUM, Combine.SUM), SOFTMAX, List.of(Combine.MAX, Combine.SUM),
                EXTREMES, List.of(Combine.MAX, Combine.MIN));
        reductions.forEach((source, combines) -> {
            CompiledPipeline p = Compiled.pipeline(source, "P");
            Kernel cpu = single(p, Target.CPU);
            List<KStmt> found = new ArrayList<>();
            walk(cpu.body(), found);
            List<Combine> reduced = found.stream().filter(s -> s instanceof KStmt.ArrayReduce)
                    .map(s -> ((KStmt.ArrayReduce) s).combine()).toList();
            assertEquals(combines, reduced, KernelPrinter.print(cpu));
            assertTrue(found.stream().noneMatch(LaneStripsTest::perElementLane),
                    "no lane combined per element\n" + KernelPrinter.print(cpu));
            for (Target t : List.of(Target.METAL, Target.CUDA)) {
                List<KStmt> none = new ArrayList<>();
                walk(single(p, t).body(), none);
                assertTrue(none.stream().noneMatch(s -> s instanceof KStmt.ArrayReduce || perElementLane(s)), t.name());
            }
        });
    }

    @Test
    void lanesGiveTheElementwiseBitsAndTheReferencesValues() throws Exception {
        Random random = new Random(11);
        for (String source : List.of(RMS, LAYER, SOFTMAX, EXTREMES)) {
            CompiledPipeline p = Compiled.pipeline(source, "P");
            for (int d : new int[] {1, 3, 15, 16, 17, 255, 256, 257, 300, 1030, 4099}) {
                Map<String, HostArray> in = source.equals(RMS) ? Map.of("x", values(random, 7, d), "w", values(random, d))
                        : source.equals(LAYER) ? Map.of("x", values(random, 7, d), "w", values(random, d),
                        "b", values(random, d)) : Map.of("x", values(random, 7, d));
                MathStripsTest.check(p, in, source + " D=" + d);
            }
        }
    }

    @Test
    void storedStripsComeFromTheirValuesArrayAndTheLastF16RoundingIsTheStores() throws Exception {
        // softmax's summing walk stores exp's strip itself; rms_norm f16's (x * r) * w is rounded by its store alone.
        Kernel softmax = single(Compiled.pipeline(SOFTMAX, "P"), Target.CPU);
        List<KStmt> found = new ArrayList<>();
        walk(softmax.body(), found);
        List<String> mapped = found.stream().filter(s -> s instanceof KStmt.ArrayMap).map(s -> ((KStmt.ArrayMap) s).array())
                .toList();
        List<String> stored = found.stream().filter(s -> s instanceof KStmt.StoreStrip).map(s -> ((KStmt.StoreStrip) s).array())
                .toList();
        assertEquals(mapped, stored, KernelPrinter.print(softmax));
        CompiledPipeline half = Compiled.pipeline("pipeline P(x: f16[N, D], w: f16[D]) -> f16[N, D] {"
                + " return rms_norm(x, w); }", "P");
        Kernel rms = single(half, Target.CPU);
        List<KStmt> all = new ArrayList<>();
        walk(rms.body(), all);
        assertEquals(1, all.stream().filter(s -> s instanceof KStmt.ArrayRound).count(), KernelPrinter.print(rms));
        Random random = new Random(12);
        for (int d : new int[] {1, 17, 256, 300, 4099}) {
            HostArray x = values(random, 5, d);
            HostArray w = values(random, d);
            MathStripsTest.check(half, Map.of("x", new HostArray(DType.F16, x.shape(), halves(x.data())),
                    "w", new HostArray(DType.F16, w.shape(), halves(w.data()))), "rms_norm f16 D=" + d);
        }
    }

    private static double[] halves(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = DType.F16.round(values[i]);
        }
        return out;
    }

    /** {@code lanes[e % n] = ...}: a lane accumulation left element by element. */
    private static boolean perElementLane(KStmt s) {
        return s instanceof KStmt.StoreArray st && st.index() instanceof KExpr.IndexOp i && i.fn() == KExpr.IndexFn.MOD;
    }

    private static HostArray values(Random random, int... shape) {
        return MathStripsTest.gaussians(random, 1, shape);
    }

    private static Kernel single(CompiledPipeline p, Target t) {
        return MathStripsTest.single(p, t);
    }

    private static void walk(List<KStmt> body, List<KStmt> found) {
        for (KStmt s : body) {
            found.add(s);
            if (s instanceof KStmt.For f) {
                walk(f.body(), found);
            } else if (s instanceof KStmt.If i) {
                walk(i.then(), found);
                walk(i.otherwise(), found);
            }
        }
    }
}
