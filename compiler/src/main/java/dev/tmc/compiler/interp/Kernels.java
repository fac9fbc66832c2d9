// The interpreter's array operations, written for clarity: explicit index arithmetic, f64 math.
package dev.tmc.compiler.interp;

import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

final class Kernels {
    private Kernels() {
    }

    static int size(long[] shape) {
        return Math.toIntExact(HostArray.elementCount(shape));
    }

    /** Row-major strides of a shape. */
    static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Strides that read {@code from} broadcast to {@code to} (0 where a dim is broadcast). */
    static long[] broadcastStrides(long[] from, long[] to) {
        long[] own = strides(from);
        long[] s = new long[to.length];
        int offset = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            s[i + offset] = from[i] == 1 && to[i + offset] != 1 ? 0 : own[i];
        }
        return s;
    }

    /** The flat source index of each element of {@code shape} when read through {@code strides}. */
    static int[] gather(long[] shape, long[] strides) {
        int n = size(shape);
        int[] out = new int[n];
        long[] index = new long[shape.length];
        for (int flat = 0; flat < n; flat++) {
            long src = 0;
            for (int a = 0; a < shape.length; a++) {
                src += index[a] * strides[a];
            }
            out[flat] = (int) src;
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++index[a] < shape[a]) {
                    break;
                }
                index[a] = 0;
            }
        }
        return out;
    }

    static Values map(Values x, long[] shape, DoubleUnaryOperator f) {
        int[] ix = gather(shape, broadcastStrides(x.shape(), shape));
        double[] out = new double[ix.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x.data()[ix[i]]);
        }
        return new Values(shape, out);
    }

    static Values zip(Values x, Values y, long[] shape, DoubleBinaryOperator f) {
        int[] ix = gather(shape, broadcastStrides(x.shape(), shape));
        int[] iy = gather(shape, broadcastStrides(y.shape(), shape));
        double[] out = new double[ix.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x.data()[ix[i]], y.data()[iy[i]]);
        }
        return new Values(shape, out);
    }

    static Values select(Values c, Values a, Values b, long[] shape) {
        int[] ic = gather(shape, broadcastStrides(c.shape(), shape));
        int[] ia = gather(shape, broadcastStrides(a.shape(), shape));
        int[] ib = gather(shape, broadcastStrides(b.shape(), shape));
        double[] out = new double[ic.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.data()[ic[i]] != 0 ? a.data()[ia[i]] : b.data()[ib[i]];
        }
        return new Values(shape, out);
    }

    static Values iota(long[] shape, int axis) {
        long[] st = strides(shape);
        double[] out = new double[size(shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i / st[axis]) % shape[axis];
        }
        return new Values(shape, out);
    }

    /**
     * Reductions. Each output element combines the inputs that differ from it only on the reduced
     * axes, in index order; integer sums and products wrap to 32 bits like the hardware.
     */
    static Values reduce(Op.Reduce r, Values x, DType dtype, long[] outShape) {
        return reduce(r, x, dtype, outShape, a -> a);
    }

    /** Reductions whose running sum or product is passed through {@code step} after every step. */
    static Values reduce(Op.Reduce r, Values x, DType dtype, long[] outShape, DoubleUnaryOperator step) {
        long[] in = x.shape();
        boolean[] reduced = new boolean[in.length];
        r.axes().forEach(a -> reduced[a] = true);
        long[] kept = new long[in.length];
        long count = 1;
        for (int a = 0; a < in.length; a++) {
            kept[a] = reduced[a] ? 1 : in[a];
            count *= reduced[a] ? in[a] : 1;
        }
        int outSize = size(kept);
        double[] acc = new double[outSize];
        long[] intAcc = new long[outSize];
        int[] best = new int[outSize];
        boolean[] seen = new boolean[outSize];
        long[] keptStrides = strides(kept);
        long[] inStrides = strides(in);
        int axis = r.axes().get(0);
        // Only sums and products need 32-bit wrapping; max/min of i32 are exact in f64 (acc).
        boolean integer = dtype == DType.I32 && (r.fn() == ReduceFn.SUM || r.fn() == ReduceFn.PROD);
        for (int flat = 0; flat < x.size(); flat++) {
            int o = 0;
            for (int a = 0; a < in.length; a++) {
                long idx = (flat / inStrides[a]) % in[a];
                if (!reduced[a]) {
                    o += (int) (idx * keptStrides[a]);
                }
            }
            double v = x.data()[flat];
            if (!seen[o]) {
                seen[o] = true;
                acc[o] = v;
                intAcc[o] = (long) v;
                best[o] = (int) ((flat / inStrides[axis]) % in[axis]);
                continue;
            }
            switch (r.fn()) {
                case SUM: case MEAN:
                    acc[o] = step.applyAsDouble(acc[o] + v);
                    intAcc[o] = (int) (intAcc[o] + (long) v);
                    break;
                case PROD:
                    acc[o] = step.applyAsDouble(acc[o] * v);
                    intAcc[o] = (int) intAcc[o] * (int) v;
                    break;
                case MAX: acc[o] = Math.max(acc[o], v); break;
                case MIN: acc[o] = Math.min(acc[o], v); break;
                default: // ARGMAX, ARGMIN: the first extreme wins; a NaN is an extreme that sticks
                    boolean better = r.fn() == ReduceFn.ARGMAX ? v > acc[o] : v < acc[o];
                    if (!Double.isNaN(acc[o]) && (better || Double.isNaN(v))) {
                        acc[o] = v;
                        best[o] = (int) ((flat / inStrides[axis]) % in[axis]);
                    }
            }
        }
        double[] out = new double[outSize];
        for (int o = 0; o < outSize; o++) {
            if (r.fn().isArg()) {
                out[o] = best[o];
            } else if (!seen[o]) {
                out[o] = identity(r.fn());
            } else if (integer) {
                out[o] = (int) intAcc[o];
            } else {
                out[o] = r.fn() == ReduceFn.MEAN ? acc[o] / count : acc[o];
            }
        }
        return new Values(outShape, out);
    }

    private static double identity(ReduceFn fn) {
        switch (fn) {
            case PROD: return 1;
            case MAX: return Double.NEGATIVE_INFINITY;
            case MIN: return Double.POSITIVE_INFINITY;
            case MEAN: return Double.NaN;
            default: return 0;
        }
    }

    /** Batched matmul over broadcast batch dims, accumulating in f64 (i32 wraps). */
    static Values matmul(Values a, Values b, DType dtype, long[] outShape) {
        return matmul(a, b, dtype, outShape, s -> s);
    }

    /** Matmul whose running dot product is passed through {@code step} after every step. */
    static Values matmul(Values a, Values b, DType dtype, long[] outShape, DoubleUnaryOperator step) {
        int rank = outShape.length;
        long m = outShape[rank - 2];
        long n = outShape[rank - 1];
        long k = a.shape()[a.shape().length - 1];
        long[] batch = java.util.Arrays.copyOf(outShape, rank - 2);
        long[] aBatch = java.util.Arrays.copyOf(a.shape(), a.shape().length - 2);
        long[] bBatch = java.util.Arrays.copyOf(b.shape(), b.shape().length - 2);
        int[] aBase = gather(batch, broadcastStrides(aBatch, batch));
        int[] bBase = gather(batch, broadcastStrides(bBatch, batch));
        double[] out = new double[size(outShape)];
        boolean integer = dtype == DType.I32;
        int o = 0;
        for (int bi = 0; bi < aBase.length; bi++) {
            long aOff = aBase[bi] * m * k;
            long bOff = bBase[bi] * k * n;
            for (long i = 0; i < m; i++) {
                for (long j = 0; j < n; j++) {
                    double sum = 0;
                    int isum = 0;
                    for (long p = 0; p < k; p++) {
                        double x = a.data()[(int) (aOff + i * k + p)];
                        double y = b.data()[(int) (bOff + p * n + j)];
                        sum = step.applyAsDouble(sum + x * y);
                        isum += (int) x * (int) y;
                    }
                    out[o++] = integer ? isum : sum;
                }
            }
        }
        return new Values(outShape, out);
    }

    static Values transpose(Values x, List<Integer> perm, long[] outShape) {
        long[] inStrides = strides(x.shape());
        long[] s = new long[perm.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = inStrides[perm.get(i)];
        }
        int[] ix = gather(outShape, s);
        double[] out = new double[ix.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.data()[ix[i]];
        }
        return new Values(outShape, out);
    }

    static Values slice(Values x, long[] starts, List<Long> steps, long[] outShape) {
        long[] inStrides = strides(x.shape());
        long[] s = new long[outShape.length];
        long base = 0;
        for (int a = 0; a < s.length; a++) {
            s[a] = inStrides[a] * steps.get(a);
            base += starts[a] * inStrides[a];
        }
        int[] ix = gather(outShape, s);
        double[] out = new double[ix.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.data()[(int) (base + ix[i])];
        }
        return new Values(outShape, out);
    }

    static Values concat(List<Values> parts, int axis, long[] outShape) {
        double[] out = new double[size(outShape)];
        long[] outStrides = strides(outShape);
        long offset = 0;
        for (Values p : parts) {
            long[] ps = p.shape();
            long[] pStrides = strides(ps);
            for (int flat = 0; flat < p.size(); flat++) {
                long dst = 0;
                for (int a = 0; a < ps.length; a++) {
                    long idx = (flat / pStrides[a]) % ps[a];
                    dst += (a == axis ? idx + offset : idx) * outStrides[a];
                }
                out[(int) dst] = p.data()[flat];
            }
            offset += ps[axis];
        }
        return new Values(outShape, out);
    }
}
