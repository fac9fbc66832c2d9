// What `tmc explain` knows about one pipeline: its checked graph, the result of every compiler
// step after it, the compiled pipeline, and the dims given with --dim.
package dev.tmc.cli;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

record ExplainedPipeline(CompiledPipeline compiled, List<Step> steps, Map<String, Long> dims) {

    /** One step's result: a Graph after a pass, a FusionPlan, or a MemoryPlan. */
    record Step(String name, Object result) {
    }

    ExplainedPipeline {
        steps = List.copyOf(steps);
        dims = Map.copyOf(dims);
    }

    Graph graph() {
        return compiled.lowered();
    }

    /** A size when --dim binds all its symbols (and the size fits a long). */
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

    /** A size as a number when the dims are bound, else as the expression. */
    String spell(DimExpr d) {
        OptionalLong n = size(d);
        return n.isPresent() ? Long.toString(n.getAsLong()) : d.toString();
    }

    /** {@code f32[1024, D]}: bound dims as numbers, the rest as declared. */
    String boundType(TensorType type) {
        StringJoiner text = new StringJoiner(", ", "[", "]");
        for (DimExpr d : type.shape().dims()) {
            text.add(spell(d));
        }
        return type.dtype().spelling() + text;
    }

    /** A size for JSON: the number when bound, else null (the expression goes beside it). */
    void jsonSize(JsonWriter out, String name, DimExpr d) {
        OptionalLong n = size(d);
        out.name(name);
        if (n.isPresent()) {
            out.value(n.getAsLong());
        } else {
            out.value((String) null);
        }
        out.name(name + "Expr").value(d.toString());
    }
}
