// Row reductions for a target with row registers (Target.rowRegisters): a row that fits is read
// from memory once into per-thread arrays, its walks use them, and a costly value of any dtype is
// kept there for later walks; a longer row walks memory. A small target (32 threads, 2 registers:
// rows up to 64) runs both kinds against the reference, with rows that fill the registers
// partly, exactly and not at all.
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
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class RowRegistersTest {
    private static final Target SMALL = new Target("rows", 32, 32, 4, 1, 1, true, false, false, false, false,
            Target.SMALL_TILES, false, 16, 32, 2, 32, 2, 0, 0, 0, 0);

    @Test
    void aRowThatFitsIsLoadedOnce() {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: bf16[N, D]) -> bf16[N, D] { return softmax(x); }", "P");
        Kernel k = LowerKernels.run(p, Target.CUDA).get(0);
        KStmt.If fits = (KStmt.If) k.body().get(k.body().size() - 1);
        if (fits.otherwise().isEmpty()) {
            // Rows packed a simdgroup each: the test that the row exists holds the register test.
            fits = (KStmt.If) fits.then().get(fits.then().size() - 1);
        }
        // The register branch reads x in one place (the fill) and computes exp once, for the bf16 output too.
        assertEquals(1, loads(fits.then(), "in_x"), () -> KernelPrinter.print(k));
        assertEquals(1, RowStashTestCounts.exps(fits.then()), () -> KernelPrinter.print(k));
        assertEquals(3, loads(fits.otherwise(), "in_x"), () -> KernelPrinter.print(k));
    }

    /** Two rows per threadgroup, a simdgroup each (rows up to 64 in registers; the second target has none). */
    private static final Target PACKED = new Target("packed", 64, 32, 4, 1, 1, true, false, false, false, false,
            Target.SMALL_TILES, false, 16, 32, 2, 32, 2, 0, 0, 0, 0);
    private static final Target PACKED_IN_MEMORY = new Target("packed-memory", 64, 32, 4, 1, 1, true, false, false,
            false, false, Target.SMALL_TILES, false, 16, 32, 0, 32, 0, 0, 0, 0, 0);

    /**
     * Rows held 8 per thread, so a run of 8 (bf16) or 4 (f32) elements is one 16-byte vector: rows up
     * to 512 (64 threads) that keep no costly value load and store runs where their length is a whole
     * number of runs; those that keep one (a simdgroup per row, up to 256) go element by element.
     */
    private static final Target RUNS = new Target("runs", 64, 32, 4, 1, 1, true, false, false, false, false,
            Target.SMALL_TILES, false, 16, 64, 8, 32, 8, 0, 0, 0, 0);

    @Test
    void heldRowsMoveByVectorsWhereRowsAreWholeRuns() {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: bf16[N, D], w: bf16[D]) -> bf16[N, D] { return rms_norm(x, w); }", "P");
        String printed = KernelPrinter.print(LowerKernels.run(p, RUNS).get(0));
        assertTrue(printed.contains(":8] = in_x["), printed);
        assertTrue(printed.contains("out_out[") && printed.contains(" +: 8] = "), printed);
        // Rows that keep a costly value (softmax's exp) stay element by element (measured faster on an H100).
        CompiledPipeline s = Compiled.pipeline("pipeline P(x: bf16[N, D]) -> bf16[N, D] { return softmax(x); }", "P");
        String kept = KernelPrinter.print(LowerKernels.run(s, RUNS).get(0));
        assertTrue(!kept.contains(":8] = in_x[") && !kept.contains(" +: 8] = "), kept);
    }

    @Test
    void aRowPerSimdgroupCombinesWithoutBarriers() {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: bf16[N, D]) -> bf16[N, D] { return softmax(x); }", "P");
        for (Target t : List.of(PACKED, PACKED_IN_MEMORY)) {
            Kernel k = LowerKernels.run(p, t).get(0);
            String printed = KernelPrinter.print(k);
            assertTrue(!printed.contains("barrier") && k.body().stream().noneMatch(s -> s instanceof KStmt.ThreadgroupArray),
                    () -> t.name() + "\n" + printed);
            assertEquals(64, k.launch().threadsPerThreadgroup(), printed);
        }
    }

    @Test
    void rowsOfAnyLengthAgreeWithTheReference() {
        for (Target t : List.of(SMALL, PACKED, PACKED_IN_MEMORY)) {
            rowsAgree(t, new long[] {1, 5, 33, 64, 65, 100});
        }
        rowsAgree(RUNS, new long[] {5, 64, 100, 256, 260, 600});
    }

    private static void rowsAgree(Target target, long[] sizes) {
        List<String> programs = List.of(
                "pipeline P(x: bf16[N, D]) -> bf16[N, D] { return softmax(x); }",
                "pipeline P(x: f32[N, D], w: f32[D], b: f32[D]) -> f32[N, D] { return layer_norm(x, w, b); }",
                "pipeline P(x: bf16[N, D], w: bf16[D]) -> bf16[N, D] { return rms_norm(x, w); }",
                "pipeline P(x: f32[N, D]) -> (s: f32[N, D], l: f32[N], a: i32[N]) {"
                        + " let e = exp(x - max(x, axis = -1, keepdims = true)); let t = sum(e, axis = -1, keepdims = true);"
                        + " return (e / t, sum(e * e, axis = -1) / sum(t, axis = -1), argmax(x, axis = -1)); }",
                "pipeline P(x: f32[N, D]) -> f32[N, D] { let y = x + 1; return softmax(y) + y; }");
        for (String source : programs) {
            CompiledPipeline p = Compiled.pipeline(source, "P");
            for (long size : sizes) {
                Map<String, HostArray> in = ExampleKernelsTest.inputs(p, size);
                try {
                    Reference.of(p.lowered(), in).mismatchOf(KernelPlanRunner.run(p, target, in))
                            .ifPresent(m -> fail(target.name() + ": " + source + ", size " + size + ": " + m));
                } catch (Exception e) {
                    throw new AssertionError(target.name() + ": " + source + ", size " + size, e);
                }
            }
        }
    }

    @Test
    void targetsWithoutRowRegistersKeepOneWayThroughTheRow() {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: bf16[N, D]) -> bf16[N, D] { return softmax(x); }", "P");
        Kernel k = LowerKernels.run(p, Target.METAL).get(0);
        assertTrue(k.body().stream().noneMatch(s -> s instanceof KStmt.If i && !i.then().isEmpty()
                && i.then().get(0) instanceof KStmt.LocalArray), () -> KernelPrinter.print(k));
    }

    /** Loads from {@code buffer} anywhere in {@code body}. */
    private static int loads(List<KStmt> body, String buffer) {
        int[] n = {0};
        RowStashTestCounts.forEachExpr(body, e -> {
            if (e instanceof KExpr.Load l && l.buffer().equals(buffer)) {
                n[0]++;
            }
        });
        return n[0];
    }
}
