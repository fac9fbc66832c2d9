// `tmc explain FILE`: what the compiler made of a file's pipelines, as text or JSON. Each part
// of the explanation is an ExplainSection; later stages add theirs to SECTIONS.
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
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
                "The graph IR of each pipeline (all of them unless --pipeline names one), as text or JSON."})
final class ExplainCommand implements Callable<Integer> {
    /** In the order they print; JSON members follow the same order. */
    private static final List<ExplainSection> SECTIONS = List.of(new SignatureSection(), new IrSection());

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

    @Override
    public Integer call() {
        DiagnosticReport report = new DiagnosticReport(spec.commandLine().getErr());
        Optional<Module> module = SourceLoader.lower(file, tmc.precision(), report);
        report.printSummary();
        if (module.isEmpty()) {
            return ExitStatus.INPUT;
        }
        List<Graph> graphs = PipelineChoice.some(module.get(), file, pipeline);
        Map<String, Long> given = givenDims(graphs);
        List<ExplainedPipeline> explained = new ArrayList<>();
        for (Graph g : graphs) {
            Map<String, Long> own = new LinkedHashMap<>(given);
            own.keySet().retainAll(RunDims.declared(g));
            explained.add(new ExplainedPipeline(g, own));
        }
        spec.commandLine().getOut().print(format == Format.JSON ? json(explained) : text(explained));
        return ExitStatus.OK;
    }

    private static String text(List<ExplainedPipeline> explained) {
        StringBuilder out = new StringBuilder();
        for (ExplainedPipeline p : explained) {
            for (ExplainSection section : SECTIONS) {
                section.text(p, out);
            }
        }
        return out.toString();
    }

    private String json(List<ExplainedPipeline> explained) {
        JsonWriter out = new JsonWriter();
        out.beginObject().name("file").value(file).name("pipelines").beginArray();
        for (ExplainedPipeline p : explained) {
            out.beginObject()
                    .name("pipeline").value(p.graph().name())
                    .name("precision").value(p.graph().precision().spelling());
            for (ExplainSection section : SECTIONS) {
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
