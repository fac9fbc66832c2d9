// How a pipeline's signature reads in the .tm language, for the javadoc and the error messages of
// its generated class: f32[N, 8], defaults, outputs, the source line.
package dev.tmc.codegen.java;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.StringJoiner;

final class TmSignature {
    private TmSignature() {
    }

    /** {@code f32[N, 8]}; a rank-0 tensor is {@code f32[]}, a scalar parameter just {@code f32}. */
    static String type(TensorType t, boolean scalar) {
        if (scalar) {
            return t.dtype().spelling();
        }
        StringJoiner dims = new StringJoiner(", ", "[", "]");
        for (int k = 0; k < t.rank(); k++) {
            dims.add(t.shape().dim(k).toString());
        }
        return t.dtype().spelling() + dims;
    }

    static String param(GraphParam p) {
        return p.name() + ": " + type(p.type(), p.scalar()) + defaultValue(p).map(d -> " = " + d).orElse("");
    }

    /** The default of a scalar parameter as the language would write it. */
    static java.util.Optional<String> defaultValue(GraphParam p) {
        OptionalDouble d = p.defaultValue();
        if (d.isEmpty()) {
            return java.util.Optional.empty();
        }
        double v = d.getAsDouble();
        DType dtype = p.type().dtype();
        if (dtype == DType.BOOL) {
            return java.util.Optional.of(v != 0 ? "true" : "false");
        }
        if (dtype == DType.I32) {
            return java.util.Optional.of(Long.toString((long) v));
        }
        return java.util.Optional.of(JavaLiterals.shortestDouble(v));
    }

    static String output(Graph g, GraphOutput o) {
        return o.name() + ": " + type(g.type(o.value()), false);
    }

    /** {@code pipeline Name(x: f32[N], eps: f32 = 1.0e-6) -> f32[N]} (one line). */
    static String signature(Graph g) {
        List<String> params = new ArrayList<>();
        g.params().forEach(p -> params.add(param(p)));
        String outputs;
        if (g.outputs().size() == 1) {
            outputs = type(g.type(g.outputs().get(0).value()), false);
        } else {
            StringJoiner all = new StringJoiner(", ", "(", ")");
            g.outputs().forEach(o -> all.add(output(g, o)));
            outputs = all.toString();
        }
        return "pipeline " + g.name() + "(" + String.join(", ", params) + ") -> " + outputs;
    }
}
