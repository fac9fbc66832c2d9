// The generator's static type of a value: dtype and symbolic shape, as the compiler infers them.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.List;

record Ty(DType dtype, List<DimExpr> shape) {

    Ty {
        shape = List.copyOf(shape);
    }

    static Ty scalar(DType dtype) {
        return new Ty(dtype, List.of());
    }

    int rank() {
        return shape.size();
    }

    DimExpr dim(int axis) {
        return shape.get(axis);
    }

    Ty withDType(DType d) {
        return new Ty(d, shape);
    }

    Ty withShape(List<DimExpr> s) {
        return new Ty(dtype, s);
    }

    boolean isFloat() {
        return dtype.isFloat();
    }

    boolean isBool() {
        return dtype == DType.BOOL;
    }

    @Override
    public String toString() {
        return dtype.spelling() + Shapes.print(shape);
    }
}
