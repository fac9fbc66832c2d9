// The generated pipeline classes, compiled with javax.tools and called through their public API:
// wrong inputs are rejected with IllegalArgumentException naming the method, the parameter and the
// mismatch, before any kernel runs; right inputs compute what a plain loop in this test computes.
package dev.tmc.codegen.java;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedApiChecksTest {
    private static InMemoryJavac.Result compiled;

    @BeforeAll
    static void compileExamples() {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> resources = new LinkedHashMap<>();
        for (Path tm : Examples.files()) {
            JavaOutputs.Generated g = JavaOutputs.generate(Examples.compile(tm));
            g.java().forEach((path, text) -> sources.put(path.replaceFirst("\\.java$", "").replace('/', '.'), text));
            resources.putAll(g.resources());
        }
        compiled = InMemoryJavac.compile(sources, resources, InMemoryJavac.STRICT, List.of());
        assertEquals(List.of(), compiled.diagnostics());
    }

    /** A loaded pipeline and its call method, driven by reflection as user code would drive it. */
    private record Pipeline(Object instance, Method call) {
        static Pipeline load(String className) throws ReflectiveOperationException {
            Class<?> c = compiled.load(className);
            Object instance = c.getMethod("load", Device.class).invoke(null, Device.cpu());
            Method call = null;
            for (Method m : c.getMethods()) {
                // The overload that takes every parameter (defaults have shorter overloads).
                if (m.getName().equals("call") && (call == null || m.getParameterCount() > call.getParameterCount())) {
                    call = m;
                }
            }
            return new Pipeline(instance, call);
        }

        Object call(Object... args) throws Throwable {
            try {
                return call.invoke(instance, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        String rejection(Object... args) {
            return assertThrows(IllegalArgumentException.class, () -> call(args)).getMessage();
        }
    }

    private static Tensor f32(long... shape) {
        return Tensor.zeros(DType.F32, shape);
    }

    @Test
    void aFixedDimThatDiffersIsNamedWithTheDeclaration() throws Exception {
        Pipeline p = Pipeline.load("dev.tmc.examples.Quickstart");
        assertEquals("Quickstart.call: parameter 'x' has shape [4, 9] but is declared f32[4, 8]",
                p.rejection(f32(4, 9), f32(8), f32(8)));
        assertEquals("Quickstart.call: parameter 'b' has shape [7] but is declared f32[8]",
                p.rejection(f32(4, 8), f32(8), f32(7)));
    }

    @Test
    void dtypeRankAndNullAreNamed() throws Exception {
        Pipeline p = Pipeline.load("dev.tmc.examples.Quickstart");
        assertEquals("Quickstart.call: parameter 'w' has dtype f16 but is declared f32[8]",
                p.rejection(f32(4, 8), Tensor.zeros(DType.F16, 8), f32(8)));
        assertEquals("Quickstart.call: parameter 'x' has rank 1 (shape [32]) but is declared f32[4, 8]",
                p.rejection(f32(32), f32(8), f32(8)));
        assertEquals("Quickstart.call: parameter 'w' is null", p.rejection(f32(4, 8), null, f32(8)));
    }

    @Test
    void aSymbolicDimMustAgreeWithTheOneAnEarlierParameterBound() throws Exception {
        Pipeline p = Pipeline.load("dev.tmc.examples.finance.BlackScholes");
        String message = p.rejection(f32(5), f32(5), f32(6), 0.02f, 0.3f);
        assertEquals("BlackScholes.call: parameter 'years' has shape [6] but dim N is 5 (from 'spot')", message);
    }

    @Test
    void aMismatchIsFoundBeforeAnyKernelRunsAndLeavesTheInputsUsable() throws Exception {
        Pipeline p = Pipeline.load("dev.tmc.examples.image.Normalize");
        Tensor img = Tensor.ofInts(new int[2 * 3 * 3], 1, 2, 3, 3);
        Tensor mean = Tensor.of(new float[] {0.5f, 0.5f, 0.5f}, 3);
        String message = p.rejection(img, mean, f32(4));
        assertEquals("Normalize.call: parameter 'std' has shape [4] but is declared f32[3]", message);
        assertFalse(img.isClosed());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, mean.toFloatArray());
    }

    @Test
    void rightInputsComputeWhatAPlainLoopComputes() throws Throwable {
        Pipeline p = Pipeline.load("dev.tmc.examples.image.Grayscale");
        int h = 3;
        int w = 5;
        float[] rgb = new float[h * w * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i * 37 % 101) / 80f - 0.1f; // some values fall outside [0, 1], so the clamp matters
        }
        float[] expected = new float[h * w];
        for (int i = 0; i < h * w; i++) {
            double y = 0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2];
            expected[i] = (float) Math.min(1.0, Math.max(0.0, y));
        }
        try (Tensor out = (Tensor) p.call(Tensor.of(rgb, h, w, 3))) {
            assertArrayEquals(new long[] {h, w}, out.shape());
            assertArrayEquals(expected, out.toFloatArray(), 1e-6f);
        }
    }
}
