// One compiled .tm file with its kernels lowered for each target: what every back-end artefact of
// the file (Java kernels, MSL, manifest, pipeline classes) is printed from.
package dev.tmc.codegen.java;

import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.Compilation.CompiledModule;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.kernel.LowerKernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * @param fileName    the .tm file's name without directories, e.g. {@code quickstart.tm}
 * @param packageName the Java package of the generated classes ("" for none)
 * @param source      the file's text, for javadoc that quotes signatures
 */
public record LoweredFile(String fileName, String packageName, String source, List<Pipeline> pipelines) {

    public LoweredFile {
        pipelines = List.copyOf(pipelines);
    }

    /**
     * A pipeline and its kernels per target name ("cpu", "metal"), in schedule order; in
     * {@code byTarget} the pipeline as a target runs it where that differs (Compilation.forTarget:
     * library steps, their own memory plan).
     */
    public record Pipeline(CompiledPipeline compiled, Map<String, List<Kernel>> kernels,
                           Map<String, CompiledPipeline> byTarget) {
        public Pipeline {
            Map<String, List<Kernel>> copy = new LinkedHashMap<>();
            kernels.forEach((target, ks) -> copy.put(target, List.copyOf(ks)));
            kernels = java.util.Collections.unmodifiableMap(copy);
            byTarget = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byTarget));
        }

        public Pipeline(CompiledPipeline compiled, Map<String, List<Kernel>> kernels) {
            this(compiled, kernels, Map.of());
        }

        public String name() {
            return compiled.name();
        }

        /** The pipeline as {@code target} runs it. */
        public CompiledPipeline compiled(String target) {
            return byTarget.getOrDefault(target, compiled);
        }
    }

    /** Lowers every pipeline of {@code module} for each of {@code targets}. */
    public static LoweredFile of(CompiledModule module, List<Target> targets) {
        List<Pipeline> pipelines = new ArrayList<>();
        for (CompiledPipeline p : module.pipelines()) {
            pipelines.add(of(p, targets));
        }
        return new LoweredFile(JavaText.baseName(module.module().source().name()), module.module().packageName(),
                module.module().source().text(), pipelines);
    }

    public static Pipeline of(CompiledPipeline p, List<Target> targets) {
        Map<String, List<Kernel>> kernels = new LinkedHashMap<>();
        Map<String, CompiledPipeline> byTarget = new LinkedHashMap<>();
        for (Target t : targets) {
            CompiledPipeline own = Compilation.forTarget(p, t);
            kernels.put(t.name(), LowerKernels.run(own, t));
            if (own != p) {
                byTarget.put(t.name(), own);
            }
        }
        return new Pipeline(p, kernels, byTarget);
    }

    /** Every pipeline's kernels for {@code target}, in file order: what one printed file holds. */
    public List<Kernel> kernels(Target target) {
        List<Kernel> all = new ArrayList<>();
        for (Pipeline p : pipelines) {
            List<Kernel> ks = p.kernels().get(target.name());
            if (ks == null) {
                throw new IllegalArgumentException(fileName + " was not lowered for " + target.name());
            }
            all.addAll(ks);
        }
        return all;
    }

    public boolean has(Target target) {
        return pipelines.isEmpty() || pipelines.get(0).kernels().containsKey(target.name());
    }
}
