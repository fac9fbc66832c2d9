// A named result of a graph and the value that holds it.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.source.SourceSpan;

public record GraphOutput(String name, int value, SourceSpan span) {
    public GraphOutput withValue(int v) {
        return new GraphOutput(name, v, span);
    }
}
