// The pipeline's graph IR as GraphPrinter spells it.
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.GraphPrinter;

final class IrSection implements ExplainSection {
    @Override
    public void text(ExplainedPipeline pipeline, StringBuilder out) {
        out.append(GraphPrinter.print(pipeline.graph()));
    }

    @Override
    public void json(ExplainedPipeline pipeline, JsonWriter out) {
        out.name("ir").value(GraphPrinter.print(pipeline.graph()));
    }
}
