// A named graph-to-graph transformation, as listed in Passes; names are kebab-case verbs.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.Graph;

import java.util.function.UnaryOperator;

public record Pass(String name, String purpose, UnaryOperator<Graph> run) {
    public Graph apply(Graph g) {
        return run.apply(g);
    }
}
