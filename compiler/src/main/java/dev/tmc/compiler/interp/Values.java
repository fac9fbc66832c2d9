// An evaluated value inside the interpreter: a concrete shape and f64 data in C order.
package dev.tmc.compiler.interp;

import dev.tmc.runtime.DType;

record Values(long[] shape, double[] data) {

    /** Values as stored in {@code dtype}: each rounded to what that dtype can hold. */
    static Values stored(DType dtype, long[] shape, double[] data) {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = dtype.round(data[i]);
        }
        return new Values(shape, out);
    }

    int size() {
        return data.length;
    }
}
