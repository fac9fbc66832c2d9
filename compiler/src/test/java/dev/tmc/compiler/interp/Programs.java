// Test support for the interpreter: compile a pipeline, build inputs, run, and compare results
// with values the test computed on its own.
package dev.tmc.compiler.interp;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.runtime.DType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class Programs {
    private Programs() {
    }

    /** The first pipeline of {@code text}; any diagnostic fails the test. */
    static Graph compile(String text) {
        Diagnostics d = new Diagnostics();
        Optional<Module> m = Frontend.lower(new SourceFile("t.tm", text), Precision.BALANCED, d);
        if (m.isEmpty() || !d.all().isEmpty()) {
            throw new AssertionError("diagnostics for\n" + text + "\n" + DiagnosticRenderer.render(d.all()));
        }
        return m.get().pipelines().get(0);
    }

    /** Runs {@code text} on inputs given as name, array, name, array, ... */
    static Map<String, HostArray> run(String text, Object... namesAndArrays) throws InputError {
        Map<String, HostArray> inputs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndArrays.length; i += 2) {
            inputs.put((String) namesAndArrays[i], (HostArray) namesAndArrays[i + 1]);
        }
        return Interpreter.run(compile(text), inputs);
    }

    /** The single output, named out. */
    static HostArray out(String text, Object... namesAndArrays) throws InputError {
        Map<String, HostArray> outs = run(text, namesAndArrays);
        assertEquals(1, outs.size());
        return outs.get("out");
    }

    static long[] shape(long... dims) {
        return dims;
    }

    static HostArray array(DType dtype, long[] shape, double... data) {
        return new HostArray(dtype, shape, data);
    }

    static HostArray vector(DType dtype, double... data) {
        return new HostArray(dtype, new long[] {data.length}, data);
    }

    static HostArray f32(double... data) {
        return vector(DType.F32, data);
    }

    static HostArray i32(double... data) {
        return vector(DType.I32, data);
    }

    static HostArray scalar(DType dtype, double value) {
        return HostArray.scalar(dtype, value);
    }

    /** Exact equality, bit for bit (so -0.0 differs from 0.0 and NaN equals NaN). */
    static void assertExact(DType dtype, long[] shape, double[] expected, HostArray actual) {
        assertEquals(dtype, actual.dtype(), "dtype");
        assertArrayEquals(shape, actual.shape(), "shape");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual.data()[i])) {
                throw new AssertionError("element " + i + ": expected " + expected[i] + " but was "
                        + actual.data()[i] + "\nexpected " + Arrays.toString(expected) + "\nactual   "
                        + Arrays.toString(actual.data()));
            }
        }
        assertEquals(expected.length, actual.data().length, "element count");
    }

    /** f32 results: each expected f64 value rounded to f32, then within a few f32 ulps. */
    static void assertF32(long[] shape, double[] expected, HostArray actual) {
        assertEquals(DType.F32, actual.dtype(), "dtype");
        assertArrayEquals(shape, actual.shape(), "shape");
        assertEquals(expected.length, actual.data().length, "element count");
        for (int i = 0; i < expected.length; i++) {
            float want = (float) expected[i];
            double got = actual.data()[i];
            if (Float.isNaN(want) ? !Double.isNaN(got) : Math.abs(got - want) > 4 * Math.ulp(want)) {
                throw new AssertionError("element " + i + ": expected " + want + " but was " + got
                        + "\nexpected " + Arrays.toString(expected) + "\nactual   " + Arrays.toString(actual.data()));
            }
        }
    }

    static void assertF32(double[] expected, HostArray actual) {
        assertF32(new long[] {expected.length}, expected, actual);
    }
}
