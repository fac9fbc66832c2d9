// Balanced bf16 arithmetic kept in f32 on a target without bf16 arithmetic (Target.wideLowMath,
// CUDA): a chain of plain ops rounds once, where it is stored; Metal, the CPU and strict keep their
// kernels. The kernel interpreter runs the CUDA kernels against the reference.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.Compiled;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.KernelPrinter;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.Reference;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class WideLowMathTest {
    private static final String GELU_BIAS = "pipeline P(x: bf16[N, D], b: bf16[D]) -> bf16[N, D] { return gelu(x + b); }";

    @Test
    void aChainOfBf16OpsRoundsOnceWhereItIsStored() {
        Kernel cuda = LowerKernels.run(Compiled.pipeline(GELU_BIAS, "P"), Target.CUDA).get(0);
        // The first way through (whole runs): one rounding, of the stored value; no bf16 arithmetic.
        KStmt.If runs = (KStmt.If) cuda.body().stream().filter(s -> s instanceof KStmt.If).findFirst().orElseThrow();
        String printed = KernelPrinter.print(cuda);
        assertEquals(1, roundings(runs.then()), printed);
        assertEquals(0, bf16Arithmetic(runs.then()), printed);
        Kernel metal = LowerKernels.run(Compiled.pipeline(GELU_BIAS, "P"), Target.METAL).get(0);
        assertTrue(roundings(metal.body()) > 1, KernelPrinter.print(metal));
    }

    @Test
    void keptWideKernelsAgreeWithTheReference() {
        List<String> programs = List.of(GELU_BIAS,
                "pipeline P(x: bf16[N, D], w: bf16[D], b: bf16[D]) -> bf16[N, D] { return layer_norm(x, w, b); }",
                "pipeline P(x: bf16[N, D], w: bf16[D]) -> bf16[N, D] { return rms_norm(x, w); }",
                "pipeline P(x: bf16[N, D], y: bf16[N, D]) -> (a: bf16[N, D], m: bf16[N, D], c: bf16[N, D]) {"
                        + " let s = x * y - x; return (abs(s) + 1, max(s, y) * 2, where(s > y, s, y * x)); }",
                "pipeline P(x: bf16[N, D]) -> bf16[N, D] { let t = x * 3 + 1; return (t as f32 * 0.5) as bf16 - t; }");
        for (String source : programs) {
            CompiledPipeline p = Compiled.pipeline(source, "P");
            for (long size : new long[] {1, 8, 37, 256}) {
                Map<String, HostArray> in = ExampleKernelsTest.inputs(p, size);
                try {
                    Reference.of(p.lowered(), in).mismatchOf(KernelPlanRunner.run(p, Target.CUDA, in))
                            .ifPresent(m -> fail(source + ", size " + size + ": " + m));
                } catch (Exception e) {
                    throw new AssertionError(source + ", size " + size, e);
                }
            }
        }
    }

    /** Conversions to bf16 in {@code body}. */
    private static int roundings(List<KStmt> body) {
        int[] n = {0};
        RowStashTestCounts.forEachExpr(body, e -> {
            if (e instanceof KExpr.Convert c && c.type() == DType.BF16) {
                n[0]++;
            }
        });
        return n[0];
    }

    private static int bf16Arithmetic(List<KStmt> body) {
        int[] n = {0};
        RowStashTestCounts.forEachExpr(body, e -> {
            if ((e instanceof KExpr.Binary || e instanceof KExpr.Unary) && e.type() == DType.BF16) {
                n[0]++;
            }
        });
        return n[0];
    }
}
