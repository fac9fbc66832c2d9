// CPU kernels convert f16 buffers a strip at a time (HalfStrips: KStmt.LoadStrip before a strip's loops,
// KStmt.StoreStrip after) and round f16 operations a strip at a time (MathStrips: KStmt.ArrayRound): checked on the kernel IR, and run by the KernelInterpreter against the same kernels lowered
// element by element (bit for bit) and against the reference, for pointwise kernels with and without erf, row
// reductions (walks unrolled over accumulators and their remainders), and accesses that must stay per element.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.Compiled;
import dev.tmc.compiler.interp.HostArray;
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
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfStripsTest {
    private static final String GELU = "pipeline P(x: f16[N, D], b: f16[D]) -> f16[N, D] { return gelu(x + b); }";
    private static final String FLAT = "pipeline P(x: f16[N], y: f16[N]) -> f16[N] { return x * 0.5 + y * y; }";
    private static final String RMS = "pipeline P(x: f16[N, D], w: f16[D]) -> f16[N, D] { return rms_norm(x, w); }";
    private static final String SOFTMAX = "pipeline P(x: f16[N, D]) -> f16[N, D] { return softmax(x); }";
    /** f16 in, f32 out: only the loads convert. */
    private static final String WIDEN = "pipeline P(x: f16[N, D], b: f16[D]) -> f32[N, D] {"
            + " return (x + b) as f32 * 3.0; }";
    /** The transposed read moves by N per element: it stays a load per element. */
    private static final String TRANSPOSED = "pipeline P(x: f16[D, N], b: f16[D]) -> f16[N, D] {"
            + " return transpose(x) + b; }";

    @Test
    void cpuKernelsConvertStripsAndOtherTargetsDoNot() {
        for (String source : List.of(GELU, FLAT, RMS, SOFTMAX, WIDEN)) {
            Kernel cpu = single(Compiled.pipeline(source, "P"), Target.CPU);
            List<KStmt> strips = new ArrayList<>();
            List<KExpr.Load> halves = new ArrayList<>();
            walk(cpu.body(), strips::add, halves::add);
            assertTrue(strips.stream().anyMatch(s -> s instanceof KStmt.LoadStrip), KernelPrinter.print(cpu));
            // WIDEN's f32 output is copied out of its strip (MathStrips), the others' f16 outputs converted.
            DType stored = source.equals(WIDEN) ? DType.F32 : DType.F16;
            assertTrue(strips.stream().anyMatch(s -> s instanceof KStmt.StoreStrip st && st.type() == stored),
                    KernelPrinter.print(cpu));
            assertEquals(List.of(), halves, "no f16 load left per element\n" + KernelPrinter.print(cpu));
            if (source.equals(GELU) || source.equals(RMS) || source.equals(FLAT)) {
                assertTrue(strips.stream().anyMatch(s -> s instanceof KStmt.ArrayRound), KernelPrinter.print(cpu));
                assertEquals(List.of(), roundedPerElement(cpu.body(), false),
                        "no f16 operation rounded per element inside a strip\n" + KernelPrinter.print(cpu));
            }
            for (Target t : List.of(Target.METAL, Target.CUDA, MathStripsTest.ELEMENTWISE)) {
                List<KStmt> none = new ArrayList<>();
                walk(single(Compiled.pipeline(source, "P"), t).body(), none::add, l -> { });
                assertEquals(List.of(), none, t.name());
            }
        }
        Kernel transposed = single(Compiled.pipeline(TRANSPOSED, "P"), Target.CPU);
        List<KExpr.Load> halves = new ArrayList<>();
        walk(transposed.body(), s -> { }, halves::add);
        assertTrue(halves.stream().anyMatch(l -> l.buffer().contains("x")), KernelPrinter.print(transposed));
        assertFalse(halves.stream().anyMatch(l -> l.buffer().contains("b")), KernelPrinter.print(transposed));
    }

    @Test
    void stripsGiveTheElementwiseBitsAndTheReferencesValues() throws Exception {
        Random random = new Random(7);
        for (String rows : List.of(GELU, WIDEN, TRANSPOSED)) {
            CompiledPipeline p = Compiled.pipeline(rows, "P");
            for (int d : new int[] {1, 3, 255, 256, 300, 4099}) {
                for (int n : new int[] {1, 5, 17}) {
                    Map<String, HostArray> in = rows.equals(TRANSPOSED)
                            ? Map.of("x", halves(random, d, n), "b", halves(random, d))
                            : Map.of("x", halves(random, n, d), "b", halves(random, d));
                    MathStripsTest.check(p, in, rows + " N=" + n + ", D=" + d);
                }
            }
        }
        for (String rows : List.of(RMS, SOFTMAX)) {
            CompiledPipeline p = Compiled.pipeline(rows, "P");
            for (int d : new int[] {1, 3, 255, 256, 258, 300, 1030}) {
                Map<String, HostArray> in = rows.equals(RMS)
                        ? Map.of("x", halves(random, 19, d), "w", halves(random, d))
                        : Map.of("x", halves(random, 19, d));
                MathStripsTest.check(p, in, rows + " N=19, D=" + d);
            }
        }
        CompiledPipeline flat = Compiled.pipeline(FLAT, "P");
        for (int n : new int[] {1, 200, 4095, 4097, 9000}) {
            MathStripsTest.check(flat, Map.of("x", halves(random, n), "y", halves(random, n)), "N=" + n);
        }
    }

    /** f16 values, a few of them outside the normal range (subnormal, huge) where conversions take other paths. */
    private static HostArray halves(Random random, int... shape) {
        long[] dims = new long[shape.length];
        int count = 1;
        for (int k = 0; k < shape.length; k++) {
            dims[k] = shape[k];
            count *= shape[k];
        }
        double[] data = new double[count];
        for (int i = 0; i < count; i++) {
            double scale = random.nextInt(50) == 0 ? 1e-6 : 3;
            data[i] = DType.F16.round(random.nextGaussian() * scale);
        }
        return new HostArray(DType.F16, dims, data);
    }

    private static Kernel single(CompiledPipeline p, Target t) {
        List<Kernel> kernels = LowerKernels.run(p, t);
        assertEquals(1, kernels.size());
        return kernels.get(0);
    }

    /** The strip conversions of {@code body}, and its per-element loads of f16 buffers. */
    private static void walk(List<KStmt> body, Consumer<KStmt> strips, Consumer<KExpr.Load> halves) {
        for (KStmt s : body) {
            if (s instanceof KStmt.LoadStrip || s instanceof KStmt.StoreStrip || s instanceof KStmt.ArrayRound) {
                strips.accept(s);
            } else if (s instanceof KStmt.For f) {
                walk(f.body(), strips, halves);
            } else if (s instanceof KStmt.If i) {
                walk(i.then(), strips, halves);
                walk(i.otherwise(), strips, halves);
            } else if (s instanceof KStmt.Declare d) {
                loads(d.init(), halves);
            } else if (s instanceof KStmt.Assign a) {
                loads(a.value(), halves);
            } else if (s instanceof KStmt.Store st) {
                loads(st.value(), halves);
            } else if (s instanceof KStmt.StoreArray st) {
                loads(st.value(), halves);
            }
        }
    }

    /** The f16 +, -, *, / and f32-to-f16 conversions declared in the loops of a strip (those under an ArrayRound). */
    private static List<KStmt> roundedPerElement(List<KStmt> body, boolean inStrip) {
        List<KStmt> found = new ArrayList<>();
        boolean strip = inStrip || body.stream().anyMatch(s -> s instanceof KStmt.ArrayRound);
        for (KStmt s : body) {
            if (s instanceof KStmt.For f) {
                found.addAll(roundedPerElement(f.body(), strip));
            } else if (strip && s instanceof KStmt.Declare d && d.type() == DType.F16
                    && (d.init() instanceof KExpr.Binary || d.init() instanceof KExpr.Convert)) {
                found.add(s);
            }
        }
        return found;
    }

    private static void loads(KExpr e, Consumer<KExpr.Load> halves) {
        if (e instanceof KExpr.Load l && l.type() == DType.F16) {
            halves.accept(l);
        } else if (e instanceof KExpr.Unary u) {
            loads(u.x(), halves);
        } else if (e instanceof KExpr.Binary b) {
            loads(b.a(), halves);
            loads(b.b(), halves);
        } else if (e instanceof KExpr.Select s) {
            loads(s.cond(), halves);
            loads(s.a(), halves);
            loads(s.b(), halves);
        } else if (e instanceof KExpr.Convert c) {
            loads(c.x(), halves);
        }
    }
}
