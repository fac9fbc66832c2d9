// Every example pipeline, lowered to kernels for the CPU and the Metal target and run by the
// lock-step KernelInterpreter, agrees with the reference interpreter on random inputs.
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
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

class ExampleKernelsTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "tm");

    @TestFactory
    Stream<DynamicTest> examplesAgreeOnBothTargets() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.sorted().toList()) {
                Diagnostics d = new Diagnostics();
                var module = Compilation.compile(new SourceFile(file.getFileName().toString(), Files.readString(file)),
                        Compilation.Options.defaults(), d, Compilation.Observer.NONE);
                if (module.isEmpty()) {
                    fail(DiagnosticRenderer.render(d.all()));
                }
                for (CompiledPipeline p : module.get().pipelines()) {
                    for (Target t : List.of(Target.CPU, Target.METAL, Target.CUDA)) {
                        tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + p.name() + " on " + t.name(),
                                () -> check(p, t)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void check(CompiledPipeline p, Target t) throws Exception {
        Map<String, HostArray> in = inputs(p, 5);
        Reference ref = Reference.of(p.lowered(), in);
        ref.mismatchOf(KernelPlanRunner.run(p, t, in)).ifPresent(m -> fail(p.name() + " on " + t.name() + ": " + m));
    }

    /** Random inputs with every symbolic dim of size {@code size}; integers are 8-bit pixel values. */
    static Map<String, HostArray> inputs(CompiledPipeline p, long size) {
        SplittableRandom random = new SplittableRandom(p.name().hashCode());
        Map<String, Long> dims = new LinkedHashMap<>();
        Map<String, HostArray> in = new LinkedHashMap<>();
        for (GraphParam param : p.lowered().params()) {
            if (param.scalar()) {
                continue;
            }
            param.type().shape().dims().forEach(d -> d.symbols().forEach(s -> dims.putIfAbsent(s, size)));
            long[] shape = param.type().shape().evaluate(dims);
            double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
            DType dtype = param.type().dtype();
            for (int i = 0; i < data.length; i++) {
                data[i] = dtype == DType.I32 ? random.nextInt(256) : dtype == DType.BOOL ? random.nextInt(2)
                        : dtype.round(random.nextDouble(0.1, 2.0));
            }
            in.put(param.name(), new HostArray(dtype, shape, data));
        }
        return in;
    }
}
