// Pass fuse-attention: which attentions become one ATTENTION group (Target.CUDA only; a
// LIBRARY_ATTENTION group with Target.libraryAttention), and that the fused kernel, run by the kernel
// interpreter as KStmt.Attention defines it, and the library call, run as AttentionCall defines it,
// compute what the reference interpreter computes, with tails (rows and columns not a multiple of 64)
// and other head sizes than the CUDA routine's fast ones.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.kernel.AttentionCall;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.kernel.LowerKernels;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.Reference;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class FuseAttentionTest {
    private static final String SOURCE = """
            precision balanced;
            pipeline Attention(q: bf16[B, H, T, E], k: bf16[B, H, T, E], v: bf16[B, H, T, E]) -> bf16[B, H, T, E] {
              return softmax((q @ transpose(k, 0, 1, 3, 2)) * rsqrt(E), axis = -1) @ v;
            }
            pipeline Cross(q: f16[B, T, 64], k: f16[B, S, 64], v: f16[B, S, 64], s: f32) -> f16[B, T, 64] {
              return softmax(s * (q @ transpose(k, 0, 2, 1)), axis = -1) @ v;
            }
            pipeline Unscaled(q: bf16[T, E], k: bf16[S, E], v: bf16[S, E]) -> bf16[T, E] {
              return softmax(q @ transpose(k, 1, 0), axis = -1) @ v;
            }
            pipeline ScoresToo(q: bf16[T, E], k: bf16[S, E], v: bf16[S, E]) -> (o: bf16[T, E], p: bf16[T, S]) {
              let p = softmax(q @ transpose(k, 1, 0), axis = -1);
              return (p @ v, p);
            }
            pipeline Wide(q: f32[T, E], k: f32[S, E], v: f32[S, E]) -> f32[T, E] {
              return softmax(q @ transpose(k, 1, 0), axis = -1) @ v;
            }
            pipeline KeysByColumn(q: bf16[T, E], kt: bf16[E, S], v: bf16[S, E]) -> bf16[T, E] {
              return softmax(q @ kt, axis = -1) @ v;
            }
            pipeline OtherValueWidth(q: bf16[T, E], k: bf16[S, E], v: bf16[S, F]) -> bf16[T, F] {
              return softmax(q @ transpose(k, 1, 0), axis = -1) @ v;
            }
            pipeline Biased(q: bf16[T, E], k: bf16[S, E], v: bf16[S, E], b: bf16[E]) -> bf16[T, E] {
              return softmax(q @ transpose(k, 1, 0), axis = -1) @ v + b;
            }
            """;

    @Test
    void cudaFusesAttentionOfHalfBuffersAndOtherTargetsKeepTheirPlan() {
        Map<String, CompiledPipeline> p = compile();
        for (CompiledPipeline c : p.values()) {
            for (Target t : List.of(Target.CPU, Target.METAL)) {
                assertSame(c.fusion(), FuseAttention.run(c.fusion(), t), c.name() + " on " + t.name());
            }
        }
        for (String name : List.of("Attention", "Cross", "Unscaled")) {
            assertEquals(List.of(Template.LIBRARY_ATTENTION), templates(p.get(name), Target.CUDA), name);
            assertEquals(List.of(Template.ATTENTION), templates(p.get(name), KERNEL_ONLY), name);
        }
        for (String name : List.of("ScoresToo", "Wide", "KeysByColumn", "OtherValueWidth", "Biased")) {
            List<Template> templates = templates(p.get(name), Target.CUDA);
            assertTrue(!templates.contains(Template.ATTENTION) && !templates.contains(Template.LIBRARY_ATTENTION),
                    name + ": " + templates);
            assertNotEquals(0, templates.size());
        }
    }

    /** The library step's call names the kernel's own q, k, v, out and scale arguments. */
    @Test
    void theLibraryCallNamesTheKernelsArguments() {
        Kernel k = LowerKernels.run(Compilation.forTarget(compile().get("Cross"), Target.CUDA), Target.CUDA).get(0);
        AttentionCall call = (AttentionCall) k.library().orElseThrow();
        assertEquals(List.of("in_q", "in_k", "in_v", "out_out"), List.of(k.buffers().get(call.q()).name(),
                k.buffers().get(call.k()).name(), k.buffers().get(call.v()).name(), k.buffers().get(call.out()).name()));
        assertEquals("s_s", k.scalars().get(call.scale()).name());
        Map<String, Long> dims = Map.of("B", 3L, "T", 5L, "S", 7L);
        assertEquals(List.of(3L, 5L, 7L, 64L), List.of(call.heads().evaluate(dims), call.rows().evaluate(dims),
                call.cols().evaluate(dims), call.headDim().evaluate(dims)));
        Kernel unscaled = LowerKernels.run(Compilation.forTarget(compile().get("Unscaled"), Target.CUDA), Target.CUDA)
                .get(0);
        AttentionCall none = (AttentionCall) unscaled.library().orElseThrow();
        assertEquals(List.of(-1, 1.0), List.of(none.scale(), none.scaleConstant()));
        assertTrue(LowerKernels.run(Compilation.forTarget(compile().get("Cross"), KERNEL_ONLY), KERNEL_ONLY).get(0)
                .library().isEmpty());
    }

    @Test
    void theKernelIsOneAttentionStatementOverTheBuffers() {
        Kernel k = LowerKernels.run(Compilation.forTarget(compile().get("Cross"), Target.CUDA), Target.CUDA).get(0);
        KStmt.Attention a = (KStmt.Attention) k.body().get(k.body().size() - 1);
        assertEquals(List.of("in_q", "in_k", "in_v", "out_out"), List.of(a.q(), a.k(), a.v(), a.out()));
        assertEquals("s_s", ((dev.tmc.compiler.ir.kernel.KExpr.Var) a.scale()).name());
        assertEquals(128, k.launch().threadsPerThreadgroup());
    }

    /** Odd rows and columns (tails of the 64-row tiles), several tiles, head sizes 64, 128 and others. */
    @Test
    void fusedKernelsAgreeWithTheReference() throws Exception {
        Map<String, List<Map<String, Long>>> shapes = Map.of(
                "Attention", List.of(Map.of("B", 1L, "H", 2L, "T", 37L, "E", 64L),
                        Map.of("B", 2L, "H", 1L, "T", 70L, "E", 128L), Map.of("B", 1L, "H", 1L, "T", 5L, "E", 24L)),
                "Cross", List.of(Map.of("B", 2L, "T", 67L, "S", 45L)),
                "Unscaled", List.of(Map.of("T", 65L, "S", 129L, "E", 16L), Map.of("T", 3L, "S", 1L, "E", 64L)));
        Map<String, CompiledPipeline> p = compile();
        for (Map.Entry<String, List<Map<String, Long>>> e : shapes.entrySet()) {
            String name = e.getKey();
            CompiledPipeline c = p.get(name);
            for (Map<String, Long> dims : e.getValue()) {
                Map<String, HostArray> in = inputs(c, dims);
                CompiledPipeline cuda = Compilation.forTarget(c, Target.CUDA);
                Reference reference = Reference.of(c.lowered(), in);
                reference.mismatchOf(KernelPlanRunner.run(cuda, Target.CUDA, in))
                        .ifPresent(m -> fail(name + " " + dims + ": " + m));
                List<Kernel> kernels = LowerKernels.run(cuda, Target.CUDA);
                reference.mismatchOf(KernelPlanRunner.run(cuda, kernels, Target.CUDA, in, true))
                        .ifPresent(m -> fail(name + " " + dims + " as the library computes it: " + m));
            }
        }
    }

    /** Target.CUDA where the runtime has no attention library: the fused kernel alone. */
    private static final Target KERNEL_ONLY = kernelOnly(Target.CUDA);

    private static Target kernelOnly(Target t) {
        return t.withLibraryAttention(false);
    }

    private static List<Template> templates(CompiledPipeline c, Target target) {
        return Compilation.forTarget(c, target).fusion().groups().stream().map(FusionGroup::template).toList();
    }

    private static Map<String, CompiledPipeline> compile() {
        Diagnostics d = new Diagnostics();
        var module = Compilation.compile(new SourceFile("attention.tm", SOURCE), Compilation.Options.defaults(), d,
                Compilation.Observer.NONE);
        if (module.isEmpty()) {
            fail(DiagnosticRenderer.render(d.all()));
        }
        Map<String, CompiledPipeline> byName = new LinkedHashMap<>();
        module.get().pipelines().forEach(c -> byName.put(c.name(), c));
        return byName;
    }

    private static Map<String, HostArray> inputs(CompiledPipeline p, Map<String, Long> dims) {
        SplittableRandom random = new SplittableRandom(5);
        Map<String, HostArray> in = new LinkedHashMap<>();
        for (GraphParam param : p.lowered().params()) {
            long[] shape = param.type().shape().evaluate(dims);
            double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
            for (int i = 0; i < data.length; i++) {
                data[i] = param.type().dtype().round(param.scalar() ? 0.125 : random.nextDouble(-2.0, 2.0));
            }
            in.put(param.name(), new HostArray(param.type().dtype(), shape, data));
        }
        return in;
    }
}
