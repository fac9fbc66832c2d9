// Row reductions of f32 over an array range into a fixed set of lane accumulators, for CPU kernels that gather a
// strip of a reduction's values first: element from + i goes to lane i % lanes.length, each lane combining its
// elements in order, so the Vector API path (where the JVM resolved jdk.incubator.vector) and the plain loop give
// the same bits. Max and min are Math.max and Math.min (NaN wins; +0 above -0).
package dev.tmc.runtime.numeric;

/** Each method combines {@code a[from..to)} into {@code lanes}, in place. Nothing allocates. */
public final class LaneReductions {
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && LaneVectorReductions.fits();

    private LaneReductions() {}

    /** {@code lanes[i % L] += a[from + i]} for i in [0, to - from), in order, L = lanes.length. */
    public static void sum(float[] lanes, float[] a, int from, int to) {
        int i = from;
        if (VECTOR) {
            i = LaneVectorReductions.sum(lanes, a, from, to);
        }
        int n = lanes.length;
        for (; i < to; i++) {
            int k = (i - from) % n;
            lanes[k] = lanes[k] + a[i];
        }
    }

    /** {@code lanes[i % L] = Math.max(lanes[i % L], a[from + i])}, as {@link #sum}. */
    public static void max(float[] lanes, float[] a, int from, int to) {
        int i = from;
        if (VECTOR) {
            i = LaneVectorReductions.max(lanes, a, from, to);
        }
        int n = lanes.length;
        for (; i < to; i++) {
            int k = (i - from) % n;
            lanes[k] = Math.max(lanes[k], a[i]);
        }
    }

    /** {@code lanes[i % L] = Math.min(lanes[i % L], a[from + i])}, as {@link #sum}. */
    public static void min(float[] lanes, float[] a, int from, int to) {
        int i = from;
        if (VECTOR) {
            i = LaneVectorReductions.min(lanes, a, from, to);
        }
        int n = lanes.length;
        for (; i < to; i++) {
            int k = (i - from) % n;
            lanes[k] = Math.min(lanes[k], a[i]);
        }
    }
}
