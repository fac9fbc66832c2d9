// LaneReductions' whole rounds of lanes with the Vector API: lane k of the accumulators stays lane k of the vectors
// (the lanes are whole vectors of the preferred species side by side), so each lane adds its elements in the same
// order as the scalar loop. Loaded only when the JVM resolved jdk.incubator.vector (see LaneReductions).
package dev.tmc.runtime.numeric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

final class LaneVectorReductions {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private LaneVectorReductions() {}

    /** Lanes of up to 16 accumulators per vector width: the kernels keep 16 (Target.CPU.accumulators). */
    static boolean fits() {
        return F.length() <= 16 && 16 % F.length() == 0;
    }

    /** Combines the whole rounds of {@code a[from..to)} into {@code lanes}; returns where the scalar rest starts. */
    static int sum(float[] lanes, float[] a, int from, int to) {
        int n = lanes.length;
        int v = F.length();
        if (n % v != 0 || to - from < n) {
            return from;
        }
        int end = from + (to - from) / n * n;
        // One method per operation with the operation written out: the Vector API compiles to SIMD only where
        // the operator is a constant.
        for (int c = 0; c < n; c += v) {
            FloatVector acc = FloatVector.fromArray(F, lanes, c);
            for (int i = from + c; i < end; i += n) {
                acc = acc.add(FloatVector.fromArray(F, a, i));
            }
            acc.intoArray(lanes, c);
        }
        return end;
    }

    static int max(float[] lanes, float[] a, int from, int to) {
        int n = lanes.length;
        int v = F.length();
        if (n % v != 0 || to - from < n) {
            return from;
        }
        int end = from + (to - from) / n * n;
        for (int c = 0; c < n; c += v) {
            FloatVector acc = FloatVector.fromArray(F, lanes, c);
            for (int i = from + c; i < end; i += n) {
                acc = acc.max(FloatVector.fromArray(F, a, i));
            }
            acc.intoArray(lanes, c);
        }
        return end;
    }

    static int min(float[] lanes, float[] a, int from, int to) {
        int n = lanes.length;
        int v = F.length();
        if (n % v != 0 || to - from < n) {
            return from;
        }
        int end = from + (to - from) / n * n;
        for (int c = 0; c < n; c += v) {
            FloatVector acc = FloatVector.fromArray(F, lanes, c);
            for (int i = from + c; i < end; i += n) {
                acc = acc.min(FloatVector.fromArray(F, a, i));
            }
            acc.intoArray(lanes, c);
        }
        return end;
    }
}
