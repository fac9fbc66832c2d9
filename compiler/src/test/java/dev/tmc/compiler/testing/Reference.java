// The reference results of a graph on given inputs, and the test of whether a transformed graph
// still computes them. A pass may move rounding (promote-precision rounds f16 values where they are
// stored; stabilize computes a mean as an f32 sum times 1/n), so a transformed graph agrees when
// each element matches either as the reference runs it (f64, rounding only at stores) or as
// hardware computing every op in its dtype would (Rounding.PER_OP). Elements that are not robust to
// rounding at all are not compared: where the original graph run PER_OP already leaves the
// tolerance (an f16 intermediate overflows, a difference cancels, a comparison sits on its edge),
// a change says nothing about the pass.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.interp.Interpreter;
import dev.tmc.compiler.interp.Rounding;
import dev.tmc.compiler.ir.graph.Graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public record Reference(Map<String, HostArray> inputs, Map<String, HostArray> expected,
                        Tolerance.Outputs comparison) {

    public Reference {
        // kept in order, so reports list outputs as the pipeline declares them
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
    }

    /** Runs {@code original} as the reference does and PER_OP, and keeps the robust elements. */
    public static Reference of(Graph original, Map<String, HostArray> inputs) throws InputError {
        Map<String, HostArray> expected = Interpreter.run(original, inputs);
        Tolerance.Outputs all = Tolerance.Outputs.of(Tolerance.magnitude(inputs))
                .withPrecisions(OutputPrecision.of(original));
        Map<String, boolean[]> robust = new LinkedHashMap<>();
        all.differing(expected, Interpreter.run(original, inputs, Rounding.PER_OP)).forEach((name, bad) -> {
            boolean[] keep = new boolean[bad.length];
            for (int i = 0; i < bad.length; i++) {
                keep[i] = !bad[i];
            }
            robust.put(name, keep);
        });
        return new Reference(inputs, expected, all.onlyWhere(robust));
    }

    /** Empty when {@code g} computes the reference results; otherwise what differs, with the values. */
    public Optional<String> mismatch(Graph g) throws InputError {
        Map<String, HostArray> actual = Interpreter.run(g, inputs);
        Map<String, boolean[]> differing = comparison.differing(expected, actual);
        if (differing.values().stream().noneMatch(Reference::any)) {
            return Optional.empty();
        }
        Map<String, HostArray> perOp = Interpreter.run(g, inputs, Rounding.PER_OP);
        Optional<String> alsoPerOp = comparison.onlyWhere(differing).mismatch(expected, perOp);
        if (alsoPerOp.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(comparison.mismatch(expected, actual).orElse("") + "rounding every op (PER_OP) differs"
                + " too:\n" + alsoPerOp.get() + "inputs: " + show(inputs) + "\nexpected: " + show(expected)
                + "\nactual:   " + show(actual) + "\nactual, PER_OP: " + show(perOp));
    }

    /**
     * Empty when results computed some other way (a backend, kernel IR run op by op in each
     * dtype) match the reference on the elements robust to rounding; otherwise what differs.
     */
    public Optional<String> mismatchOf(Map<String, HostArray> actual) {
        return comparison.mismatch(expected, actual).map(m -> m + "inputs: " + show(inputs) + "\nexpected: "
                + show(expected) + "\nactual:   " + show(actual));
    }

    /** How many output elements are compared, and how many were left out as not robust to rounding. */
    public int[] comparedAndSkipped() {
        int compared = 0;
        int skipped = 0;
        for (Map.Entry<String, HostArray> e : expected.entrySet()) {
            boolean[] keep = comparison.compared().get(e.getKey());
            for (int i = 0; i < e.getValue().data().length; i++) {
                if (keep == null || keep[i]) {
                    compared++;
                } else {
                    skipped++;
                }
            }
        }
        return new int[] {compared, skipped};
    }

    private static boolean any(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }

    /** Arrays with their values (the first 64), for failure reports. */
    public static String show(Map<String, HostArray> arrays) {
        StringBuilder out = new StringBuilder("{");
        arrays.forEach((name, a) -> {
            double[] d = a.data();
            String values = Arrays.toString(d.length <= 64 ? d : Arrays.copyOf(d, 64));
            out.append("\n  ").append(name).append(": ").append(a.dtype().spelling())
                    .append(Arrays.toString(a.shape())).append(' ').append(values).append(d.length > 64 ? " ..." : "");
        });
        return out.append("\n}").toString();
    }
}
