// exp and erf of f32 over an array range, for CPU kernels that gather a strip of arguments first, and f16 <-> f32
// conversions of a strip: with the Vector API where the JVM resolved jdk.incubator.vector (--add-modules
// jdk.incubator.vector), else a plain loop; both give the same bits, those of ScalarMath's per-element functions.
package dev.tmc.runtime.numeric;

/** Each method replaces {@code a[from..to)} by its function's values, in place. Nothing allocates. */
public final class BlockMath {
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private BlockMath() {}

    /** Whether this JVM computes the blocks with the Vector API. */
    public static boolean vectorized() {
        return VECTOR;
    }

    public static void exp(float[] a, int from, int to) {
        if (VECTOR) {
            FloatVectorFunctions.exp(a, from, to);
        } else {
            FloatFunctions.exp(a, from, to);
        }
    }

    public static void erf(float[] a, int from, int to) {
        if (VECTOR) {
            FloatVectorFunctions.erf(a, from, to);
        } else {
            FloatFunctions.erf(a, from, to);
        }
    }

    /** {@code a[i] = ScalarMath.f16(a[i])} for i in [from, to): each float rounded to the nearest f16 value. */
    public static void roundF16(float[] a, int from, int to) {
        if (VECTOR) {
            HalfVectorConversions.round(a, from, to);
        } else {
            for (int i = from; i < to; i++) {
                a[i] = Float16.round(a[i]);
            }
        }
    }

    /** {@code dst[dstFrom + k] = ScalarMath.fromF16Bits(src[srcFrom + k])} for k in [0, length): exact. */
    public static void fromF16(short[] src, int srcFrom, float[] dst, int dstFrom, int length) {
        if (VECTOR) {
            HalfVectorConversions.fromF16(src, srcFrom, dst, dstFrom, length);
        } else {
            for (int k = 0; k < length; k++) {
                dst[dstFrom + k] = Float16.toFloat(src[srcFrom + k]);
            }
        }
    }

    /** {@code dst[dstFrom + k] = ScalarMath.toF16Bits(src[srcFrom + k])} for k in [0, length): nearest, ties to even. */
    public static void toF16(float[] src, int srcFrom, short[] dst, int dstFrom, int length) {
        if (VECTOR) {
            HalfVectorConversions.toF16(src, srcFrom, dst, dstFrom, length);
        } else {
            for (int k = 0; k < length; k++) {
                dst[dstFrom + k] = Float16.fromFloat(src[srcFrom + k]);
            }
        }
    }
}
