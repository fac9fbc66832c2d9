// Reduction kernels compute a costly per-element value once: the walk that first needs it stores
// it in an output of its dtype and later walks load it (RowStash). Checked on the kernel IR of
// every target, and against the reference where it matters (odd row lengths, in-place outputs).
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.Compiled;
import dev.tmc.compiler.fusion.FusionPrinter;
import dev.tmc.compiler.fusion.RowStash;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.KernelPrinter;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.memory.Allocation;
import dev.tmc.compiler.memory.MemoryPlanPrinter;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.Reference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class RowStashTest {
    private static final List<Target> TARGETS = List.of(Target.CPU, Target.METAL, Target.CUDA);

    @Test
    void softmaxEvaluatesExpOncePerElement() {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: f32[N, D]) -> f32[N, D] { return softmax(x); }", "P");
        for (Target t : TARGETS) {
            Kernel k = single(p, t);
            // One exp in the summing walk's loop (a thread alone on its row sums f32 in lanes, one element an
            // iteration); where exp is mapped over strips (MathStrips), one map. With row registers, so in each of
            // the two ways through the row.
            int perElement = 1;
            for (List<KStmt> path : paths(k, t)) {
                assertEquals(perElement, count(path, UnaryFn.EXP), () -> t.name() + "\n" + KernelPrinter.print(k));
                List<KStmt.For> loops = innermostLoops(path);
                KStmt.For last = loops.get(loops.size() - 1);
                assertEquals(0, countOwn(last.body(), UnaryFn.EXP), t.name() + ": the storing walk loads exp");
                walksWith(path, UnaryFn.EXP).forEach(w ->
                        assertTrue(stores(w.body()), t.name() + ": the summing walk stashes exp"));
                assertFalse(walksWith(path, UnaryFn.EXP).isEmpty(), t.name());
            }
        }
        String explained = FusionPrinter.print(p.fusion());
        assertTrue(explained.contains("(exp) once per element; 1 later walks load it"), explained);
        assertFalse(explained.contains("recomputes"), explained);
    }

    @Test
    void aStashNeedsAnOutputOfTheValuesDtype() {
        // exp is computed in f32 and the output is f16: a stash there would round it, so exp is recomputed;
        // rows kept in registers (Target.CUDA's first way through a row) keep exp there in f32.
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: f32[N, D]) -> f16[N, D] {"
                + " return softmax(x) as f16; }", "P");
        for (Target t : TARGETS) {
            List<List<KStmt>> paths = paths(single(p, t), t);
            for (int k = 0; k < paths.size(); k++) {
                // Mapped over strips, exp sits beside the innermost loops, in the walk that holds them.
                List<KStmt.For> walks = t.mathStrip() > 0 ? walksWith(paths.get(k), UnaryFn.EXP)
                        : innermostLoops(paths.get(k));
                KStmt.For last = walks.get(walks.size() - 1);
                int expected = paths.size() > 1 && k < paths.size() - 1 ? 0 : 1; // held rows keep exp
                assertEquals(expected, countOwn(last.body(), UnaryFn.EXP), t.name());
                if (expected == 1) {
                    assertTrue(stores(last.body()), t.name() + ": the storing walk computes exp again");
                }
            }
        }
    }

    @Test
    void aStashedOutputIsOverwrittenAfterTheOutputsThatLoadIt() {
        // The input is an output too and exp is stashed in it: the last walk reads exp, then stores x.
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: f32[N, D]) -> (a: f32[N, D], b: f32[N, D]) {"
                + " let y = x + 1; return (y, softmax(y)); }", "P");
        assertEquals(1, p.fusion().kernelCount(), () -> FusionPrinter.print(p.fusion()));
        agreeWithReference(p);
    }

    @Test
    void cheapValuesAreRecomputedNotStashed() {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: f32[N, D], w: f32[D], b: f32[D]) -> f32[N, D] {"
                + " return layer_norm(x, w, b); }", "P");
        assertTrue(RowStash.plan(p.fusion().graph(), p.fusion().groups().get(0)).isEmpty());
    }

    @Test
    void aRowKernelThatStashesStillOverwritesAnInputItNoLongerReads() {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: f32[N, D], w: f32[D, D]) -> f32[N, D] {"
                + " return softmax(x @ w) @ w; }", "P");
        assertTrue(probabilities(p).inPlaceOf().isPresent(), () -> MemoryPlanPrinter.print(p.fusion(), p.memory(), Map.of()));
        agreeWithReference(p);
    }

    @Test
    void aRowKernelThatReadsAnInputAfterItsStashGetsItsOwnBuffer() {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: f32[N, D], w: f32[D, D]) -> f32[N, D] {"
                + " let y = x @ w; let e = exp(y - max(y, axis = -1, keepdims = true));"
                + " return (e / sum(e, axis = -1, keepdims = true) + y) @ w; }", "P");
        assertEquals(3, p.fusion().kernelCount(), () -> FusionPrinter.print(p.fusion()));
        assertFalse(probabilities(p).inPlaceOf().isPresent(), () -> MemoryPlanPrinter.print(p.fusion(), p.memory(), Map.of()));
        agreeWithReference(p);
    }

    @Test
    void stashedKernelsAgreeWithTheReferenceOnRowsOfAnyLength() throws Exception {
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: f32[N, D]) -> (s: f32[N, D], l: f32[N]) {"
                + " let e = exp(x - max(x, axis = -1, keepdims = true)); let t = sum(e, axis = -1, keepdims = true);"
                + " return (e / t, sum(e * e, axis = -1) / sum(t, axis = -1)); }", "P");
        for (long size : new long[] {1, 3, 4, 5, 9}) {
            for (Target t : TARGETS) {
                Map<String, HostArray> in = ExampleKernelsTest.inputs(p, size);
                Reference.of(p.lowered(), in).mismatchOf(KernelPlanRunner.run(p, t, in))
                        .ifPresent(m -> fail(t.name() + ", size " + size + ": " + m));
            }
        }
    }

    @Test
    void aColumnSoftmaxStashesToo() {
        // Reducing the leading axis: the reduction template that walks a strided column.
        CompiledPipeline p = Compiled.pipeline("pipeline P(x: f32[N, D]) -> f32[N, D] { return softmax(x, axis = 0); }", "P");
        assertEquals(1, p.fusion().kernelCount(), () -> FusionPrinter.print(p.fusion()));
        assertFalse(RowStash.plan(p.fusion().graph(), p.fusion().groups().get(0)).isEmpty());
        for (Target t : TARGETS) {
            List<KStmt.For> loops = innermostLoops(single(p, t).body());
            assertEquals(0, countOwn(loops.get(loops.size() - 1).body(), UnaryFn.EXP), t.name());
        }
        agreeWithReference(p);
    }

    private static Allocation probabilities(CompiledPipeline p) {
        return p.memory().allocations().stream().filter(a -> a.producer() == 1).findFirst().orElseThrow();
    }

    private static void agreeWithReference(CompiledPipeline p) {
        for (Target t : TARGETS) {
            Map<String, HostArray> in = ExampleKernelsTest.inputs(p, 5);
            try {
                Reference.of(p.lowered(), in).mismatchOf(KernelPlanRunner.run(p, t, in))
                        .ifPresent(m -> fail(t.name() + ": " + m));
            } catch (Exception e) {
                throw new AssertionError(t.name(), e);
            }
        }
    }

    private static Kernel single(CompiledPipeline p, Target t) {
        List<Kernel> kernels = LowerKernels.run(p, t);
        assertEquals(1, kernels.size());
        return kernels.get(0);
    }

    /**
     * The ways through a row: for a target with row registers, the branch for rows that fit them and
     * the one for longer rows; else the whole body.
     */
    private static List<List<KStmt>> paths(Kernel k, Target t) {
        if (t.rowRegisters() == 0 || !t.cooperative()) {
            return List.of(k.body());
        }
        KStmt last = k.body().get(k.body().size() - 1);
        assertTrue(last instanceof KStmt.If, () -> KernelPrinter.print(k));
        KStmt.If fits = (KStmt.If) last;
        if (fits.otherwise().isEmpty()) {
            // Rows packed a simdgroup each: the test that the row exists holds the register test.
            fits = (KStmt.If) fits.then().get(fits.then().size() - 1);
        }
        if (fits.otherwise().size() == 1 && fits.otherwise().get(0) instanceof KStmt.If byLength) {
            // Target.wholeRows: a row that fills the registers exactly, then the other held rows, then memory.
            return List.of(fits.then(), byLength.then(), byLength.otherwise());
        }
        return List.of(fits.then(), fits.otherwise());
    }

    private static List<KStmt.For> innermostLoops(List<KStmt> body) {
        List<KStmt.For> out = new ArrayList<>();
        for (KStmt s : body) {
            if (s instanceof KStmt.For f) {
                List<KStmt.For> inner = innermostLoops(f.body());
                if (inner.isEmpty()) {
                    out.add(f);
                }
                out.addAll(inner);
            }
        }
        return out;
    }

    /** The innermost loops whose own statements (not nested loops') compute {@code fn}. */
    private static List<KStmt.For> walksWith(List<KStmt> body, UnaryFn fn) {
        List<KStmt.For> out = new ArrayList<>();
        for (KStmt s : body) {
            if (s instanceof KStmt.For f) {
                if (countOwn(f.body(), fn) > 0) {
                    out.add(f);
                }
                out.addAll(walksWith(f.body(), fn));
            } else if (s instanceof KStmt.If i) {
                out.addAll(walksWith(i.then(), fn));
                out.addAll(walksWith(i.otherwise(), fn));
            }
        }
        return out;
    }

    private static int countOwn(List<KStmt> body, UnaryFn fn) {
        int n = 0;
        for (KStmt s : body) {
            if (s instanceof KStmt.Declare d) {
                n += count(d.init(), fn);
            } else if (s instanceof KStmt.Assign a) {
                n += count(a.value(), fn);
            } else if (s instanceof KStmt.Store st) {
                n += count(st.value(), fn);
            } else if (s instanceof KStmt.If i) {
                n += countOwn(i.then(), fn) + countOwn(i.otherwise(), fn);
            } else if (s instanceof KStmt.ArrayMap m && m.fn() == fn) {
                n++;
            }
        }
        return n;
    }

    private static int count(List<KStmt> body, UnaryFn fn) {
        int n = countOwn(body, fn);
        for (KStmt s : body) {
            if (s instanceof KStmt.For f) {
                n += count(f.body(), fn);
            }
        }
        return n;
    }

    private static int count(KExpr e, UnaryFn fn) {
        if (e instanceof KExpr.Unary u) {
            return (u.fn() == fn ? 1 : 0) + count(u.x(), fn);
        }
        if (e instanceof KExpr.Binary b) {
            return count(b.a(), fn) + count(b.b(), fn);
        }
        if (e instanceof KExpr.Select s) {
            return count(s.cond(), fn) + count(s.a(), fn) + count(s.b(), fn);
        }
        if (e instanceof KExpr.Convert c) {
            return count(c.x(), fn);
        }
        if (e instanceof KExpr.Load l) {
            return count(l.index(), fn);
        }
        if (e instanceof KExpr.SimdReduce r) {
            return count(r.x(), fn);
        }
        return 0;
    }

    /** Whether {@code body} stores (to a buffer or a per-thread array), inside its ifs and loops too. */
    private static boolean stores(List<KStmt> body) {
        return body.stream().anyMatch(s -> s instanceof KStmt.Store || s instanceof KStmt.StoreArray
                || s instanceof KStmt.If i && (stores(i.then()) || stores(i.otherwise()))
                || s instanceof KStmt.For f && stores(f.body()));
    }
}
