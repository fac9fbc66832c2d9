// The CPU backend as `tmc run` uses it without a build: compile the pipeline, print its Java kernels,
// compile them in memory with the JDK's compiler, and call the pipeline through the runtime on
// Device.cpu(), exactly as a generated pipeline class would.
package dev.tmc.cli;

import dev.tmc.codegen.java.CpuKernelCompiler;
import dev.tmc.codegen.java.HostTensors;
import dev.tmc.codegen.java.LoweredFile;
import dev.tmc.codegen.java.PlanBuilder;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.interp.DimBinding;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.cpu.CpuKernelLibrary;
import dev.tmc.runtime.plan.FilePlan;

import javax.tools.ToolProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

final class CpuBackend implements Backend {
    /**
     * The package of the in-memory kernel class, whatever the file declares: a class loader
     * refuses some packages (java.*), and nothing outside this process sees the class.
     */
    private static final String KERNEL_PACKAGE = "dev.tmc.cli.kernels";

    private final BooleanSupplier hasJavaCompiler;

    CpuBackend() {
        this(() -> ToolProvider.getSystemJavaCompiler() != null);
    }

    /** @param hasJavaCompiler whether this JVM has javax.tools' compiler (a JDK, not a JRE) */
    CpuBackend(BooleanSupplier hasJavaCompiler) {
        this.hasJavaCompiler = hasJavaCompiler;
    }

    @Override
    public String name() {
        return Target.CPU.name();
    }

    @Override
    public Call prepare(Module module, Graph pipeline, Precision precision) {
        if (!hasJavaCompiler.getAsBoolean()) {
            throw CliError.usage("--device cpu compiles the pipeline's Java kernels with the JDK's compiler, and this "
                    + "Java runtime has none (java.home is " + System.getProperty("java.home") + "); run tmc with a "
                    + "JDK 17 or later, or use --device reference");
        }
        CompiledPipeline compiled = Compilation.compile(pipeline, new Compilation.Options(precision, false),
                Compilation.Observer.NONE);
        LoweredFile file = new LoweredFile(Path.of(module.source().name()).getFileName().toString(), module.packageName(), module.source().text(),
                List.of(LoweredFile.of(compiled, List.of(Target.CPU))));
        CpuKernelLibrary kernels = CpuKernelCompiler.load(List.of(CpuKernelCompiler.Unit.of(file, KERNEL_PACKAGE)))
                .get(0);
        FilePlan plan = PlanBuilder.build(file, Optional.empty(), Optional.empty());
        Executable executable = Device.cpu().load(plan, plan.pipeline(pipeline.name()), kernels, kernels.getClass());
        return inputs -> {
            DimBinding.bind(pipeline, shapes(pipeline, inputs)); // the reference's checks and words
            return HostTensors.call(executable, pipeline, inputs);
        };
    }

    /** Each parameter's shape, in order; a scalar left to its default is rank 0. */
    private static List<long[]> shapes(Graph pipeline, Map<String, HostArray> inputs) throws InputError {
        List<long[]> shapes = new ArrayList<>();
        for (GraphParam p : pipeline.params()) {
            HostArray in = inputs.get(p.name());
            if (in == null && !p.scalar()) {
                throw new InputError("missing input '" + p.name() + "' of pipeline " + pipeline.name());
            }
            shapes.add(in == null ? new long[0] : in.shape());
        }
        return shapes;
    }
}
