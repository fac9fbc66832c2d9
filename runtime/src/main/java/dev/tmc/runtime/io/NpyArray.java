// An n-dimensional array as stored in an .npy file: element type, shape and C-order values.
package dev.tmc.runtime.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * The contents of an .npy file. Values are held as doubles in C (row-major) order whatever the
 * element type; writing converts them to {@link #type()}.
 *
 * <p>Immutable: the constructor and the array accessors copy, so {@link #values()} costs a copy
 * per call; use {@link #value(int)} for element access in loops. Equality compares the arrays by
 * content (values bit for bit, so NaN equals NaN and 0.0 differs from -0.0).
 */
public record NpyArray(NpyType type, long[] shape, double[] values) {
    private static final int TO_STRING_LIMIT = 32;

    public NpyArray {
        Objects.requireNonNull(type, "type");
        shape = Objects.requireNonNull(shape, "shape").clone();
        values = Objects.requireNonNull(values, "values").clone();
        long count = elementCount(shape);
        if (count != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + count + " values, given " + values.length);
        }
    }

    /** A rank-1 array of the given values. */
    public static NpyArray vector(NpyType type, double... values) {
        return new NpyArray(type, new long[] {values.length}, values);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The number of elements: the product of the shape, 1 for rank 0. */
    public int size() {
        return values.length;
    }

    /** The element at a C-order flat index. */
    public double value(int flatIndex) {
        return values[flatIndex];
    }

    /**
     * The product of the dims (1 for rank 0).
     *
     * @throws IllegalArgumentException for a negative dim or a product beyond a Java array's reach
     */
    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension " + dim + " in shape " + Arrays.toString(shape));
            }
            try {
                count = Math.multiplyExact(count, dim);
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^63 elements");
            }
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " has " + count + " elements, more than one array holds");
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NpyArray that
                && type == that.type
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        String shown = values.length <= TO_STRING_LIMIT
                ? Arrays.toString(values)
                : Arrays.toString(Arrays.copyOf(values, TO_STRING_LIMIT)).replace("]", ", ... (" + values.length + " values)]");
        return "NpyArray[type=" + type + ", shape=" + Arrays.toString(shape) + ", values=" + shown + "]";
    }
}
