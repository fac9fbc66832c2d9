// Type and shape rules, and IR construction, for reductions, matmul and the shape operations.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

final class ShapeOps {
    private final Emitter e;

    ShapeOps(Emitter emitter) {
        this.e = emitter;
    }

    /** One axis of a slice: a range, or a single index that drops the axis. */
    record SliceSpec(Optional<DimExpr> start, Optional<DimExpr> stop, long step, boolean index, SourceSpan span) {
    }

    /** A tensor operand; literals become rank-0 values of their natural dtype. */
    private Optional<Lowered.Value> tensor(Operand x, String op) {
        if (x.isInvalid()) {
            return Optional.empty();
        }
        if (x.value() instanceof Lowered.Value v) {
            return Optional.of(v);
        }
        if (Emitter.isCompileTime(x.value())) {
            return Optional.of(e.materialize(x.value(), x.span()));
        }
        e.error(x.span(), op + " needs a tensor, found " + Lowered.describe(x.value()));
        return Optional.empty();
    }

    /** Normalises an axis against a rank, NumPy style (-1 is the last axis). */
    Optional<Integer> axis(long axis, int rank, SourceSpan span) {
        if (axis < -rank || axis >= rank) {
            e.error(span, "axis " + axis + " is out of range for a tensor of rank " + rank);
            return Optional.empty();
        }
        return Optional.of((int) (axis < 0 ? axis + rank : axis));
    }

    Lowered reduce(ReduceFn fn, Operand x, Optional<List<Long>> axes, boolean keepDims, SourceSpan axesSpan,
                   SourceSpan span) {
        Optional<Lowered.Value> in = tensor(x, fn.spelling());
        if (in.isEmpty()) {
            return Lowered.INVALID;
        }
        Lowered.Value v = in.get();
        int rank = v.type().rank();
        if (fn.isArg()) {
            return argReduce(fn, v, axes, keepDims, axesSpan, span);
        }
        TreeSet<Integer> set = new TreeSet<>();
        if (axes.isEmpty()) {
            for (int i = 0; i < rank; i++) {
                set.add(i);
            }
        } else {
            for (long a : axes.get()) {
                Optional<Integer> norm = axis(a, rank, axesSpan);
                if (norm.isEmpty()) {
                    return Lowered.INVALID;
                }
                if (!set.add(norm.get())) {
                    return e.error(axesSpan, "axis " + a + " is repeated");
                }
            }
        }
        DType dtype = v.type().dtype();
        DType result = dtype;
        if ((fn == ReduceFn.SUM || fn == ReduceFn.PROD) && dtype == DType.BOOL) {
            result = DType.I32;
        } else if (fn == ReduceFn.MEAN && !dtype.isFloat()) {
            result = DType.F32;
        }
        int input = e.cast(v.id(), result, span);
        if (set.isEmpty()) {
            return e.value(input, false);
        }
        Shape shape = reducedShape(v.type().shape(), set, keepDims);
        int id = e.builder.add(new Op.Reduce(fn, List.copyOf(set), keepDims), new TensorType(result, shape), span,
                input);
        return e.value(id, false);
    }

    private Lowered argReduce(ReduceFn fn, Lowered.Value v, Optional<List<Long>> axes, boolean keepDims,
                              SourceSpan axesSpan, SourceSpan span) {
        int rank = v.type().rank();
        if (rank == 0) {
            return e.error(span, fn.spelling() + " needs a tensor of rank 1 or more");
        }
        if (axes.isPresent() && axes.get().size() != 1) {
            return e.error(axesSpan, fn.spelling() + " takes a single axis");
        }
        int input = v.id();
        int axis;
        Shape kept = v.type().shape();
        if (axes.isEmpty()) {
            // NumPy: without an axis, the index into the flattened tensor.
            Shape flat = new Shape(List.of(kept.elementCount()));
            input = e.builder.add(new Op.Reshape(), v.type().withShape(flat), span, input);
            axis = 0;
        } else {
            Optional<Integer> norm = axis(axes.get().get(0), rank, axesSpan);
            if (norm.isEmpty()) {
                return Lowered.INVALID;
            }
            axis = norm.get();
        }
        Shape inShape = e.builder.type(input).shape();
        Shape shape = reducedShape(inShape, new TreeSet<>(List.of(axis)), keepDims && axes.isPresent());
        if (keepDims && axes.isEmpty()) {
            List<DimExpr> ones = new ArrayList<>();
            for (int i = 0; i < rank; i++) {
                ones.add(DimExpr.of(1));
            }
            shape = new Shape(ones);
            int id = e.builder.add(new Op.Reduce(fn, List.of(axis), true), new TensorType(DType.I32, Shape.of(1)),
                    span, input);
            return e.value(e.builder.add(new Op.Reshape(), new TensorType(DType.I32, shape), span, id), false);
        }
        int id = e.builder.add(new Op.Reduce(fn, List.of(axis), keepDims && axes.isPresent()),
                new TensorType(DType.I32, shape), span, input);
        return e.value(id, false);
    }

