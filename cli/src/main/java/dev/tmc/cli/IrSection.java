// The graph IR: as lowered, then after each pass ("(unchanged)" when a pass changed nothing), or
// after the one step --after names.
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;

final class IrSection implements ExplainSection {
    private final String after;

    /** {@code after}: a step name, or null for all graph steps. */
    IrSection(String after) {
        this.after = after;
    }

    @Override
    public void text(ExplainedPipeline pipeline, StringBuilder out) {
        Graph previous = null;
        for (ExplainedPipeline.Step step : pipeline.steps()) {
            if (!(step.result() instanceof Graph g) || !wanted(step)) {
                continue;
            }
            out.append("// after ").append(step.name()).append('\n');
            out.append(g.equals(previous) && after == null ? "(unchanged)\n" : GraphPrinter.print(g));
            previous = g;
        }
    }

    @Override
    public void json(ExplainedPipeline pipeline, JsonWriter out) {
        out.name("passes").beginArray();
        Graph previous = null;
        for (ExplainedPipeline.Step step : pipeline.steps()) {
            if (!(step.result() instanceof Graph g) || !wanted(step)) {
                continue;
            }
            out.beginObject().name("pass").value(step.name()).name("changed").value(!g.equals(previous))
                    .name("ir").value(GraphPrinter.print(g)).endObject();
            previous = g;
        }
        out.endArray();
    }

    private boolean wanted(ExplainedPipeline.Step step) {
        return after == null || after.equals(step.name());
    }
}
