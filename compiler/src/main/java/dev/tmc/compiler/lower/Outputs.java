// Binds a pipeline's returned values to its declared outputs, converting dtypes where it is safe.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ast.Decl;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;

final class Outputs {
    private Outputs() {
    }

    /**
     * An output stores its value: a float value may be stored in any float dtype (rounding), an
     * integer or bool in a wider category, but a float never silently becomes an integer.
     */
    static List<GraphOutput> bind(Lowered result, SourceSpan resultSpan, Signature signature, Decl.Pipeline p,
                                  Emitter e) {
        List<Signature.OutputSpec> declared = signature.outputs();
        List<Lowered> values;
        List<SourceSpan> spans;
        if (result instanceof Lowered.Tuple t) {
            values = t.items();
            spans = t.spans();
        } else {
            values = List.of(result);
            spans = List.of(resultSpan);
        }
        if (values.size() != declared.size()) {
            e.error(spans.get(0).to(spans.get(spans.size() - 1)), "pipeline '" + p.name() + "' returns "
                    + values.size() + " value" + (values.size() == 1 ? "" : "s") + " but declares "
                    + declared.size() + " output" + (declared.size() == 1 ? "" : "s"));
            return List.of();
        }
        List<GraphOutput> outputs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Signature.OutputSpec spec = declared.get(i);
            Lowered v = values.get(i);
            SourceSpan span = spans.get(i);
            if (v instanceof Lowered.Invalid) {
                return List.of();
            }
            if (Emitter.kindOf(v).isEmpty()) {
                e.error(span, "output '" + spec.name() + "' cannot be " + Lowered.describe(v));
                return List.of();
            }
            Promotion.Kind kind = Emitter.kindOf(v).get();
            if (!kind.weak() && category(kind.dtype()) > category(spec.type().dtype())) {
                e.error(span, "output '" + spec.name() + "' is declared " + spec.type().dtype().spelling()
                        + " but the value is " + kind.dtype().spelling() + "; convert it explicitly with `as "
                        + spec.type().dtype().spelling() + "`");
                return List.of();
            }
            if (kind.weak() && kind.dtype() == DType.F32 && !spec.type().dtype().isFloat()) {
                e.error(span, "output '" + spec.name() + "' is declared " + spec.type().dtype().spelling()
                        + " but the value is a float");
                return List.of();
            }
            // The same rule as for strong values: an integer is not silently stored as a bool.
            if (kind.weak() && kind.dtype() == DType.I32 && spec.type().dtype() == DType.BOOL) {
                e.error(span, "output '" + spec.name() + "' is declared bool but the value is an integer");
                return List.of();
            }
            if (!Emitter.shapeOf(v).equals(spec.type().shape())) {
                e.error(span, "output '" + spec.name() + "' is declared " + spec.type() + " but the value has shape "
                        + Emitter.shapeOf(v));
                return List.of();
            }
            outputs.add(new GraphOutput(spec.name(), e.materialize(v, spec.type().dtype(), span), spec.span()));
        }
        return outputs;
    }

    private static int category(DType d) {
        return d == DType.BOOL ? 0 : d == DType.I32 ? 1 : 2;
    }
}