    private static Shape reducedShape(Shape in, TreeSet<Integer> axes, boolean keepDims) {
        List<DimExpr> dims = new ArrayList<>();
        for (int i = 0; i < in.rank(); i++) {
            if (!axes.contains(i)) {
                dims.add(in.dim(i));
            } else if (keepDims) {
                dims.add(DimExpr.of(1));
            }
        }
        return new Shape(dims);
    }

    /** NumPy matmul: rank-1 operands are promoted to matrices and the added axis removed again. */
    Lowered matmul(Operand a, Operand b, SourceSpan span) {
        if (a.isInvalid() || b.isInvalid()) {
            return Lowered.INVALID;
        }
        for (Operand o : List.of(a, b)) {
            if (!(o.value() instanceof Lowered.Value v) || v.type().rank() == 0) {
                return e.error(o.span(), "matmul needs tensors of rank 1 or more, found " + Lowered.describe(o.value()));
            }
            if (v.type().dtype() == DType.BOOL) {
                return e.error(o.span(), "matmul of bool tensors; cast them first, e.g. `x as f32`");
            }
        }
        Lowered.Value va = (Lowered.Value) a.value();
        Lowered.Value vb = (Lowered.Value) b.value();
        DType dtype = Promotion.promote(va.type().dtype(), vb.type().dtype());
        Shape sa = va.type().shape();
        Shape sb = vb.type().shape();
        boolean vectorA = sa.rank() == 1;
        boolean vectorB = sb.rank() == 1;
        int ia = e.cast(va.id(), dtype, a.span());
        int ib = e.cast(vb.id(), dtype, b.span());
        if (vectorA) {
            sa = Shape.of(DimExpr.of(1), sa.dim(0));
            ia = e.builder.add(new Op.Reshape(), new TensorType(dtype, sa), a.span(), ia);
        }
        if (vectorB) {
            sb = Shape.of(sb.dim(0), DimExpr.of(1));
            ib = e.builder.add(new Op.Reshape(), new TensorType(dtype, sb), b.span(), ib);
        }
        DimExpr ka = sa.dim(sa.rank() - 1);
        DimExpr kb = sb.dim(sb.rank() - 2);
        if (!ka.equals(kb)) {
            return e.error(span, "matmul inner dims differ: " + va.type() + " @ " + vb.type() + " contracts "
                    + ka + " with " + kb);
        }
        Optional<Shape> batch = e.broadcast(List.of(new Shape(sa.dims().subList(0, sa.rank() - 2)),
                new Shape(sb.dims().subList(0, sb.rank() - 2))), List.of(a.span(), b.span()), span);
        if (batch.isEmpty()) {
            return Lowered.INVALID;
        }
        List<DimExpr> dims = new ArrayList<>(batch.get().dims());
        dims.add(sa.dim(sa.rank() - 2));
        dims.add(sb.dim(sb.rank() - 1));
        int id = e.builder.add(new Op.MatMul(), new TensorType(dtype, new Shape(dims)), span, ia, ib);
        if (vectorA || vectorB) {
            List<DimExpr> out = new ArrayList<>(batch.get().dims());
            if (!vectorA) {
                out.add(sa.dim(sa.rank() - 2));
            }
            if (!vectorB) {
                out.add(sb.dim(sb.rank() - 1));
            }
            id = e.builder.add(new Op.Reshape(), new TensorType(dtype, new Shape(out)), span, id);
        }
        return e.value(id, false);
    }

