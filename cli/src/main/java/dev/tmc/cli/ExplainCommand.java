// `tmc explain FILE`: what the compiler made of a file's pipelines, as text or JSON: the IR after
// each pass, the kernels in run order, the memory plan and what fusion saves. Each part is an
// ExplainSection; --after narrows the output to one step.
package dev.tmc.cli;

import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.kernel.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "explain",
        description = {"Print what the compiler makes of a file's pipelines.",
                "For each pipeline (all of them unless --pipeline names one): the graph IR as lowered and after"
                        + " each pass, the kernels in the order they run, the memory plan, and the bytes and kernels"
                        + " of one call fused and op by op; as text or JSON."})
final class ExplainCommand implements Callable<Integer> {

    enum Format { TEXT, JSON }

    @ParentCommand
    private Tmc tmc;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .tm file.")
    private String file;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "Explain only this pipeline.")
    private String pipeline;

    @Option(names = "--dim", paramLabel = "NAME=SIZE", converter = DimSize.Converter.class,
            description = "Bind a symbolic dim, to show concrete shapes.")
    private List<DimSize> dims = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class, defaultValue = "text",
            description = "text or json. Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = "--after", paramLabel = "STEP",
            description = "Show only the result of this step: lower, a pass (inline, canonicalize, stabilize,"
                    + " promote-precision, cleanup), fuse, schedule or plan-memory.")
    private String after;

    @Option(names = "--verify-each", description = "Check the IR after every pass (a compiler self-check).")
    private boolean verifyEach;

    @Option(names = "--target", paramLabel = "TARGET", converter = ExplainTargetConverter.class,
            description = "Show the kernels and memory as this target (cpu, metal, cuda) runs them: on cuda,"
                    + " matmuls the library takes are library-matmul steps, attentions library-attention steps."
                    + " Default: the shared plan.")
    private Target target;

    /** The sections to show, in the order they print; JSON members follow the same order. */
    private List<ExplainSection> sections() {
        if (after == null) {
            return List.of(new SignatureSection(), new IrSection(null), new KernelsSection("schedule"),
                    new MemorySection(), new TrafficSection());
        }
        List<String> steps = new ArrayList<>(List.of("lower"));
        steps.addAll(Compilation.steps());
        if (!steps.contains(after)) {
            throw CliError.usage("no step '" + after + "'; the steps are " + String.join(", ", steps));
        }
        switch (after) {
            case "fuse": case "schedule": return List.of(new KernelsSection(after));
            case "plan-memory": return List.of(new MemorySection(), new TrafficSection());
            default: return List.of(new SignatureSection(), new IrSection(after));
        }
    }

    @Override
    public Integer call() {
        List<ExplainSection> sections = sections();
        DiagnosticReport report = new DiagnosticReport(spec.commandLine().getErr());
        Map<String, List<ExplainedPipeline.Step>> steps = new LinkedHashMap<>();
        Compilation.Observer record = (pipeline, step, result) ->
                steps.computeIfAbsent(pipeline, k -> new ArrayList<>()).add(new ExplainedPipeline.Step(step, result));
        Optional<Compilation.CompiledModule> module = SourceLoader.compile(file,
                new Compilation.Options(tmc.precision(), verifyEach), report, record);
        report.printSummary();
        if (module.isEmpty()) {
            return ExitStatus.INPUT;
        }
        List<Graph> graphs = PipelineChoice.some(module.get().module(), file, pipeline);
        Map<String, Long> given = givenDims(graphs);
        List<ExplainedPipeline> explained = new ArrayList<>();
        for (Graph g : graphs) {
            Map<String, Long> own = new LinkedHashMap<>(given);
            own.keySet().retainAll(RunDims.declared(g));
            CompiledPipeline compiled = module.get().pipeline(g.name()).orElseThrow();
            List<ExplainedPipeline.Step> recorded = steps.get(g.name());
            if (target != null) {
                CompiledPipeline forTarget = Compilation.forTarget(compiled, target);
                recorded = recorded.stream().map(s -> s.name().equals("schedule")
                        ? new ExplainedPipeline.Step(s.name(), forTarget.fusion())
                        : s.name().equals("plan-memory") ? new ExplainedPipeline.Step(s.name(), forTarget.memory()) : s)
                        .toList();
                compiled = forTarget;
            }
            explained.add(new ExplainedPipeline(compiled, recorded, own));
        }
        spec.commandLine().getOut().print(format == Format.JSON ? json(explained, sections) : text(explained, sections));
        return ExitStatus.OK;
    }

    private static String text(List<ExplainedPipeline> explained, List<ExplainSection> sections) {
        StringBuilder out = new StringBuilder();
        for (ExplainedPipeline p : explained) {
            for (ExplainSection section : sections) {
                section.text(p, out);
            }
        }
        return out.toString();
    }

    private String json(List<ExplainedPipeline> explained, List<ExplainSection> sections) {
        JsonWriter out = new JsonWriter();
        out.beginObject().name("file").value(file).name("pipelines").beginArray();
        for (ExplainedPipeline p : explained) {
            out.beginObject()
                    .name("pipeline").value(p.graph().name())
                    .name("precision").value(p.graph().precision().spelling());
            for (ExplainSection section : sections) {
                section.json(p, out);
            }
            out.endObject();
        }
        out.endArray().endObject();
        return out.toString();
    }

    /** --dim values, each naming a dim of at least one explained pipeline. */
    private Map<String, Long> givenDims(List<Graph> graphs) {
        Set<String> declared = new LinkedHashSet<>();
        graphs.forEach(g -> declared.addAll(RunDims.declared(g)));
        Map<String, Long> out = new LinkedHashMap<>();
        for (DimSize d : dims) {
            if (!declared.contains(d.name())) {
                throw CliError.usage("no pipeline explained here has a dim " + d.name() + "; "
                        + (declared.isEmpty() ? "they have no symbolic dims" : "their dims are "
                        + String.join(", ", declared)));
            }
            if (out.put(d.name(), d.size()) != null) {
                throw CliError.usage("--dim " + d.name() + " is given more than once");
            }
        }
        return out;
    }

    /** Every target the compiler lowers for, cuda included (compile writes only cpu and metal). */
    static final class ExplainTargetConverter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            return List.of(Target.CPU, Target.METAL, Target.CUDA).stream().filter(t -> t.name().equals(value))
                    .findFirst().orElseThrow(() -> new TypeConversionException("'" + value
                            + "' is not a target; expected cpu, metal or cuda"));
        }
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            switch (value) {
                case "text": return Format.TEXT;
                case "json": return Format.JSON;
                default: throw new TypeConversionException("'" + value + "' is not a format; expected text or json");
            }
        }
    }
}
