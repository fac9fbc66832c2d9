// What `tmc explain` knows about one pipeline: its checked graph and the dims given with --dim.
// Later stages (fusion plan, kernels, memory plan) join here as components.
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;

import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

record ExplainedPipeline(Graph graph, Map<String, Long> dims) {

    ExplainedPipeline {
        dims = Map.copyOf(dims);
    }

    /** A dim's size when --dim binds all its symbols (and the size fits a long). */
    OptionalLong size(DimExpr d) {
        if (!dims.keySet().containsAll(d.symbols())) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(d.evaluate(dims));
        } catch (ArithmeticException overflow) {
            return OptionalLong.empty();
        }
    }

    /** {@code f32[1024, D]}: bound dims as numbers, the rest as declared. */
    String boundType(TensorType type) {
        StringJoiner text = new StringJoiner(", ", "[", "]");
        for (DimExpr d : type.shape().dims()) {
            OptionalLong size = size(d);
            text.add(size.isPresent() ? Long.toString(size.getAsLong()) : d.toString());
        }
        return type.dtype().spelling() + text;
    }
}
