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
            false, false, Target.SMALL_TILES, false, 0, 1, 0, 1, 0, 0, 0, 0);

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

    /**
     * A pointwise strip copies its f32 operands in and its result out (KStmt.LoadStrip, StoreStrip), so no loop of
     * the strip loads or stores a buffer at an offset; a kernel without exp or erf stays one loop per element.
     */
    @Test
    void pointwiseStripsCopyTheirF32Operands() {
        for (String source : List.of(BIAS, FLAT)) {
            Kernel cpu = single(Compiled.pipeline(source, "P"), Target.CPU);
            List<KStmt> strips = new ArrayList<>();
            List<String> perElement = new ArrayList<>();
            buffers(cpu.body(), strips, perElement);
            String printed = KernelPrinter.print(cpu);
            assertEquals(List.of(), perElement, "no buffer access per element\n" + printed);
            List<String> loaded = strips.stream().filter(st -> st instanceof KStmt.LoadStrip l && l.type() == DType.F32)
                    .map(st -> ((KStmt.LoadStrip) st).buffer()).sorted().toList();
            assertEquals(source.equals(BIAS) ? List.of("in_b", "in_x") : List.of("in_x"), loaded, printed);
            assertEquals(1, strips.stream().filter(st -> st instanceof KStmt.StoreStrip t && t.type() == DType.F32)
                    .count(), printed);
        }
        Kernel cheap = single(Compiled.pipeline("pipeline P(x: f32[N]) -> f32[N] { return abs(x * 1.5 + 0.25); }",
                "P"), Target.CPU);
        List<KStmt> strips = new ArrayList<>();
        List<String> perElement = new ArrayList<>();
        buffers(cheap.body(), strips, perElement);
        assertEquals(List.of(), strips, KernelPrinter.print(cheap));
        assertEquals(List.of("in_x", "out_out"), perElement.stream().sorted().toList(), KernelPrinter.print(cheap));
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
        return gaussians(random, 0, shape);
    }

    /** f32 values, normal with standard deviation 3 around {@code mean}. */
    static HostArray gaussians(Random random, double mean, int... shape) {
        long[] dims = new long[shape.length];
        int count = 1;
        for (int k = 0; k < shape.length; k++) {
            dims[k] = shape[k];
            count *= shape[k];
        }
        double[] data = new double[count];
        for (int i = 0; i < count; i++) {
            data[i] = (float) (random.nextGaussian() * 3 + mean);
        }
        return new HostArray(DType.F32, dims, data);
    }

    static Kernel single(CompiledPipeline p, Target t) {
        List<Kernel> kernels = LowerKernels.run(p, t);
        assertEquals(1, kernels.size());
        return kernels.get(0);
    }

    /** The strip copies of {@code body}, and the buffers it loads or stores element by element. */
    private static void buffers(List<KStmt> body, List<KStmt> strips, List<String> perElement) {
        for (KStmt s : body) {
            if (s instanceof KStmt.LoadStrip || s instanceof KStmt.StoreStrip) {
                strips.add(s);
            } else if (s instanceof KStmt.For f) {
                buffers(f.body(), strips, perElement);
            } else if (s instanceof KStmt.If i) {
                buffers(i.then(), strips, perElement);
                buffers(i.otherwise(), strips, perElement);
            } else if (s instanceof KStmt.Declare d) {
                loads(d.init(), perElement);
            } else if (s instanceof KStmt.Store st) {
                perElement.add(st.buffer());
                loads(st.value(), perElement);
            } else if (s instanceof KStmt.StoreArray st) {
                loads(st.value(), perElement);
            }
        }
    }

    private static void loads(KExpr e, List<String> buffers) {
        if (e instanceof KExpr.Load l) {
            buffers.add(l.buffer());
        } else if (e instanceof KExpr.Unary u) {
            loads(u.x(), buffers);
        } else if (e instanceof KExpr.Binary b) {
            loads(b.a(), buffers);
            loads(b.b(), buffers);
        } else if (e instanceof KExpr.Select s) {
            loads(s.cond(), buffers);
            loads(s.a(), buffers);
            loads(s.b(), buffers);
        } else if (e instanceof KExpr.Convert c) {
            loads(c.x(), buffers);
        }
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
