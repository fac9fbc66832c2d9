// The static type of every graph IR value: element dtype and symbolic shape.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

public record TensorType(DType dtype, Shape shape) {

    public static TensorType scalar(DType dtype) {
        return new TensorType(dtype, Shape.SCALAR);
    }

    public int rank() {
        return shape.rank();
    }

    public TensorType withDType(DType d) {
        return d == dtype ? this : new TensorType(d, shape);
    }

    public TensorType withShape(Shape s) {
        return new TensorType(dtype, s);
    }

    @Override
    public String toString() {
        return dtype.spelling() + shape;
    }
}
