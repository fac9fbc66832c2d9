// Shared state of lowering one graph: the builder, the diagnostics, and run-time dim constraints;
// plus the conversions every op needs (materialising literals, casting, broadcasting shapes).
package dev.tmc.compiler.lower;

import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.ir.graph.DimConstraint;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class Emitter {
    final GraphBuilder builder;
    final Diagnostics diagnostics;
    final List<DimConstraint> constraints;

    Emitter(GraphBuilder builder, Diagnostics diagnostics, List<DimConstraint> constraints) {
        this.builder = builder;
        this.diagnostics = diagnostics;
        this.constraints = constraints;
    }

    Lowered error(SourceSpan span, String message) {
        diagnostics.error(span, message);
        return Lowered.INVALID;
    }

    /** The promotion kind of a value that can take part in arithmetic, or empty for lists etc. */
    static Optional<Promotion.Kind> kindOf(Lowered v) {
        if (v instanceof Lowered.Value val) {
            return Optional.of(new Promotion.Kind(val.type().dtype(), val.weak()));
        }
        if (v instanceof Lowered.Number n) {
            return Optional.of(new Promotion.Kind(n.integral() ? DType.I32 : DType.F32, true));
        }
        if (v instanceof Lowered.Dim) {
            return Optional.of(new Promotion.Kind(DType.I32, true));
        }
        if (v instanceof Lowered.Bool) {
            return Optional.of(Promotion.Kind.strong(DType.BOOL));
        }
        return Optional.empty();
    }

    static Shape shapeOf(Lowered v) {
        return v instanceof Lowered.Value val ? val.type().shape() : Shape.SCALAR;
    }

    static boolean isCompileTime(Lowered v) {
        return v instanceof Lowered.Number || v instanceof Lowered.Bool || v instanceof Lowered.Dim;
    }

    /** The IR value of {@code v} in {@code dtype}: constants for literals, a cast where dtypes differ. */
    int materialize(Lowered v, DType dtype, SourceSpan span) {
        if (v instanceof Lowered.Value val) {
            return cast(val.id(), dtype, span);
        }
        if (v instanceof Lowered.Number n) {
            return constant(n.value(), dtype, span);
        }
        if (v instanceof Lowered.Bool b) {
            return constant(b.value() ? 1 : 0, dtype, span);
        }
        if (v instanceof Lowered.Dim d) {
            return d.expr().isConstant()
                    ? constant(d.expr().constant(), dtype, span)
                    : builder.add(new Op.DimValue(d.expr()), TensorType.scalar(dtype), span);
        }
        throw new IllegalStateException("cannot materialise " + v);
    }

    /** A value of {@code v}'s natural dtype: i32 for integer literals, f32 for float literals. */
    Lowered.Value materialize(Lowered v, SourceSpan span) {
        if (v instanceof Lowered.Value val) {
            return val;
        }
        DType dtype = kindOf(v).orElseThrow().dtype();
        return new Lowered.Value(materialize(v, dtype, span), TensorType.scalar(dtype), false);
    }

    /** A literal takes the value its dtype holds, as a weak literal does in JAX: f16 0.1 is 0.0999755859375. */
    int constant(double value, DType dtype, SourceSpan span) {
        return builder.add(new Op.Constant(dtype.round(value)), TensorType.scalar(dtype), span);
    }

    int cast(int id, DType dtype, SourceSpan span) {
        TensorType from = builder.type(id);
        if (from.dtype() == dtype) {
            return id;
        }
        return builder.add(new Op.Cast(), from.withDType(dtype), span, id);
    }

    Lowered.Value value(int id, boolean weak) {
        return new Lowered.Value(id, builder.type(id), weak);
    }

    /** NumPy broadcasting; dims must be equal or literally 1 (a symbol is never assumed to be 1). */
    Optional<Shape> broadcast(List<Shape> shapes, List<SourceSpan> spans, SourceSpan span) {
        int rank = shapes.stream().mapToInt(Shape::rank).max().orElse(0);
        List<DimExpr> dims = new ArrayList<>();
        for (int axis = 0; axis < rank; axis++) {
            DimExpr result = DimExpr.of(1);
            int from = -1;
            for (int k = 0; k < shapes.size(); k++) {
                Shape s = shapes.get(k);
                int i = axis - (rank - s.rank());
                if (i < 0) {
                    continue;
                }
                DimExpr d = s.dim(i);
                if (isOne(d) || d.equals(result)) {
                    continue;
                }
                if (isOne(result)) {
                    result = d;
                    from = k;
                    continue;
                }
                diagnostics.error(span, "cannot broadcast " + shapes.get(from) + " with " + s + ": dims "
                        + result + " and " + d + " differ at axis " + (axis - rank)
                        + (result.isConstant() && d.isConstant() ? "" : " (dims with different names are not"
                        + " assumed equal; name them the same if they are)"));
                return Optional.empty();
            }
            dims.add(result);
        }
        return Optional.of(new Shape(dims));
    }

    static boolean isOne(DimExpr d) {
        return d.isConstant() && d.constant() == 1;
    }

    /**
     * Records that {@code expr >= 0} must hold; an error now when it is constant and negative,
     * nothing when it is constant and holds.
     */
    boolean require(DimExpr expr, String message, SourceSpan span) {
        if (expr.isConstant()) {
            if (expr.constant() < 0) {
                diagnostics.error(span, message);
                return false;
            }
            return true;
        }
        if (expr.isEvidentlyNonNegative() || constraints.stream().anyMatch(c -> c.nonNegative().equals(expr))) {
            return true;
        }
        constraints.add(new DimConstraint(expr, message, span));
        return true;
    }

}
