// The examples through the Metal back end: their MSL compiles against the Metal shim, and every
// pipeline, run on the shim as the Metal runtime would run it, computes what the reference
// interpreter computes (within the stored dtype's tolerance).
package dev.tmc.tests.metal;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.testing.Reference;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

class MslExamplesShimTest {
    /** Sizes for the examples' dims: odd or not a multiple of 32 where it matters, rows past a threadgroup. */
    private static final Map<String, Long> DIMS = Map.of("T", 37L, "D", 40L, "H", 3L, "K", 8L, "F", 48L, "B", 2L,
            "W", 11L, "N", 300L);

    private static final List<MetalCompile> EXAMPLES = new ArrayList<>();

    @BeforeAll
    static void compileExamples() {
        for (Path file : MetalCompile.examples()) {
            EXAMPLES.add(MetalCompile.of(MetalCompile.read(file), Precision.BALANCED));
        }
    }

    private static List<ShimProgram.Unit> units() {
        List<ShimProgram.Unit> units = new ArrayList<>();
        for (MetalCompile c : EXAMPLES) {
            units.add(c.unit(c.fileName().replace(".tm", "")));
        }
        return units;
    }

    @Test
    void examplesCompileAgainstTheShim() {
        Gxx.compiler();
        ShimProgram.syntaxCheck(ShimWork.fresh("examples-compile"), units());
    }

    @Test
    void examplesComputeWhatTheInterpreterComputes() throws InputError {
        Gxx.compiler();
        Path dir = ShimWork.fresh("examples-run");
        List<ShimProgram.Unit> units = units();
        Path exe = ShimProgram.build(dir, units);
        ShimJob job = new ShimJob(dir);
        Map<String, Supplier<Map<String, HostArray>>> results = new LinkedHashMap<>();
        Map<String, Reference> references = new LinkedHashMap<>();
        for (int u = 0; u < EXAMPLES.size(); u++) {
            for (MetalCompile.Lowered l : EXAMPLES.get(u).pipelines()) {
                String name = EXAMPLES.get(u).fileName() + ":" + l.pipeline().name();
                Map<String, HostArray> inputs = inputs(l, name.hashCode());
                references.put(name, Reference.of(l.pipeline().lowered(), inputs));
                results.put(name, PipelineOnShim.add(job, "e" + results.size() + "_", units.get(u), l.pipeline(),
                        l.kernels(), inputs));
            }
        }
        String log = job.run(exe);
        StringBuilder failures = new StringBuilder();
        results.forEach((name, result) -> {
            Reference ref = references.get(name);
            ref.comparison().mismatch(ref.expected(), result.get()).ifPresent(m ->
                    failures.append(name).append(":\n").append(m).append('\n'));
        });
        if (failures.length() > 0) {
            fail(failures + "\nshim log:\n" + log);
        }
    }

    /** Floats in [0.25, 2] (multiples of 1/64, exact in every float dtype), integers in [0, 255]. */
    private static Map<String, HostArray> inputs(MetalCompile.Lowered l, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (GraphParam p : l.pipeline().lowered().params()) {
            if (p.scalar() && p.defaultValue().isPresent()) {
                continue;
            }
            long[] shape = p.type().shape().dims().stream().mapToLong(MslExamplesShimTest::size).toArray();
            double[] data = new double[(int) HostArray.elementCount(shape)];
            DType t = p.type().dtype();
            for (int i = 0; i < data.length; i++) {
                data[i] = t == DType.I32 ? rnd.nextInt(0, 256) : t == DType.BOOL ? rnd.nextInt(2)
                        : t.round(rnd.nextInt(16, 129) / 64.0);
            }
            out.put(p.name(), new HostArray(t, shape, data));
        }
        return out;
    }

    private static long size(DimExpr d) {
        return d.isConstant() ? d.constant() : DIMS.getOrDefault(d.symbolName(), 5L);
    }
}
