// CPU pointwise kernels compute exp and erf a strip at a time (MathStrips): checked on the kernel IR, and run by the
// KernelInterpreter against the same kernels lowered element by element (bit for bit) and against the reference,
// for row lengths below, around and above a strip, and runs of a thread that start inside a row.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.Compiled;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.KernelPrinter;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.Reference;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MathStripsTest {
    /** The CPU target without strips: every element calls exp and erf itself. */
    static final Target ELEMENTWISE = new Target("cpu-elementwise", 1, 1, 4096, 16, 16, false, false, false,
            false, false, Target.SMALL_TILES, false, 0, 1, 0, 1, 0, 0, 0, 0, 0);

    private static final String BIAS = "pipeline P(x: f32[N, D], b: f32[D]) -> f32[N, D] {"
            + " return exp(x * 0.5) * 0.25 + erf(x + b); }";
    private static final String FLAT = "pipeline P(x: f32[N]) -> f32[N] { return erf(x) * exp(-x); }";

    /** Row reductions: softmax's summing walk, unrolled over accumulators; exp and erf in one walk. */
    private static final String SOFTMAX = "pipeline P(x: f32[N, D]) -> f32[N, D] { return softmax(x); }";
    private static final String MIXED = "pipeline P(x: f32[N, D]) -> f32[N] {"
            + " return sum(exp(x * 0.1) * erf(x), axis = -1); }";

    @Test
    void cpuKernelsMapStripsAndOtherTargetsDoNot() {
        for (String source : List.of(BIAS, FLAT, SOFTMAX, MIXED)) {
            CompiledPipeline p = Compiled.pipeline(source, "P");
            Kernel cpu = single(p, Target.CPU);
            List<KStmt.ArrayMap> maps = new ArrayList<>();
            List<UnaryFn> calls = new ArrayList<>();
            walk(cpu.body(), maps, calls);
            assertTrue(maps.stream().anyMatch(m -> m.fn() == UnaryFn.EXP), KernelPrinter.print(cpu));
            assertEquals(!source.equals(SOFTMAX), maps.stream().anyMatch(m -> m.fn() == UnaryFn.ERF),
                    KernelPrinter.print(cpu));
            assertEquals(List.of(), calls, "no exp or erf left per element\n" + KernelPrinter.print(cpu));
            for (Target t : List.of(Target.METAL, Target.CUDA, ELEMENTWISE)) {
                List<KStmt.ArrayMap> none = new ArrayList<>();
                walk(single(p, t).body(), none, new ArrayList<>());
                assertEquals(List.of(), none, t.name());
            }
        }
    }

    @Test
    void stripsGiveTheElementwiseBitsAndTheReferencesValues() throws Exception {
        Random random = new Random(3);
        CompiledPipeline bias = Compiled.pipeline(BIAS, "P");
        for (int d : new int[] {1, 3, 255, 256, 300, 4099}) {
            for (int n : new int[] {1, 5, 17}) {
                Map<String, HostArray> in = Map.of("x", values(random, n, d), "b", values(random, d));
                check(bias, in, "N=" + n + ", D=" + d);
            }
        }
        for (String rows : List.of(SOFTMAX, MIXED)) {
            CompiledPipeline p = Compiled.pipeline(rows, "P");
            for (int d : new int[] {1, 3, 255, 256, 300, 1030}) {
                check(p, Map.of("x", values(random, 19, d)), rows + " N=19, D=" + d);
            }
        }
        CompiledPipeline flat = Compiled.pipeline(FLAT, "P");
        for (int n : new int[] {1, 200, 4095, 4097, 9000}) {
            check(flat, Map.of("x", values(random, n)), "N=" + n);
        }
    }

    /** The CPU target's kernels give the element-by-element kernels' bits and the reference's values. */
    static void check(CompiledPipeline p, Map<String, HostArray> in, String what) throws Exception {
        Map<String, HostArray> strips = KernelPlanRunner.run(p, Target.CPU, in);
        Map<String, HostArray> plain = KernelPlanRunner.run(p, ELEMENTWISE, in);
        double[] got = strips.values().iterator().next().data();
        double[] want = plain.values().iterator().next().data();
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
                assertEquals(want[i], got[i], what + ", element " + i);
            }
        }
        Reference ref = Reference.of(p.optimized(), in);
        assertTrue(ref.mismatchOf(strips).isEmpty(), () -> what + ": " + ref.mismatchOf(strips).get());
    }

    private static HostArray values(Random random, int... shape) {
        long[] dims = new long[shape.length];
        int count = 1;
        for (int k = 0; k < shape.length; k++) {
            dims[k] = shape[k];
            count *= shape[k];
        }
        double[] data = new double[count];
        for (int i = 0; i < count; i++) {
            data[i] = (float) (random.nextGaussian() * 3);
        }
        return new HostArray(DType.F32, dims, data);
    }

    private static Kernel single(CompiledPipeline p, Target t) {
        List<Kernel> kernels = LowerKernels.run(p, t);
        assertEquals(1, kernels.size());
        return kernels.get(0);
    }

    private static void walk(List<KStmt> body, List<KStmt.ArrayMap> maps, List<UnaryFn> calls) {
        for (KStmt s : body) {
            if (s instanceof KStmt.ArrayMap m) {
                maps.add(m);
            } else if (s instanceof KStmt.For f) {
                walk(f.body(), maps, calls);
            } else if (s instanceof KStmt.If i) {
                walk(i.then(), maps, calls);
                walk(i.otherwise(), maps, calls);
            } else if (s instanceof KStmt.Declare d && d.init() instanceof KExpr.Unary u
                    && (u.fn() == UnaryFn.EXP || u.fn() == UnaryFn.ERF)) {
                calls.add(u.fn());
            }
        }
    }
}
