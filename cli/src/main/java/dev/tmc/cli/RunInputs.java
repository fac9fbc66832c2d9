// Turns run's --input, --arg and --dim options into the arrays a pipeline call takes, checking
// every name against the pipeline first so that command-line mistakes are found before any file is read.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

final class RunInputs {
    private RunInputs() {
    }

    /** Inputs keyed by parameter name, in parameter order; defaulted scalars without --arg are left out. */
    static Map<String, HostArray> assemble(Graph pipeline, List<InputOption> inputs, List<ArgOption> args,
                                           List<DimSize> dimSizes) {
        Map<String, InputOption.Source> sources = sources(pipeline, inputs);
        Map<String, Double> values = values(pipeline, args);
        Map<String, Long> given = givenDims(pipeline, dimSizes);
        requireAll(pipeline, sources, values);

        Map<String, HostArray> npy = new LinkedHashMap<>();
        for (GraphParam p : pipeline.params()) {
            if (sources.get(p.name()) instanceof InputOption.NpyFile file) {
                npy.put(p.name(), NpyInput.read(p, file.path()));
            }
        }
        Map<String, Long> dims = RunDims.bind(pipeline, given, npy);

        Map<String, HostArray> out = new LinkedHashMap<>();
        for (GraphParam p : pipeline.params()) {
            InputOption.Source source = sources.get(p.name());
            if (source instanceof InputOption.NpyFile) {
                out.put(p.name(), npy.get(p.name()));
            } else if (source instanceof InputOption.Random random) {
                out.put(p.name(), RandomInput.generate(random.seed(), p.type().dtype(), RunDims.shapeOf(p, dims)));
            } else if (values.containsKey(p.name())) {
                out.put(p.name(), HostArray.scalar(p.type().dtype(), values.get(p.name())));
            }
        }
        return out;
    }

    private static Map<String, InputOption.Source> sources(Graph pipeline, List<InputOption> inputs) {
        Map<String, InputOption.Source> out = new LinkedHashMap<>();
        for (InputOption in : inputs) {
            GraphParam p = param(pipeline, in.name(), "--input");
            if (p.scalar()) {
                throw CliError.usage("'" + p.name() + "' is a scalar parameter (" + p.type().dtype().spelling()
                        + "); give it with --arg " + p.name() + "=VALUE, not --input");
            }
            if (out.put(p.name(), in.source()) != null) {
                throw CliError.usage("--input " + p.name() + " is given more than once");
            }
        }
        return out;
    }

    private static Map<String, Double> values(Graph pipeline, List<ArgOption> args) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ArgOption arg : args) {
            GraphParam p = param(pipeline, arg.name(), "--arg");
            if (!p.scalar()) {
                throw CliError.usage("'" + p.name() + "' is a tensor parameter (" + p.type() + "); give it with "
                        + inputForms(p) + ", not --arg");
            }
            if (out.put(p.name(), ScalarArg.parse(p, arg.text())) != null) {
                throw CliError.usage("--arg " + p.name() + " is given more than once");
            }
        }
        return out;
    }

    private static Map<String, Long> givenDims(Graph pipeline, List<DimSize> dimSizes) {
        Set<String> declared = RunDims.declared(pipeline);
        Map<String, Long> out = new LinkedHashMap<>();
        for (DimSize d : dimSizes) {
            if (!declared.contains(d.name())) {
                String known = declared.isEmpty() ? "it has no symbolic dims"
                        : "its dims are " + String.join(", ", declared);
                throw CliError.usage("pipeline " + pipeline.name() + " has no dim " + d.name() + "; " + known);
            }
            if (out.put(d.name(), d.size()) != null) {
                throw CliError.usage("--dim " + d.name() + " is given more than once");
            }
        }
        return out;
    }

    private static void requireAll(Graph pipeline, Map<String, InputOption.Source> sources,
                                   Map<String, Double> values) {
        for (GraphParam p : pipeline.params()) {
            if (!p.scalar() && !sources.containsKey(p.name())) {
                throw CliError.usage("missing input '" + p.name() + "' (" + p.type() + ") of pipeline "
                        + pipeline.name() + "; give " + inputForms(p));
            }
            if (p.scalar() && !values.containsKey(p.name()) && p.defaultValue().isEmpty()) {
                throw CliError.usage("missing value for scalar parameter '" + p.name() + "' ("
                        + p.type().dtype().spelling() + ") of pipeline " + pipeline.name() + "; give --arg " + p.name()
                        + "=VALUE");
            }
        }
    }

    private static String inputForms(GraphParam p) {
        return "--input " + p.name() + "=PATH.npy or --input " + p.name() + "=rand:SEED";
    }

    private static GraphParam param(Graph pipeline, String name, String option) {
        return pipeline.params().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> CliError.usage(option + " " + name + ": pipeline " + pipeline.name()
                        + " has no parameter '" + name + "'; " + parameters(pipeline)));
    }

    private static String parameters(Graph pipeline) {
        return pipeline.params().isEmpty() ? "it takes none"
                : "its parameters are " + pipeline.params().stream().map(GraphParam::name)
                        .collect(Collectors.joining(", "));
    }
}
