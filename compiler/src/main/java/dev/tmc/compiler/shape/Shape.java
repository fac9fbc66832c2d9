// The symbolic shape of a tensor: one DimExpr per axis, outermost first.
package dev.tmc.compiler.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

public record Shape(List<DimExpr> dims) {

    public static final Shape SCALAR = new Shape(List.of());

    public Shape {
        dims = List.copyOf(dims);
    }

    public static Shape of(long... sizes) {
        List<DimExpr> dims = new ArrayList<>();
        for (long s : sizes) {
            dims.add(DimExpr.of(s));
        }
        return new Shape(dims);
    }

    public static Shape of(DimExpr... dims) {
        return new Shape(List.of(dims));
    }

    public int rank() {
        return dims.size();
    }

    public DimExpr dim(int axis) {
        return dims.get(axis);
    }

    public Shape withDim(int axis, DimExpr size) {
        List<DimExpr> out = new ArrayList<>(dims);
        out.set(axis, size);
        return new Shape(out);
    }

    /** The number of elements, as an expression. */
    public DimExpr elementCount() {
        DimExpr n = DimExpr.of(1);
        for (DimExpr d : dims) {
            n = n.times(d);
        }
        return n;
    }

    public long[] evaluate(Map<String, Long> bindings) {
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i).evaluate(bindings);
        }
        return out;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        dims.forEach(d -> j.add(d.toString()));
        return j.toString();
    }
}
