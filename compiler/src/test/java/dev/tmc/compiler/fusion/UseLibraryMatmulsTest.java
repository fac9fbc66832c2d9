// Pass use-library-matmuls: which matmuls become library steps (Target.CUDA only), that the split
// plan still computes the pipeline (its kernels through the kernel interpreter), and that a
// library step's MatmulCall, evaluated by the plain loop below, is what the reference computes.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.MatmulCall;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.kernel.LowerKernels;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.Reference;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class UseLibraryMatmulsTest {
    private static final String SOURCE = """
            precision balanced;
            pipeline MatmulGelu(x: bf16[M, K], w: bf16[K, N], b: bf16[N]) -> bf16[M, N] {
              return gelu(x @ w + b);
            }
            pipeline Attention(q: bf16[B, H, T, E], k: bf16[B, H, T, E], v: bf16[B, H, T, E]) -> bf16[B, H, T, E] {
              return softmax((q @ transpose(k, 0, 1, 3, 2)) * rsqrt(E), axis = -1) @ v;
            }
            pipeline Scores(q: bf16[B, T, E], k: bf16[B, E, T]) -> bf16[B, T, T] {
              return transpose(k, 0, 2, 1) @ transpose(q, 0, 2, 1);
            }
            pipeline ScaledRounded(x: bf16[B, T, E], w: bf16[E, F], s: f32) -> f32[B, T, F] {
              return (x @ w) * s;
            }
            pipeline Broadcast(x: bf16[M, K], w: bf16[K, 1], b: bf16[N]) -> bf16[M, N] {
              return gelu(x @ w + b);
            }
            pipeline Wide(x: f32[M, K], w: f32[K, N]) -> f32[M, N] {
              return x @ w;
            }
            pipeline Computed(x: bf16[M, K], w: bf16[K, N]) -> bf16[M, N] {
              return exp(x) @ w;
            }
            """;
    private static final Map<String, Long> DIMS = Map.of("M", 20L, "K", 24L, "N", 18L, "B", 2L, "H", 2L, "T", 12L,
            "E", 16L, "F", 10L);

    @Test
    void cudaHandsMatmulsOfHalfBuffersToTheLibraryAndOtherTargetsKeepTheirPlan() {
        Map<String, CompiledPipeline> p = compile();
        for (CompiledPipeline c : p.values()) {
            for (Target t : List.of(Target.CPU, Target.METAL)) {
                assertSame(c.fusion(), UseLibraryMatmuls.run(c.fusion(), t), c.name() + " on " + t.name());
                assertSame(c, Compilation.forTarget(c, t));
            }
        }
        assertEquals(List.of(Template.LIBRARY_MATMUL, Template.POINTWISE), templates(p.get("MatmulGelu")));
        assertEquals(List.of(Template.LIBRARY_MATMUL, Template.ROW_REDUCTION, Template.LIBRARY_MATMUL),
                templates(p.get("Attention")));
        assertEquals(List.of(Template.LIBRARY_MATMUL), templates(p.get("Scores")));
        // An f32 s multiplies the product rounded to bf16 (x @ w is a bf16 value): no alpha.
        assertEquals(List.of(Template.LIBRARY_MATMUL, Template.POINTWISE), templates(p.get("ScaledRounded")));
        // The add broadcasts the [M, 1] product to [M, N]: no bias epilogue (fuse already keeps it out).
        assertTrue(library(p.get("Broadcast")).get(0).bias() < 0);
        assertSame(p.get("Wide").fusion(), UseLibraryMatmuls.run(p.get("Wide").fusion(), CUDA),
                "f32 operands: the library would round them to tf32 or compute another f32 sum");
        // exp(x) is stored by a kernel of its own, so the library reads it as a buffer.
        assertEquals(List.of(Template.POINTWISE, Template.LIBRARY_MATMUL), templates(p.get("Computed")));
    }

    @Test
    void libraryCallsDescribeTheOperandsAndTheFusedTail() {
        Map<String, CompiledPipeline> p = compile();
        MatmulCall gelu = library(p.get("MatmulGelu")).get(0);
        assertTrue(gelu.bias() >= 0 && gelu.alpha() < 0 && !gelu.transposeA() && !gelu.transposeB(), gelu.toString());
        List<MatmulCall> attention = library(p.get("Attention"));
        assertTrue(attention.get(0).transposeB() && attention.get(0).alpha() >= 0, attention.get(0).toString());
        assertTrue(!attention.get(1).transposeB() && attention.get(1).alpha() < 0, attention.get(1).toString());
        assertEquals(DimExpr.sym("B").times(DimExpr.sym("H")), attention.get(0).batch());
        MatmulCall scores = library(p.get("Scores")).get(0);
        assertTrue(scores.transposeA() && scores.transposeB(), scores.toString());
    }

    @Test
    void splitPlansAgreeWithTheReference() throws Exception {
        for (CompiledPipeline c : compile().values()) {
            if (c.name().equals("Computed")) {
                continue; // the reference does not round the stored exp(x); kernels on any target differ alike
            }
            Map<String, HostArray> in = inputs(c);
            Reference ref = Reference.of(c.lowered(), in);
            CompiledPipeline cuda = Compilation.forTarget(c, CUDA);
            ref.mismatchOf(KernelPlanRunner.run(cuda, CUDA, in)).ifPresent(m -> fail(c.name() + ": " + m));
        }
    }

    /** Library steps run as their MatmulCall says (a plain loop), the rest as kernels: the pipelines' meaning. */
    @Test
    void libraryCallsComputeWhatTheReferenceDoes() throws Exception {
        for (CompiledPipeline c : compile().values()) {
            if (c.name().equals("Computed")) {
                continue;
            }
            Map<String, HostArray> in = inputs(c);
            CompiledPipeline cuda = Compilation.forTarget(c, CUDA);
            List<Kernel> kernels = LowerKernels.run(cuda, CUDA);
            Reference.of(c.lowered(), in).mismatchOf(KernelPlanRunner.run(cuda, kernels, CUDA, in, true))
                    .ifPresent(m -> fail(c.name() + ": " + m));
        }
    }

    /** Target.CUDA without fused attention, so Attention's matmuls stay matmuls for this pass. */
    static final Target CUDA = new Target("cuda", 256, 32, 4, 1, 1, true, false, true, true, true, Target.LARGE_TILES,
            true, 16, 256, 16, 64, 16, 0, 0, 0, 0);

    private static List<MatmulCall> library(CompiledPipeline c) {
        return LowerKernels.run(Compilation.forTarget(c, CUDA), CUDA).stream()
                .flatMap(k -> k.library().stream()).toList();
    }

    private static List<Template> templates(CompiledPipeline c) {
        return Compilation.forTarget(c, CUDA).fusion().groups().stream().map(FusionGroup::template).toList();
    }

    private static Map<String, CompiledPipeline> compile() {
        Diagnostics d = new Diagnostics();
        var module = Compilation.compile(new SourceFile("library.tm", SOURCE), Compilation.Options.defaults(), d,
                Compilation.Observer.NONE);
        if (module.isEmpty()) {
            fail(DiagnosticRenderer.render(d.all()));
        }
        Map<String, CompiledPipeline> byName = new LinkedHashMap<>();
        module.get().pipelines().forEach(p -> byName.put(p.name(), p));
        return byName;
    }

    private static Map<String, HostArray> inputs(CompiledPipeline p) {
        SplittableRandom random = new SplittableRandom(11);
        Map<String, HostArray> in = new LinkedHashMap<>();
        for (GraphParam param : p.lowered().params()) {
            long[] shape = param.type().shape().evaluate(DIMS);
            double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
            for (int i = 0; i < data.length; i++) {
                data[i] = param.type().dtype().round(random.nextDouble(-1.0, 1.0));
            }
            in.put(param.name(), new HostArray(param.type().dtype(), shape, data));
        }
        return in;
    }
}
