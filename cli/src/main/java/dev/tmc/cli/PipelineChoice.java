// Picks the pipeline a command works on: the one named by --pipeline, or the file's only one.
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;

import java.util.List;
import java.util.stream.Collectors;

final class PipelineChoice {
    private PipelineChoice() {
    }

    /** The named pipeline, or the only one when {@code name} is null; else a usage error listing the names. */
    static Graph one(Module module, String file, String name) {
        List<Graph> pipelines = module.pipelines();
        if (name != null) {
            return module.pipeline(name).orElseThrow(() -> CliError.usage(
                    "no pipeline named '" + name + "' in " + file + "; " + available(module, file)));
        }
        if (pipelines.size() == 1) {
            return pipelines.get(0);
        }
        if (pipelines.isEmpty()) {
            // Nothing on the command line can fix this one: the file itself has nothing to run.
            throw CliError.input(file + " declares no pipeline");
        }
        throw CliError.usage(file + " declares " + pipelines.size() + " pipelines; choose one with --pipeline NAME ("
                + names(module) + ")");
    }

    /** The named pipeline, or all of them (in source order) when {@code name} is null. */
    static List<Graph> some(Module module, String file, String name) {
        return name == null ? module.pipelines() : List.of(one(module, file, name));
    }

    private static String available(Module module, String file) {
        return module.pipelines().isEmpty() ? file + " declares no pipeline" : "it declares " + names(module);
    }

    private static String names(Module module) {
        return module.pipelines().stream().map(Graph::name).collect(Collectors.joining(", "));
    }
}
