// Lowering's approximate math (Target.approximateMath): under balanced, exp of a value stored as
// f16/bf16 becomes exp2 of a prescaled argument and a division by a per-row value a product with a
// reciprocal computed once per row; strict, f32 values and targets without it keep the accurate forms.
// The kernel interpreter runs the rewritten kernels against the reference at the tolerance of the
// differential tests, with logits wide enough that the prescale's error is largest.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.Compiled;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Precision;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ApproximateMathTest {
    private static final String SOFTMAX_BF16 = "pipeline P(x: bf16[N, D]) -> bf16[N, D] { return softmax(x); }";

    @Test
    void balancedSixteenBitSoftmaxTakesExp2AndOneDivisionPerRow() {
        Kernel k = lower(SOFTMAX_BF16, Precision.BALANCED, Target.CUDA);
        String printed = KernelPrinter.print(k);
        assertEquals(0, count(k.body(), UnaryFn.EXP), printed);
        assertTrue(count(k.body(), UnaryFn.EXP2) > 0, printed);
        // Each way through the row (a whole row in registers, a shorter one, memory) divides once per
        // row, outside every walk.
        assertEquals(3, divisions(k.body(), false), printed);
        assertEquals(0, divisions(k.body(), true), printed);
    }

    @Test
    void strictFloatValuesAndOtherTargetsKeepTheAccurateForms() {
        List<Kernel> accurate = List.of(
                lower(SOFTMAX_BF16, Precision.STRICT, Target.CUDA),
                lower("pipeline P(x: f32[N, D]) -> f32[N, D] { return softmax(x); }", Precision.BALANCED, Target.CUDA),
                lower(SOFTMAX_BF16, Precision.BALANCED, Target.METAL),
                lower(SOFTMAX_BF16, Precision.BALANCED, Target.CPU));
        for (Kernel k : accurate) {
            String printed = KernelPrinter.print(k);
            assertEquals(0, count(k.body(), UnaryFn.EXP2), printed); // the CPU's exp is a strip's ArrayMap
            assertTrue(divisions(k.body(), true) > 0, printed);
        }
    }

    @Test
    void approximatedKernelsAgreeWithTheReference() {
        List<String> programs = List.of(SOFTMAX_BF16,
                "pipeline P(x: f16[N, D]) -> f16[N, D] { return softmax(x); }",
                "pipeline P(x: bf16[N, D]) -> bf16[N, D] { return exp(x) * 0.5; }",
                "pipeline P(x: bf16[N, D]) -> (y: bf16[N, D], s: bf16[N]) {"
                        + " let e = exp(x - max(x, axis = -1, keepdims = true)); let t = sum(e, axis = -1, keepdims = true);"
                        + " return (e / t, sum(e, axis = -1)); }");
        for (String source : programs) {
            CompiledPipeline p = Compiled.pipeline(source, "P");
            for (long size : new long[] {3, 64, 1000, 1100}) {
                Map<String, HostArray> in = inputs(p, size, 11.0);
                try {
                    Reference.of(p.lowered(), in).mismatchOf(KernelPlanRunner.run(p, Target.CUDA, in))
                            .ifPresent(m -> fail(source + ", size " + size + ": " + m));
                } catch (Exception e) {
                    throw new AssertionError(source + ", size " + size, e);
                }
            }
        }
    }

    private static Kernel lower(String source, Precision precision, Target target) {
        return LowerKernels.run(Compiled.pipeline(source, "P", precision), target).get(0);
    }

    /** Values uniform in [-range, range), rounded to each input's dtype; N is 3. */
    private static Map<String, HostArray> inputs(CompiledPipeline p, long d, double range) {
        SplittableRandom random = new SplittableRandom(d);
        Map<String, HostArray> in = new LinkedHashMap<>();
        for (GraphParam param : p.lowered().params()) {
            long[] shape = param.type().shape().evaluate(Map.of("N", 3L, "D", d));
            double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
            DType dtype = param.type().dtype();
            for (int i = 0; i < data.length; i++) {
                data[i] = dtype.round(random.nextDouble(-range, range));
            }
            in.put(param.name(), new HostArray(dtype, shape, data));
        }
        return in;
    }

    private static int count(List<KStmt> body, UnaryFn fn) {
        int[] n = {0};
        RowStashTestCounts.forEachExpr(body, e -> {
            if (e instanceof KExpr.Unary u && u.fn() == fn) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** Float divisions in {@code body}: those inside loops, or those outside every loop. */
    private static int divisions(List<KStmt> body, boolean inLoops) {
        int n = 0;
        for (KStmt s : body) {
            if (s instanceof KStmt.For f) {
                n += inLoops ? divisionsAnywhere(f.body()) : 0;
            } else if (s instanceof KStmt.If i) {
                n += divisions(i.then(), inLoops) + divisions(i.otherwise(), inLoops);
            } else if (!inLoops) {
                n += divisionsAnywhere(List.of(s));
            }
        }
        return n;
    }

    private static int divisionsAnywhere(List<KStmt> body) {
        int[] n = {0};
        RowStashTestCounts.forEachExpr(body, e -> {
            if (e instanceof KExpr.Binary b && b.fn() == BinaryFn.DIV && b.type() != DType.I32) {
                n[0]++;
            }
        });
        return n[0];
    }
}
