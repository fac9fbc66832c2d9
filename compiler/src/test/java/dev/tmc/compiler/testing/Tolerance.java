// Compares results: same dtype and shape, values within the tolerance of the stored dtype (about
// two units in the last place), i32 and bool exact, NaN only equal to NaN and inf only to the same inf.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.runtime.DType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

public final class Tolerance {
    private Tolerance() {
    }

    /**
     * The relative tolerance of a dtype: about two ulps, since a result may legitimately round once
     * to either neighbour (f32 2^-23, f16 2^-10, bf16 2^-7). Zero for i32 and bool.
     */
    public static double relative(DType dtype) {
        switch (dtype) {
            case F32: return 1e-5;
            case F16: return 2e-3;
            case BF16: return 1.6e-2;
            default: return 0;
        }
    }

    /**
     * The magnitude of a set of inputs: the largest finite |value|, at least 1. Values near 0 are
     * compared with an absolute tolerance scaled by it, because cancellation (x - y of inputs of
     * this size) leaves an error relative to the inputs, not to the result.
     */
    public static double magnitude(Map<String, HostArray> inputs) {
        double m = 1;
        for (HostArray a : inputs.values()) {
            for (double v : a.data()) {
                if (Double.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m;
    }

    /**
     * Whether one element matches: exactly for i32 and bool (relative tolerance 0); for floats
     * within the tolerance of {@code precision} (the stored dtype, or a coarser one the value was
     * computed in, see OutputPrecision). NaN matches only NaN, an infinity only itself.
     */
    public static boolean close(DType precision, double expected, double actual, double magnitude) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual) || relative(precision) == 0) {
            return expected == actual;
        }
        return Math.abs(expected - actual) <= tolerance(precision, expected, actual, magnitude);
    }

    private static double tolerance(DType precision, double expected, double actual, double magnitude) {
        return relative(precision) * Math.max(Math.max(Math.abs(expected), Math.abs(actual)), magnitude);
    }

    /** Empty when {@code actual} matches {@code expected}; otherwise what differs, first place first. */
    public static Optional<String> mismatch(String what, HostArray expected, HostArray actual, double magnitude) {
        return mismatch(what, expected, actual, magnitude, expected.dtype(), null);
    }

    /** Empty when both maps hold the same names with matching arrays. */
    public static Optional<String> mismatch(Map<String, HostArray> expected, Map<String, HostArray> actual,
                                            double magnitude) {
        return Outputs.of(magnitude).mismatch(expected, actual);
    }

    public static void assertClose(String what, HostArray expected, HostArray actual, double magnitude) {
        mismatch(what, expected, actual, magnitude).ifPresent(m -> {
            throw new AssertionError(m);
        });
    }

    /**
     * A comparison of a pipeline's outputs.
     *
     * @param magnitude  the inputs' magnitude (the absolute floor)
     * @param precisions per output, a dtype coarser than its own whose tolerance applies
     * @param compared   per output, the elements to compare (all of an output it does not name)
     */
    public record Outputs(double magnitude, Map<String, DType> precisions, Map<String, boolean[]> compared) {
        public Outputs {
            precisions = Map.copyOf(precisions);
            compared = Map.copyOf(compared);
        }

        public static Outputs of(double magnitude) {
            return new Outputs(magnitude, Map.of(), Map.of());
        }

        public Outputs withPrecisions(Map<String, DType> p) {
            return new Outputs(magnitude, p, compared);
        }

        public Outputs onlyWhere(Map<String, boolean[]> c) {
            return new Outputs(magnitude, precisions, c);
        }

        /** Empty when every compared element matches; otherwise one line per differing output. */
        public Optional<String> mismatch(Map<String, HostArray> expected, Map<String, HostArray> actual) {
            if (!expected.keySet().equals(actual.keySet())) {
                return Optional.of("outputs " + new TreeSet<>(actual.keySet()) + ", expected "
                        + new TreeSet<>(expected.keySet()));
            }
            StringBuilder out = new StringBuilder();
            for (String name : expected.keySet()) {
                Tolerance.mismatch("output '" + name + "'", expected.get(name), actual.get(name), magnitude,
                        precision(name, expected.get(name)), compared.get(name)).ifPresent(m -> out.append(m).append('\n'));
            }
            return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
        }

        /** Per output, the compared elements that do not match (all of them where dtype or shape differ). */
        public Map<String, boolean[]> differing(Map<String, HostArray> expected, Map<String, HostArray> actual) {
            Map<String, boolean[]> out = new LinkedHashMap<>();
            expected.forEach((name, e) -> {
                HostArray a = actual.get(name);
                boolean[] bad = new boolean[e.data().length];
                boolean comparable = a != null && a.dtype() == e.dtype() && Arrays.equals(a.shape(), e.shape());
                boolean[] c = compared.get(name);
                for (int i = 0; i < bad.length; i++) {
                    bad[i] = (c == null || c[i]) && (!comparable
                            || !close(precision(name, e), e.data()[i], a.data()[i], magnitude));
                }
                out.put(name, bad);
            });
            return out;
        }

        private DType precision(String name, HostArray expected) {
            DType own = expected.dtype();
            return own.isFloat() ? OutputPrecision.coarser(own, precisions.getOrDefault(name, own)) : own;
        }
    }

    private static Optional<String> mismatch(String what, HostArray expected, HostArray actual, double magnitude,
                                             DType precision, boolean[] compared) {
        if (expected.dtype() != actual.dtype()) {
            return Optional.of(what + ": dtype " + actual.dtype().spelling() + ", expected "
                    + expected.dtype().spelling());
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return Optional.of(what + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
        }
        double[] e = expected.data();
        double[] a = actual.data();
        int first = -1;
        int count = 0;
        int checked = 0;
        for (int i = 0; i < e.length; i++) {
            if (compared == null || compared[i]) {
                checked++;
                if (!close(precision, e[i], a[i], magnitude)) {
                    first = first < 0 ? i : first;
                    count++;
                }
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        String tol = relative(precision) == 0 ? "exact" : String.format(Locale.ROOT, "tolerance %.3g of %s",
                tolerance(precision, e[first], a[first], magnitude), precision.spelling());
        return Optional.of(String.format(Locale.ROOT, "%s (%s%s): %d of %d compared values differ; first at"
                        + " flat index %d %s: expected %s, got %s (%s)", what, expected.dtype().spelling(),
                Arrays.toString(expected.shape()), count, checked, first,
                Arrays.toString(index(expected.shape(), first)), e[first], a[first], tol));
    }

    /** The multi-index of a flat C-order position. */
    static long[] index(long[] shape, long flat) {
        long[] idx = new long[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = flat % shape[a];
            flat /= shape[a];
        }
        return idx;
    }
}
