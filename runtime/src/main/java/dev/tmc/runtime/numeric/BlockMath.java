// exp and erf of f32 over an array range, for CPU kernels that gather a strip of arguments first: with the Vector
// API where the JVM resolved jdk.incubator.vector (--add-modules jdk.incubator.vector), else a plain loop; both
// give the same bits, those of ScalarMath.exp(float) and ScalarMath.erf(float).
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
}
