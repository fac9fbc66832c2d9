// Pointwise kernels for a target with vector accesses (Target.CUDA): a thread's whole run of
// elements is loaded and stored through per-thread arrays (KStmt.LoadRun/StoreRun), the last,
// cut run element by element. Checked against the reference with whole and cut runs, buffers of
// three widths, broadcasts and an output in place; the kernel interpreter rejects a run that is
// not whole or not aligned to its length.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.Compiled;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.KernelPrinter;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.Reference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class WholeRunsTest {
    private static final String MIXED = "pipeline P(x: bf16[N, D], b: f32[D], m: bool[N, D]) -> (y: bf16[N, D], z: f32[N, D]) {"
            + " let s = (x as f32) + b; return ((s * 2.0) as bf16, where(m, s, s * s)); }";

    @Test
    void aRunFillsOneVectorOfTheNarrowestBuffer() {
        // bool is one byte: 16 elements a thread, so the bf16 and f32 buffers move 2 and 4 vectors.
        Kernel k = single(Compiled.pipeline(MIXED, "P"), Target.CUDA);
        List<KStmt> runs = new ArrayList<>();
        collect(k.body(), runs);
        assertTrue(runs.stream().allMatch(s -> length(s) == 16), () -> KernelPrinter.print(k));
        // x and m are read at the element and both outputs stored whole; where a run lies in one row
        // (D a multiple of 16), the bias, read by its column, is loaded whole too.
        assertEquals(List.of("in_b", "in_m", "in_m", "in_x", "in_x", "out_y", "out_y", "out_z", "out_z"),
                runs.stream().map(WholeRunsTest::buffer).sorted().toList(), () -> KernelPrinter.print(k));
        for (Target t : List.of(Target.METAL, Target.CPU)) {
            List<KStmt> none = new ArrayList<>();
            collect(single(Compiled.pipeline(MIXED, "P"), t).body(), none);
            assertTrue(none.isEmpty(), t.name());
        }
    }

    @Test
    void wholeAndCutRunsAgreeWithTheReference() {
        // N = D = size: 1, 9, 64 (four whole runs), 81 and 289 elements (whole runs and a cut one), and
        // D = 16, 32: runs in one row each.
        agree(Compiled.pipeline(MIXED, "P"), new long[] {1, 3, 8, 9, 16, 17, 32});
        agree(Compiled.pipeline("pipeline G(x: bf16[N, D], b: bf16[D]) -> bf16[N, D] { return gelu(x + b); }", "G"),
                new long[] {5, 8, 12, 16, 24});
        agree(Compiled.pipeline("pipeline Q(x: bf16[N]) -> bf16[N] { return exp(-sqrt(abs(x * 1.5 + 0.25)) * 0.75); }",
                "Q"), new long[] {1, 7, 8, 9, 16, 100});
    }

    @Test
    void anOutputInPlaceOfItsInputAgrees() {
        CompiledPipeline p = Compiled.pipeline("pipeline R(x: bf16[N, D]) -> bf16[N, D] { let y = x * x;"
                + " return y + exp(y); }", "R");
        agree(p, new long[] {4, 5, 12});
    }

    private static void agree(CompiledPipeline p, long[] sizes) {
        for (long size : sizes) {
            Map<String, HostArray> in = ExampleKernelsTest.inputs(p, size);
            try {
                Reference.of(p.lowered(), in).mismatchOf(KernelPlanRunner.run(p, Target.CUDA, in))
                        .ifPresent(m -> fail("size " + size + ": " + m));
            } catch (Exception e) {
                throw new AssertionError("size " + size, e);
            }
        }
    }

    private static Kernel single(CompiledPipeline p, Target t) {
        List<Kernel> kernels = LowerKernels.run(p, t);
        assertEquals(1, kernels.size());
        return kernels.get(0);
    }

    private static void collect(List<KStmt> body, List<KStmt> runs) {
        for (KStmt s : body) {
            if (s instanceof KStmt.LoadRun || s instanceof KStmt.StoreRun) {
                runs.add(s);
            } else if (s instanceof KStmt.For f) {
                collect(f.body(), runs);
            } else if (s instanceof KStmt.If i) {
                collect(i.then(), runs);
                collect(i.otherwise(), runs);
            }
        }
    }

    private static int length(KStmt s) {
        return s instanceof KStmt.LoadRun l ? l.length() : ((KStmt.StoreRun) s).length();
    }

    private static String buffer(KStmt s) {
        return s instanceof KStmt.LoadRun l ? l.buffer() : ((KStmt.StoreRun) s).buffer();
    }
}
