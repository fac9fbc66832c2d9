// The pipeline's parameters and outputs with their types; with --dim also their concrete shapes.
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.OptionalLong;
import java.util.StringJoiner;

final class SignatureSection implements ExplainSection {

    /** The IR's header already shows the signature; text adds the shapes only when --dim bound some dims. */
    @Override
    public void text(ExplainedPipeline pipeline, StringBuilder out) {
        if (pipeline.dims().isEmpty()) {
            return;
        }
        Graph g = pipeline.graph();
        StringJoiner with = new StringJoiner(", ");
        for (String dim : RunDims.declared(g)) {
            if (pipeline.dims().containsKey(dim)) {
                with.add(dim + "=" + pipeline.dims().get(dim));
            }
        }
        out.append("shapes of ").append(g.name()).append(" with ").append(with).append(":\n");
        for (GraphParam p : g.params()) {
            out.append("  ").append(p.name()).append(": ").append(pipeline.boundType(p.type())).append('\n');
        }
        for (GraphOutput o : g.outputs()) {
            out.append("  ").append(o.name()).append(": ").append(pipeline.boundType(g.type(o.value()))).append('\n');
        }
    }

    @Override
    public void json(ExplainedPipeline pipeline, JsonWriter out) {
        Graph g = pipeline.graph();
        if (!pipeline.dims().isEmpty()) {
            out.name("dims").beginObject();
            for (String dim : RunDims.declared(g)) {
                if (pipeline.dims().containsKey(dim)) {
                    out.name(dim).value(pipeline.dims().get(dim));
                }
            }
            out.endObject();
        }
        out.name("params").beginArray();
        for (GraphParam p : g.params()) {
            out.beginObject().name("name").value(p.name())
                    .name("type").value(p.scalar() ? p.type().dtype().spelling() : p.type().toString())
                    .name("scalar").value(p.scalar());
            if (p.defaultValue().isPresent()) {
                defaultValue(p, out.name("default"));
            }
            shape(pipeline, p.type(), out);
            out.endObject();
        }
        out.endArray();
        out.name("outputs").beginArray();
        for (GraphOutput o : g.outputs()) {
            out.beginObject().name("name").value(o.name()).name("type").value(g.type(o.value()).toString());
            shape(pipeline, g.type(o.value()), out);
            out.endObject();
        }
        out.endArray();
    }

    /** As the dtype holds it, spelled briefly: true, 3, 1.0E-6 (not f32's exact 9.999999974752427E-7). */
    private static void defaultValue(GraphParam p, JsonWriter out) {
        double value = p.defaultValue().getAsDouble();
        DType dtype = p.type().dtype();
        if (dtype.isBool()) {
            out.value(value != 0);
        } else if (dtype.isInteger()) {
            out.value((long) value);
        } else {
            // f16 and bf16 values are exact floats, so the float's shortest spelling reads back to them too.
            out.value((float) value);
        }
    }

    /** With --dim: each axis as a number where bound, else as its symbolic text. */
    private static void shape(ExplainedPipeline pipeline, TensorType type, JsonWriter out) {
        if (pipeline.dims().isEmpty()) {
            return;
        }
        out.name("shape").beginInlineArray();
        for (DimExpr d : type.shape().dims()) {
            OptionalLong size = pipeline.size(d);
            if (size.isPresent()) {
                out.value(size.getAsLong());
            } else {
                out.value(d.toString());
            }
        }
        out.endArray();
    }
}
