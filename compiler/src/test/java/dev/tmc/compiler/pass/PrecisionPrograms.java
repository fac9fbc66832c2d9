// Test support for the precision passes (stabilize, promote-precision): .tm text to inlined graph
// IR under a profile, seeded random inputs, interpreter runs in either rounding, and comparisons
// within the tolerance of a dtype.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.interp.Interpreter;
import dev.tmc.compiler.interp.Rounding;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.GraphVerifier;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.runtime.DType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

final class PrecisionPrograms {
    private PrecisionPrograms() {
    }

    /** Every pipeline of {@code source}, inlined, with {@code precision} as the default profile. */
    static List<Graph> pipelines(String name, String source, Precision precision) {
        return lowered(name, source, precision).stream().map(Inline::run).toList();
    }

    /** Every pipeline of {@code source} as lowered, calls still in place. */
    static List<Graph> lowered(String name, String source, Precision precision) {
        Diagnostics d = new Diagnostics();
        var m = Frontend.lower(new SourceFile(name, source), precision, d);
        if (m.isEmpty()) {
            fail("does not compile:\n" + DiagnosticRenderer.render(d.all()));
        }
        return m.get().pipelines();
    }

    /** The pipeline called {@code pipeline} of {@code source}, inlined. */
    static Graph pipeline(String source, String pipeline, Precision precision) {
        return pipelines("test.tm", source, precision).stream().filter(g -> g.name().equals(pipeline))
                .findFirst().orElseThrow();
    }

    static Graph pipeline(String source, Precision precision) {
        return pipelines("test.tm", source, precision).get(0);
    }

    static void assertVerifies(Graph g) {
        List<String> problems = GraphVerifier.verify(g);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems) + "\n" + GraphPrinter.print(g));
    }

    static long count(Graph g, Class<? extends Op> kind) {
        return g.body().stream().filter(i -> kind.isInstance(i.op())).count();
    }

    static Map<String, HostArray> run(Graph g, Map<String, HostArray> inputs, Rounding rounding) {
        try {
            return Interpreter.run(g, inputs, rounding);
        } catch (InputError e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /**
     * Inputs for every parameter: each symbolic dim a size in [2, 5], floats uniform in [lo, hi)
     * (rounded to their dtype), i32 in [0, 256), bools random. Scalars with defaults are left out.
     */
    static Map<String, HostArray> randomInputs(Graph g, long seed, double lo, double hi) {
        Random random = new Random(seed);
        Map<String, Long> dims = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>();
        for (GraphParam p : g.params()) {
            for (DimExpr d : p.type().shape().dims()) {
                names.addAll(d.symbols());
            }
        }
        for (String n : names) {
            dims.put(n, 2L + random.nextInt(4));
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (GraphParam p : g.params()) {
            if (p.defaultValue().isPresent()) {
                continue;
            }
            DType dtype = p.type().dtype();
            DoubleSupplier value = dtype.isFloat() ? () -> lo + (hi - lo) * random.nextDouble()
                    : dtype == DType.I32 ? () -> random.nextInt(256) : () -> random.nextInt(2);
            out.put(p.name(), array(dtype, p.type().shape().evaluate(dims), value));
        }
        return out;
    }

    static HostArray array(DType dtype, long[] shape, DoubleSupplier value) {
        double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
        for (int k = 0; k < data.length; k++) {
            data[k] = dtype.round(value.getAsDouble());
        }
        return new HostArray(dtype, shape, data);
    }

    /** Relative tolerance of a stored dtype: a few units in its last place. */
    static double tolerance(DType dtype) {
        switch (dtype) {
            case F16: return 1e-3;
            case BF16: return 1e-2;
            case F32: return 1e-5;
            default: return 0;
        }
    }

    /** Every element within {@code rtol} of the expected one, or {@code atol}; non-finite ones equal. */
    static void assertClose(HostArray expected, HostArray actual, double rtol, double atol, String what) {
        assertComparable(expected, actual, what);
        double[] e = expected.data();
        double[] a = actual.data();
        for (int k = 0; k < e.length; k++) {
            double bound = rtol * Math.abs(e[k]) + atol;
            assertWithin(e, a, k, bound, what);
        }
    }

    /**
     * The largest error within {@code rtol} of the largest expected magnitude (the relative error
     * in the max norm): a value that cancels to near zero is judged on the scale of the array.
     */
    static void assertCloseNormwise(HostArray expected, HostArray actual, double rtol, String what) {
        assertComparable(expected, actual, what);
        double[] e = expected.data();
        double scale = 0;
        for (double v : e) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int k = 0; k < e.length; k++) {
            assertWithin(e, actual.data(), k, rtol * scale, what);
        }
    }

    private static void assertComparable(HostArray expected, HostArray actual, String what) {
        assertTrue(expected.dtype() == actual.dtype() && Arrays.equals(expected.shape(), actual.shape()),
                () -> what + ": " + expected + " vs " + actual);
    }

    private static void assertWithin(double[] e, double[] a, int k, double bound, String what) {
        if (!Double.isFinite(e[k]) || !Double.isFinite(a[k])) {
            assertTrue(Double.compare(e[k], a[k]) == 0, () -> what + "[" + k + "]: expected " + e[k]
                    + " but was " + a[k]);
            return;
        }
        double err = Math.abs(a[k] - e[k]);
        assertTrue(err <= bound, () -> what + "[" + k + "]: expected " + e[k] + " but was " + a[k]
                + " (error " + err + " > " + bound + ")");
    }

    static void assertAllFinite(HostArray a, String what) {
        for (double v : a.data()) {
            assertTrue(Double.isFinite(v), () -> what + " has a non-finite value: " + a);
        }
    }

    static boolean anyNonFinite(HostArray a) {
        for (double v : a.data()) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }
}
