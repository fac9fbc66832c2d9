// Element conversions between the arrays users hand in or get back (float[], int[], boolean[],
// and the double[] of .npy files) and the typed arrays that hold a dtype (see ArrayKind).
package dev.tmc.runtime.cpu;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.numeric.BFloat16;
import dev.tmc.runtime.numeric.Float16;

/**
 * Into a dtype, values round as a store does (DType.round): to nearest even for floats, straight
 * from the given precision so nothing rounds twice; truncating and saturating to i32 with NaN as 0;
 * nonzero (NaN included) as true. Out of a dtype, values widen exactly where the target can hold them.
 */
public final class TypedArrays {
    private TypedArrays() {}

    public static Object fromFloats(DType dtype, float[] data) {
        int n = data.length;
        switch (dtype) {
            case F32: return data.clone();
            case F16: {
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Float16.fromFloat(data[i]);
                }
                return out;
            }
            case BF16: {
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = BFloat16.fromFloat(data[i]);
                }
                return out;
            }
            case I32: {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) data[i];
                }
                return out;
            }
            default: {
                byte[] out = new byte[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) (data[i] != 0 ? 1 : 0);
                }
                return out;
            }
        }
    }

    public static Object fromDoubles(DType dtype, double[] data) {
        int n = data.length;
        switch (dtype) {
            case F32: {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (float) data[i];
                }
                return out;
            }
            case F16: case BF16: {
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = dtype == DType.F16 ? Float16.fromDouble(data[i]) : BFloat16.fromDouble(data[i]);
                }
                return out;
            }
            case I32: {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) data[i];
                }
                return out;
            }
            default: {
                byte[] out = new byte[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) (data[i] != 0 ? 1 : 0);
                }
                return out;
            }
        }
    }

    public static byte[] fromBooleans(boolean[] data) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (byte) (data[i] ? 1 : 0);
        }
        return out;
    }

    /** The first {@code n} elements as floats (i32 rounds to the nearest float). */
    public static float[] toFloats(DType dtype, Object typed, int n) {
        float[] out = new float[n];
        switch (dtype) {
            case F32: System.arraycopy(typed, 0, out, 0, n); break;
            case F16: case BF16: {
                short[] in = (short[]) typed;
                for (int i = 0; i < n; i++) {
                    out[i] = dtype == DType.F16 ? Float16.toFloat(in[i]) : BFloat16.toFloat(in[i]);
                }
                break;
            }
            case I32: {
                int[] in = (int[]) typed;
                for (int i = 0; i < n; i++) {
                    out[i] = in[i];
                }
                break;
            }
            default: {
                byte[] in = (byte[]) typed;
                for (int i = 0; i < n; i++) {
                    out[i] = in[i] != 0 ? 1f : 0f;
                }
            }
        }
        return out;
    }

    /** The first {@code n} elements as doubles, exactly. */
    public static double[] toDoubles(DType dtype, Object typed, int n) {
        double[] out = new double[n];
        if (dtype.isFloat()) {
            float[] values = toFloats(dtype, typed, n);
            for (int i = 0; i < n; i++) {
                out[i] = values[i];
            }
        } else if (dtype == DType.I32) {
            int[] in = (int[]) typed;
            for (int i = 0; i < n; i++) {
                out[i] = in[i];
            }
        } else {
            byte[] in = (byte[]) typed;
            for (int i = 0; i < n; i++) {
                out[i] = in[i] != 0 ? 1 : 0;
            }
        }
        return out;
    }

    /** The first {@code n} elements as ints, converting floats as a cast to i32 does. */
    public static int[] toInts(DType dtype, Object typed, int n) {
        int[] out = new int[n];
        if (dtype == DType.I32) {
            System.arraycopy(typed, 0, out, 0, n);
        } else if (dtype == DType.BOOL) {
            byte[] in = (byte[]) typed;
            for (int i = 0; i < n; i++) {
                out[i] = in[i] != 0 ? 1 : 0;
            }
        } else {
            float[] values = toFloats(dtype, typed, n);
            for (int i = 0; i < n; i++) {
                out[i] = (int) values[i];
            }
        }
        return out;
    }

    /** The first {@code n} elements as booleans: nonzero, NaN included, is true. */
    public static boolean[] toBooleans(DType dtype, Object typed, int n) {
        boolean[] out = new boolean[n];
        if (dtype.isFloat()) {
            float[] values = toFloats(dtype, typed, n);
            for (int i = 0; i < n; i++) {
                out[i] = values[i] != 0;
            }
        } else if (dtype == DType.I32) {
            int[] in = (int[]) typed;
            for (int i = 0; i < n; i++) {
                out[i] = in[i] != 0;
            }
        } else {
            byte[] in = (byte[]) typed;
            for (int i = 0; i < n; i++) {
                out[i] = in[i] != 0;
            }
        }
        return out;
    }
}
