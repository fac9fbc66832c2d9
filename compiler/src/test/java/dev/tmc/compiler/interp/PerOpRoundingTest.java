// The interpreter's PER_OP rounding: each result rounded to its compute dtype, and the running
// accumulator of sums, products, means and matmuls rounded after every step, in serial order.
// STORES_ONLY (the reference meaning) stays the default.
package dev.tmc.compiler.interp;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class PerOpRoundingTest {

    private static Graph compile(String source) {
        Diagnostics d = new Diagnostics();
        var m = Frontend.lower(new SourceFile("test.tm", source), Precision.BALANCED, d);
        if (m.isEmpty()) {
            fail("does not compile:\n" + DiagnosticRenderer.render(d.all()));
        }
        return m.get().pipelines().get(0);
    }

    private static double[] run(Graph g, Map<String, HostArray> in, Rounding rounding) {
        try {
            return Interpreter.run(g, in, rounding).get("out").data();
        } catch (InputError e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static HostArray filled(DType dtype, long[] shape, double value) {
        double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
        Arrays.fill(data, dtype.round(value));
        return new HostArray(dtype, shape, data);
    }

    private static HostArray random(DType dtype, long[] shape, long seed) {
        Random r = new Random(seed);
        double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
        for (int k = 0; k < data.length; k++) {
            data[k] = dtype.round(r.nextDouble());
        }
        return new HostArray(dtype, shape, data);
    }

    @Test
    void storesOnlyIsTheDefault() throws InputError {
        Graph g = compile("pipeline P(x: f16[N], y: f16[N]) -> f16[N] { return (x + y) - x + sum(x) / 7; }");
        Map<String, HostArray> in = Map.of("x", random(DType.F16, new long[] {64}, 1),
                "y", random(DType.F16, new long[] {64}, 2));
        assertEquals(Interpreter.run(g, in), Interpreter.run(g, in, Rounding.STORES_ONLY));
    }

    /** 1 + 2^-14 is 1 in f16, so (x + y) - x loses y entirely when every op rounds. */
    @Test
    void everyResultIsRoundedToItsDtype() {
        Graph g = compile("pipeline P(x: f16[N], y: f16[N]) -> f16[N] { return (x + y) - x; }");
        Map<String, HostArray> in = Map.of("x", filled(DType.F16, new long[] {3}, 1.0),
                "y", filled(DType.F16, new long[] {3}, 0x1p-14));
        assertEquals(0x1p-14, run(g, in, Rounding.STORES_ONLY)[0]);
        assertEquals(0.0, run(g, in, Rounding.PER_OP)[0]);
    }

    @Test
    void f32ResultsRoundToF32() {
        Graph g = compile("pipeline P(x: f32[N], y: f32[N]) -> f32[N] { return (x + y) - x; }");
        Map<String, HostArray> in = Map.of("x", filled(DType.F32, new long[] {2}, 1.0),
                "y", filled(DType.F32, new long[] {2}, 0x1p-30));
        assertEquals(0x1p-30, run(g, in, Rounding.STORES_ONLY)[0]);
        assertEquals(0.0, run(g, in, Rounding.PER_OP)[0]);
    }

    /**
     * A value computed in f32 but stored as f16 rounds to f32 under PER_OP: the compute dtype is
     * what the hardware holds between ops (the storage dtype matters only where it is stored).
     */
    @Test
    void computeDtypeNotStorageDecides() {
        TensorType f16 = new TensorType(DType.F16, Shape.of(1));
        TensorType f32 = f16.withDType(DType.F32);
        GraphBuilder b = new GraphBuilder();
        SourceSpan s = SourceSpan.NONE;
        int x = b.add(new Op.Parameter(0), List.of(), f16, s);
        int y = b.add(new Op.Parameter(1), List.of(), f16, s);
        int xf = b.add(new Op.Cast(), List.of(x), f32, DType.F16, s);
        int yf = b.add(new Op.Cast(), List.of(y), f32, DType.F16, s);
        int sum = b.add(new Op.Binary(BinaryFn.ADD), List.of(xf, yf), f32, DType.F16, s);
        int diff = b.add(new Op.Binary(BinaryFn.SUB), List.of(sum, xf), f32, DType.F16, s);
        int out = b.add(new Op.Cast(), List.of(diff), f16, s);
        Graph g = new Graph("P", List.of(param("x", f16), param("y", f16)), b.body(),
                List.of(new GraphOutput("out", out, s)), Precision.STRICT, List.of(), s);
        Map<String, HostArray> in = Map.of("x", filled(DType.F16, new long[] {1}, 1.0),
                "y", filled(DType.F16, new long[] {1}, 0x1p-14));
        assertEquals(0x1p-14, run(g, in, Rounding.PER_OP)[0]);
    }

    private static GraphParam param(String name, TensorType type) {
        return new GraphParam(name, type, false, OptionalDouble.empty(), SourceSpan.NONE);
    }

    /** Past 2048 f16's spacing is 2: adding 1 rounds back (ties to even), so the sum stalls. */
    @Test
    void f16SumAccumulatorStallsAt2048() {
        Graph g = compile("pipeline P(x: f16[N]) -> f16[] { return sum(x); }");
        Map<String, HostArray> in = Map.of("x", filled(DType.F16, new long[] {4096}, 1.0));
        assertEquals(4096.0, run(g, in, Rounding.STORES_ONLY)[0]);
        assertEquals(2048.0, run(g, in, Rounding.PER_OP)[0]);
    }

    @Test
    void bf16SumAccumulatorStallsAt256() {
        Graph g = compile("pipeline P(x: bf16[N]) -> f32[] { return sum(x) as f32; }");
        Map<String, HostArray> in = Map.of("x", filled(DType.BF16, new long[] {1000}, 1.0));
        assertEquals(1000.0, run(g, in, Rounding.STORES_ONLY)[0]);
        assertEquals(256.0, run(g, in, Rounding.PER_OP)[0]);
    }

    @Test
    void meanAccumulatesLikeASum() {
        Graph g = compile("pipeline P(x: f16[N]) -> f16[] { return mean(x); }");
        Map<String, HostArray> in = Map.of("x", filled(DType.F16, new long[] {4096}, 1.0));
        assertEquals(1.0, run(g, in, Rounding.STORES_ONLY)[0]);
        assertEquals(0.5, run(g, in, Rounding.PER_OP)[0]);
    }

    /** Serial order, per output element, along the reduced axis. */
    @Test
    void sumAndProdRoundAfterEveryStepInSerialOrder() {
        Graph sum = compile("pipeline P(x: f16[R, N]) -> f32[R] { return sum(x, axis = 1) as f32; }");
        Graph prod = compile("pipeline P(x: f16[R, N]) -> f32[R] { return prod(1 + x * 0.01, axis = 1) as f32; }");
        HostArray x = random(DType.F16, new long[] {3, 3000}, 5);
        double[] sums = run(sum, Map.of("x", x), Rounding.PER_OP);
        double[] prods = run(prod, Map.of("x", x), Rounding.PER_OP);
        for (int r = 0; r < 3; r++) {
            double s = x.data()[r * 3000];
            double scale = DType.F16.round(0.01);
            double p = DType.F16.round(1 + DType.F16.round(x.data()[r * 3000] * scale));
            for (int k = 1; k < 3000; k++) {
                double v = x.data()[r * 3000 + k];
                s = DType.F16.round(s + v);
                p = DType.F16.round(p * DType.F16.round(1 + DType.F16.round(v * scale)));
            }
            assertEquals(s, sums[r], "row " + r);
            assertEquals(p, prods[r], "row " + r);
        }
    }

    @Test
    void matmulAccumulatorIsRoundedToo() {
        Graph g = compile("pipeline P(a: f16[M, K], b: f16[K, N]) -> f16[M, N] { return a @ b; }");
        Map<String, HostArray> in = Map.of("a", filled(DType.F16, new long[] {2, 4096}, 1.0),
                "b", filled(DType.F16, new long[] {4096, 3}, 1.0));
        assertEquals(4096.0, run(g, in, Rounding.STORES_ONLY)[0]);
        assertEquals(2048.0, run(g, in, Rounding.PER_OP)[0]);
    }

    @Test
    void integersAndExactOpsAreUnaffected() {
        Graph g = compile("pipeline P(i: i32[N], x: f16[N]) -> (out: i32[], m: f16[], t: i32[]) { "
                + "return (sum(i * 3), max(x), argmax(x)); }");
        HostArray i = new HostArray(DType.I32, new long[] {4},
                new double[] {Integer.MAX_VALUE, 5, -7, 123456});
        Map<String, HostArray> in = Map.of("i", i, "x", random(DType.F16, new long[] {4}, 3));
        try {
            assertEquals(Interpreter.run(g, in, Rounding.STORES_ONLY), Interpreter.run(g, in, Rounding.PER_OP));
        } catch (InputError e) {
            throw new AssertionError(e);
        }
    }
}
