// A tensor's values on the host as f64, C order: the reference interpreter's inputs and outputs.
package dev.tmc.compiler.interp;

import dev.tmc.runtime.DType;

import java.util.Arrays;

public record HostArray(DType dtype, long[] shape, double[] data) {

    public HostArray {
        shape = shape.clone();
        if (elementCount(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + elementCount(shape)
                    + " values, got " + data.length);
        }
    }

    public static HostArray scalar(DType dtype, double value) {
        return new HostArray(dtype, new long[0], new double[] {dtype.round(value)});
    }

    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public int rank() {
        return shape.length;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostArray h && h.dtype == dtype && Arrays.equals(h.shape, shape)
                && Arrays.equals(h.data, data);
    }

    @Override
    public int hashCode() {
        return dtype.hashCode() * 31 + Arrays.hashCode(shape) * 17 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return dtype.spelling() + Arrays.toString(shape) + (data.length <= 16 ? " " + Arrays.toString(data) : "");
    }
}
