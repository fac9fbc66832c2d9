// One .tm program prepared for the CPU backend: compiled, its kernels lowered for Target.CPU, and
// every generated artefact (pipeline classes, kernels, manifest) in a package of its own, so that
// many programs share one javac run.
package dev.tmc.tests;

import dev.tmc.codegen.java.JavaOutputs;
import dev.tmc.codegen.java.JavaKernelPrinter;
import dev.tmc.codegen.java.LoweredFile;
import dev.tmc.codegen.java.PlanBuilder;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.runtime.plan.FilePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * @param label  what a failure report names first (a seed and how to rerun it, or a file)
 * @param module the program's graph IR as lowered: the meaning the reference runs
 */
record CpuCase(String label, Module module, LoweredFile file, JavaOutputs.Generated generated) {

    /** Compiles every pipeline of {@code module} and lowers it for the CPU, in package {@code packageName}. */
    static CpuCase of(String label, Module module, String fileName, String packageName) {
        List<LoweredFile.Pipeline> pipelines = new ArrayList<>();
        for (Graph g : module.pipelines()) {
            CompiledPipeline c = Compilation.compile(g, Compilation.Options.defaults(), Compilation.Observer.NONE);
            pipelines.add(LoweredFile.of(c, List.of(Target.CPU)));
        }
        LoweredFile file = new LoweredFile(fileName, packageName, module.source().text(), pipelines);
        return new CpuCase(label, module, file, JavaOutputs.generate(file));
    }

    /** Java sources by binary class name. */
    void addSources(Map<String, String> sources) {
        generated.java().forEach((path, text) -> sources.put(path.replaceFirst("\\.java$", "").replace('/', '.'), text));
    }

    String kernelClass() {
        String simple = JavaKernelPrinter.className(file.fileName());
        return file.packageName().isEmpty() ? simple : file.packageName() + "." + simple;
    }

    FilePlan plan() {
        return PlanBuilder.build(file, Optional.empty(), Optional.empty());
    }

    Graph graph(String pipeline) {
        return module.pipeline(pipeline).orElseThrow();
    }
}
