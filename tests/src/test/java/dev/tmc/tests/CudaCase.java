// One .tm program prepared for the CUDA backend: compiled, its kernels lowered for Target.CUDA and
// renamed with a prefix (so that many programs share one .cu file and one nvcc run), its manifest
// built from those kernels.
package dev.tmc.tests;

import dev.tmc.codegen.java.LoweredFile;
import dev.tmc.codegen.java.PlanBuilder;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.MathMode;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.kernel.LowerKernels;
import dev.tmc.runtime.plan.FilePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * @param label  what a failure report names first (a seed and how to rerun it, or a file)
 * @param module the program's graph IR as lowered: the meaning the reference runs
 */
record CudaCase(String label, Module module, LoweredFile file) {

    static CudaCase of(String label, Module module, String fileName, String kernelPrefix) {
        return of(label, module, fileName, kernelPrefix, Target.CUDA);
    }

    /** With {@code target} standing in for Target.CUDA (a variant of its parameters, for experiments). */
    static CudaCase of(String label, Module module, String fileName, String kernelPrefix, Target target) {
        List<LoweredFile.Pipeline> pipelines = new ArrayList<>();
        for (Graph g : module.pipelines()) {
            CompiledPipeline c = Compilation.compile(g, Compilation.Options.defaults(), Compilation.Observer.NONE);
            CompiledPipeline own = Compilation.forTarget(c, target);
            List<Kernel> kernels = new ArrayList<>();
            for (Kernel k : LowerKernels.run(own, target)) {
                kernels.add(new Kernel(kernelPrefix + k.name(), k.template(), k.source(), k.buffers(), k.scalars(),
                        k.launch(), k.body(), MathMode.PRECISE, k.library()));
            }
            pipelines.add(new LoweredFile.Pipeline(c, Map.of(Target.CUDA.name(), kernels),
                    own == c ? Map.of() : Map.of(Target.CUDA.name(), own)));
        }
        return new CudaCase(label, module, new LoweredFile(fileName, module.packageName(), module.source().text(),
                pipelines));
    }

    List<Kernel> kernels() {
        return file.kernels(Target.CUDA);
    }

    FilePlan plan() {
        return PlanBuilder.build(file, Optional.empty(), Optional.empty());
    }

    Graph graph(String pipeline) {
        return module.pipeline(pipeline).orElseThrow();
    }

    LoweredFile.Pipeline lowered(String pipeline) {
        return file.pipelines().stream().filter(p -> p.name().equals(pipeline)).findFirst().orElseThrow();
    }
}
