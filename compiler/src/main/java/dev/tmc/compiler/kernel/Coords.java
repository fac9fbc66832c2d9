// Where in a value's shape an element is: either a flat index into the row-major layout or one
// index per axis. Each form is derived from the other on demand, so a contiguous access costs no
// division and a broadcast one only the divisions it needs.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.shape.Shape;

import java.util.ArrayList;
import java.util.List;

final class Coords {
    private final Shape shape;
    private final KExpr flat;          // null when built from axes
    private final List<KExpr> axes;    // null entries are computed from flat on demand

    private Coords(Shape shape, KExpr flat, List<KExpr> axes) {
        this.shape = shape;
        this.flat = flat;
        this.axes = axes;
    }

    static Coords ofFlat(KExpr flat, Shape shape) {
        List<KExpr> axes = new ArrayList<>();
        for (int k = 0; k < shape.rank(); k++) {
            axes.add(null);
        }
        return new Coords(shape, flat, axes);
    }

    /** Both forms known: a flat index and (some of) its axes, kept by the caller incrementally. */
    static Coords ofFlatAndAxes(KExpr flat, List<KExpr> axes, Shape shape) {
        return new Coords(shape, flat, new ArrayList<>(axes));
    }

    static Coords ofAxes(List<KExpr> axes, Shape shape) {
        return new Coords(shape, null, new ArrayList<>(axes));
    }

    Shape shape() {
        return shape;
    }

    /** A key that identifies the element for caching: equal keys, equal element. */
    Object key(KernelContext ctx, Block b) {
        return flat != null ? List.of("flat", flat, shape) : List.of("axes", axesList(ctx, b), shape);
    }

    /** The index along axis {@code k}; derived from the flat index it is named once per scope. */
    KExpr axis(int k, KernelContext ctx, Block b) {
        KExpr given = axes.get(k);
        if (given != null) {
            return given;
        }
        KExpr size = ctx.size(shape.dim(k));
        if (Idx.isLit(size, 1)) {
            return Idx.lit(0);
        }
        KExpr q = Idx.div(flat, ctx.strides(shape).get(k));
        KExpr value = k == 0 ? q : Idx.mod(q, size); // flat < element count, so axis 0 needs no mod
        return b.memo(List.of("axis", flat, shape, k), "i", () -> value);
    }

    List<KExpr> axesList(KernelContext ctx, Block b) {
        List<KExpr> out = new ArrayList<>();
        for (int k = 0; k < shape.rank(); k++) {
            out.add(axis(k, ctx, b));
        }
        return out;
    }

    /** The row-major flat index of the element. */
    KExpr flat(KernelContext ctx, Block b) {
        if (flat != null) {
            return flat;
        }
        List<KExpr> strides = ctx.strides(shape);
        KExpr sum = Idx.lit(0);
        for (int k = 0; k < shape.rank(); k++) {
            sum = Idx.add(sum, Idx.mul(axes.get(k), strides.get(k)));
        }
        return sum;
    }
}
