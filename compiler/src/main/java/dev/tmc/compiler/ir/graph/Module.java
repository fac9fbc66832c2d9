// The graph IR of one .tm file: its Java package and its pipelines, in source order.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.source.SourceFile;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

public record Module(String packageName, List<Graph> pipelines, SourceFile source) {

    public Module {
        pipelines = List.copyOf(pipelines);
    }

    public Optional<Graph> pipeline(String name) {
        return pipelines.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** A module-to-module pass built from a pipeline-to-pipeline function. */
    public Module mapPipelines(UnaryOperator<Graph> f) {
        return new Module(packageName, pipelines.stream().map(f).toList(), source);
    }
}