    /** transpose(x) reverses the axes; transpose(x, perm...) permutes them. */
    Lowered transpose(Operand x, Optional<List<Long>> perm, SourceSpan permSpan, SourceSpan span) {
        Optional<Lowered.Value> in = tensor(x, "transpose");
        if (in.isEmpty()) {
            return Lowered.INVALID;
        }
        Shape s = in.get().type().shape();
        List<Integer> p = new ArrayList<>();
        if (perm.isEmpty()) {
            for (int i = s.rank() - 1; i >= 0; i--) {
                p.add(i);
            }
        } else {
            if (perm.get().size() != s.rank()) {
                return e.error(permSpan, "transpose of a rank-" + s.rank() + " tensor needs " + s.rank()
                        + " axes, found " + perm.get().size());
            }
            for (long a : perm.get()) {
                Optional<Integer> norm = axis(a, s.rank(), permSpan);
                if (norm.isEmpty()) {
                    return Lowered.INVALID;
                }
                if (p.contains(norm.get())) {
                    return e.error(permSpan, "axis " + a + " appears twice in the permutation");
                }
                p.add(norm.get());
            }
        }
        boolean identity = true;
        List<DimExpr> dims = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            dims.add(s.dim(p.get(i)));
            identity &= p.get(i) == i;
        }
        if (identity) {
            return in.get();
        }
        int id = e.builder.add(new Op.Transpose(p), in.get().type().withShape(new Shape(dims)), span, in.get().id());
        return e.value(id, false);
    }

    /** reshape(x, dims...): element counts must be provably equal; one dim may be -1 (inferred). */
    Lowered reshape(Operand x, List<DimExpr> target, List<SourceSpan> spans, SourceSpan span) {
        Optional<Lowered.Value> in = tensor(x, "reshape");
        if (in.isEmpty()) {
            return Lowered.INVALID;
        }
        Shape from = in.get().type().shape();
        int inferred = -1;
        DimExpr known = DimExpr.of(1);
        for (int i = 0; i < target.size(); i++) {
            DimExpr d = target.get(i);
            if (d.isConstant() && d.constant() == -1) {
                if (inferred >= 0) {
                    return e.error(spans.get(i), "only one dim of a reshape can be -1");
                }
                inferred = i;
            } else if (d.isConstant() && d.constant() < 1) {
                return e.error(spans.get(i), "reshape dims must be positive, found " + d);
            } else {
                known = known.times(d);
            }
        }
        List<DimExpr> dims = new ArrayList<>(target);
        if (inferred >= 0) {
            Optional<DimExpr> rest = from.elementCount().divideExact(known);
            if (rest.isEmpty()) {
                return e.error(spans.get(inferred), "cannot infer -1: " + from.elementCount()
                        + " elements are not a multiple of " + known);
            }
            dims.set(inferred, rest.get());
        }
        for (int i = 0; i < dims.size(); i++) {
            // Equal element counts do not make each dim non-negative: reshape(x, -N, -1) has N elements.
            if (!e.require(dims.get(i), "reshape needs non-negative dims, found " + dims.get(i), spans.get(i))) {
                return Lowered.INVALID;
            }
        }
        Shape to = new Shape(dims);
        if (!to.elementCount().equals(from.elementCount())) {
            return e.error(span, "cannot reshape " + in.get().type() + " (" + from.elementCount()
                    + " elements) to " + to + " (" + to.elementCount() + " elements)");
        }
        if (to.equals(from)) {
            return in.get();
        }
        return e.value(e.builder.add(new Op.Reshape(), in.get().type().withShape(to), span, in.get().id()), false);
    }

    /** broadcast(x, dims...): NumPy broadcast_to. */
    Lowered broadcastTo(Operand x, List<DimExpr> target, SourceSpan span) {
        Optional<Lowered.Value> in = tensor(x, "broadcast");
        if (in.isEmpty()) {
            return Lowered.INVALID;
        }
        Shape from = in.get().type().shape();
        Shape to = new Shape(target);
        for (DimExpr d : target) {
            // A literal -1 or a dim like N - 2 would otherwise reach the run time as a negative size.
            if (!e.require(d, "broadcast needs non-negative dims, found " + d, span)) {
                return Lowered.INVALID;
            }
        }
        if (to.rank() < from.rank()) {
            return e.error(span, "cannot broadcast " + in.get().type() + " to the lower rank " + to);
        }
        for (int i = 0; i < from.rank(); i++) {
            DimExpr src = from.dim(i);
            DimExpr dst = to.dim(i + to.rank() - from.rank());
            if (!src.equals(dst) && !Emitter.isOne(src)) {
                return e.error(span, "cannot broadcast " + in.get().type() + " to " + to + ": dim " + src
                        + " is neither 1 nor " + dst);
            }
        }
        if (to.equals(from)) {
            return in.get();
        }
        return e.value(e.builder.add(new Op.BroadcastTo(), in.get().type().withShape(to), span, in.get().id()), false);
    }

    /** slice(x, a:b:c, ...) and x[...]: bounds must lie within the dims (checked per call if symbolic). */
    Lowered slice(Operand x, List<SliceSpec> specs, SourceSpan span) {
        Optional<Lowered.Value> in = tensor(x, "slice");
        if (in.isEmpty()) {
            return Lowered.INVALID;
        }
        Shape from = in.get().type().shape();
        if (specs.size() > from.rank()) {
            return e.error(specs.get(from.rank()).span(), "too many indices for a tensor of rank " + from.rank());
        }
        List<DimExpr> starts = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        List<DimExpr> sliced = new ArrayList<>();
        List<DimExpr> kept = new ArrayList<>();
        for (int axis = 0; axis < from.rank(); axis++) {
            DimExpr dim = from.dim(axis);
            SliceSpec spec = axis < specs.size() ? specs.get(axis)
                    : new SliceSpec(Optional.empty(), Optional.empty(), 1, false, span);
            if (spec.step() < 1) {
                return e.error(spec.span(), "slice steps must be positive, found " + spec.step());
            }
            DimExpr start = spec.start().map(s -> fromEnd(s, dim)).orElse(DimExpr.of(0));
            DimExpr stop = spec.index() ? start.plus(1) : spec.stop().map(s -> fromEnd(s, dim)).orElse(dim);
            String what = spec.index() ? "index " + start : "slice " + start + ":" + stop;
            if (!e.require(start, what + " starts before 0 on axis " + axis, spec.span())
                    || !e.require(dim.minus(stop), what + " ends after the dim " + dim + " of axis " + axis, spec.span())
                    || !e.require(stop.minus(start), what + " ends before it starts on axis " + axis, spec.span())) {
                return Lowered.INVALID;
            }
            DimExpr length = stop.minus(start).ceilDiv(spec.step());
            starts.add(start);
            steps.add(spec.step());
            sliced.add(length);
            if (!spec.index()) {
                kept.add(length);
            }
        }
        Lowered.Value v = in.get();
        Shape slicedShape = new Shape(sliced);
        if (!slicedShape.equals(from)) {
            v = e.value(e.builder.add(new Op.Slice(starts, steps), v.type().withShape(slicedShape), span, v.id()), false);
        }
        Shape keptShape = new Shape(kept);
        if (!keptShape.equals(slicedShape)) {
            v = e.value(e.builder.add(new Op.Reshape(), v.type().withShape(keptShape), span, v.id()), false);
        }
        return v;
    }

    /** A negative literal bound counts from the end of the axis, as in NumPy. */
    private static DimExpr fromEnd(DimExpr bound, DimExpr dim) {
        return bound.isConstant() && bound.constant() < 0 ? dim.plus(bound) : bound;
    }

    Lowered concat(List<Operand> parts, long axis, SourceSpan axisSpan, SourceSpan span) {
        if (parts.isEmpty()) {
            return e.error(span, "concat needs at least one tensor");
        }
        List<Lowered.Value> values = new ArrayList<>();
        DType dtype = null;
        for (Operand p : parts) {
            if (p.isInvalid()) {
                return Lowered.INVALID;
            }
            if (!(p.value() instanceof Lowered.Value v) || v.type().rank() == 0) {
                return e.error(p.span(), "concat needs tensors of rank 1 or more, found " + Lowered.describe(p.value()));
            }
            values.add(v);
            dtype = dtype == null ? v.type().dtype() : Promotion.promote(dtype, v.type().dtype());
        }
        Shape first = values.get(0).type().shape();
        Optional<Integer> norm = axis(axis, first.rank(), axisSpan);
        if (norm.isEmpty()) {
            return Lowered.INVALID;
        }
        int ax = norm.get();
        DimExpr total = DimExpr.of(0);
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            Shape s = values.get(k).type().shape();
            if (s.rank() != first.rank()) {
                return e.error(parts.get(k).span(), "concat of tensors of different rank: " + values.get(0).type()
                        + " and " + values.get(k).type());
            }
            for (int i = 0; i < s.rank(); i++) {
                if (i != ax && !s.dim(i).equals(first.dim(i))) {
                    return e.error(parts.get(k).span(), "concat along axis " + ax + " needs equal dims elsewhere: "
                            + values.get(0).type() + " and " + values.get(k).type() + " differ at axis " + i);
                }
            }
            total = total.plus(s.dim(ax));
            ids.add(e.cast(values.get(k).id(), dtype, parts.get(k).span()));
        }
        if (values.size() == 1) {
            return e.value(ids.get(0), false);
        }
        int id = e.builder.add(new Op.Concat(ax), ids, new TensorType(dtype, first.withDim(ax, total)), span);
        return e.value(id, false);
    }

    /** arange(n): 0, 1, ..., n-1 as i32. */
    Lowered arange(DimExpr n, SourceSpan span) {
        if (!e.require(n, "arange needs a non-negative length, found " + n, span)) {
            return Lowered.INVALID;
        }
        return e.value(e.builder.add(new Op.Iota(0), new TensorType(DType.I32, new Shape(List.of(n))), span), false);
    }
}
