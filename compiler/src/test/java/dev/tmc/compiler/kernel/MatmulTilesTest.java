// Matmuls large enough that Target.CUDA's 128x128 tiles have interior tiles and slices (loads
// without bounds checks) next to edge ones in all three dims, run by the lock-step
// KernelInterpreter on every target against the reference interpreter. On CUDA the products go in
// pairs (Target.matrixRowPairs): a pair that takes the wrong A fragment fails here.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.Reference;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;

class MatmulTilesTest {
    private static final String SOURCE = """
            precision balanced;
            pipeline MatmulGelu(x: bf16[M, K], w: bf16[K, N]) -> bf16[M, N] {
              return gelu(x @ w);
            }
            pipeline Scores(q: bf16[B, T, E], k: bf16[B, T, E]) -> f32[B, T, T] {
              return q @ transpose(k, 0, 2, 1);
            }
            """;

    @Test
    void interiorAndEdgeTilesAgreeWithTheReference() throws Exception {
        Diagnostics d = new Diagnostics();
        var module = Compilation.compile(new SourceFile("tiles.tm", SOURCE), Compilation.Options.defaults(), d,
                Compilation.Observer.NONE);
        if (module.isEmpty()) {
            fail(DiagnosticRenderer.render(d.all()));
        }
        // M and N: one whole 128 tile and a partial one; K: whole 16-deep slices, then a partial one.
        Map<String, Long> dims = Map.of("M", 136L, "K", 40L, "N", 200L, "B", 2L, "T", 130L, "E", 48L);
        for (CompiledPipeline p : module.get().pipelines()) {
            Map<String, HostArray> in = inputs(p, dims);
            Reference ref = Reference.of(p.lowered(), in);
            for (Target t : List.of(Target.CPU, Target.METAL, Target.CUDA)) {
                ref.mismatchOf(KernelPlanRunner.run(p, t, in)).ifPresent(m -> fail(p.name() + " on " + t.name() + ": " + m));
            }
        }
    }

    private static Map<String, HostArray> inputs(CompiledPipeline p, Map<String, Long> dims) {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, HostArray> in = new LinkedHashMap<>();
        for (GraphParam param : p.lowered().params()) {
            long[] shape = param.type().shape().evaluate(dims);
            double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
            for (int i = 0; i < data.length; i++) {
                data[i] = param.type().dtype().round(random.nextDouble(-1.0, 1.0));
            }
            in.put(param.name(), new HostArray(param.type().dtype(), shape, data));
        }
        return in;
    }
}
