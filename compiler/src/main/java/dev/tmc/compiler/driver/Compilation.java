// The whole middle end for one file: lower, run the graph passes, fuse, schedule, plan memory.
// An observer sees the result of every step, which is what `tmc explain --after` prints.
package dev.tmc.compiler.driver;

import dev.tmc.compiler.diag.Diagnostic;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.fusion.Fuse;
import dev.tmc.compiler.fusion.FusionPlan;
import dev.tmc.compiler.fusion.Schedule;
import dev.tmc.compiler.fusion.Traffic;
import dev.tmc.compiler.fusion.FuseAttention;
import dev.tmc.compiler.fusion.UseLibraryMatmuls;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.memory.MemoryPlan;
import dev.tmc.compiler.memory.PlanMemory;
import dev.tmc.compiler.pass.Passes;
import dev.tmc.compiler.source.SourceFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class Compilation {
    private Compilation() {
    }

    /** The steps after the graph passes, in order; names as `explain --after` takes them. */
    public static final List<String> ANALYSES = List.of("fuse", "schedule", "plan-memory");

    public record Options(Precision defaultPrecision, boolean verifyEach) {
        public static Options defaults() {
            return new Options(Precision.BALANCED, false);
        }
    }

    /** Sees each step's result: a Graph after a pass, a FusionPlan, or a MemoryPlan. */
    public interface Observer {
        void after(String pipeline, String step, Object result);

        Observer NONE = (pipeline, step, result) -> { };
    }

    public record CompiledModule(Module module, List<CompiledPipeline> pipelines) {
        public CompiledModule {
            pipelines = List.copyOf(pipelines);
        }

        public Optional<CompiledPipeline> pipeline(String name) {
            return pipelines.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    /** Every step name, in order: the graph passes, then the analyses. */
    public static List<String> steps() {
        List<String> all = new ArrayList<>(Passes.names());
        all.addAll(ANALYSES);
        return all;
    }

    public static Optional<CompiledModule> compile(SourceFile file, Options options, Diagnostics diagnostics,
                                                   Observer observer) {
        Optional<Module> module = Frontend.lower(file, options.defaultPrecision(), diagnostics);
        if (module.isEmpty()) {
            return Optional.empty();
        }
        List<CompiledPipeline> pipelines = new ArrayList<>();
        for (Graph g : module.get().pipelines()) {
            pipelines.add(compile(g, options, observer));
        }
        return Optional.of(new CompiledModule(module.get(), pipelines));
    }

    /** A file compiled for a front door: the module when there is no error, and every diagnostic in order. */
    public record Outcome(Optional<CompiledModule> module, List<Diagnostic> diagnostics) {
        public Outcome {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /**
     * Compiles {@code file} as the CLI and the Maven plugin do: a module with errors is no module,
     * and no module without an error is a bug of ours, not the user's.
     */
    public static Outcome compileChecked(SourceFile file, Options options, Observer observer) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<CompiledModule> module = compile(file, options, diagnostics, observer);
        if (module.isEmpty() && !diagnostics.hasErrors()) {
            throw new InternalCompilerError("the compiler produced no module and no error for " + file.name());
        }
        return new Outcome(diagnostics.hasErrors() ? Optional.empty() : module, diagnostics.all());
    }

    public static CompiledPipeline compile(Graph lowered, Options options, Observer observer) {
        observer.after(lowered.name(), "lower", lowered);
        Graph optimized = Passes.run(lowered, Passes.standard(), options.verifyEach(),
                (pass, g) -> observer.after(lowered.name(), pass.name(), g));
        FusionPlan fused = Fuse.run(optimized);
        observer.after(lowered.name(), "fuse", fused);
        FusionPlan scheduled = Schedule.run(fused);
        observer.after(lowered.name(), "schedule", scheduled);
        MemoryPlan memory = PlanMemory.run(scheduled);
        observer.after(lowered.name(), "plan-memory", memory);
        return new CompiledPipeline(lowered, optimized, scheduled, memory, Traffic.of(scheduled));
    }

    /**
     * The pipeline as {@code target} runs it: where pass use-library-matmuls hands matmuls to the
     * target's library, the groups are scheduled and the memory planned again (the library's
     * product is an intermediate of its own); otherwise {@code pipeline} itself.
     */
    public static CompiledPipeline forTarget(CompiledPipeline pipeline, Target target) {
        // fuse-attention first: use-library-matmuls would take the attention's two matmuls.
        FusionPlan split = UseLibraryMatmuls.run(FuseAttention.run(pipeline.fusion(), target), target);
        if (split == pipeline.fusion()) {
            return pipeline;
        }
        FusionPlan scheduled = Schedule.run(split);
        return new CompiledPipeline(pipeline.lowered(), pipeline.optimized(), scheduled, PlanMemory.run(scheduled),
                Traffic.of(scheduled));
    }
}
