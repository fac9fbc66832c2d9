// Pass "stabilize": each rule's rewrite as printed IR, what it leaves alone, that it keeps the
// reference meaning, and that a naive f16 softmax becomes finite once stabilized and promoted.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.Rounding;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.tmc.compiler.pass.PrecisionPrograms.assertAllFinite;
import static dev.tmc.compiler.pass.PrecisionPrograms.assertClose;
import static dev.tmc.compiler.pass.PrecisionPrograms.assertVerifies;
import static dev.tmc.compiler.pass.PrecisionPrograms.pipeline;
import static dev.tmc.compiler.pass.PrecisionPrograms.randomInputs;
import static dev.tmc.compiler.pass.PrecisionPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StabilizeTest {

    private static Graph stabilized(String source) {
        Graph before = pipeline(source, Precision.BALANCED);
        assertVerifies(before);
        Graph after = Stabilize.run(before);
        assertVerifies(after);
        assertSame(after, Stabilize.run(after), () -> "not idempotent:\n" + GraphPrinter.print(after));
        assertEquals(before.outputs().size(), after.outputs().size());
        for (int k = 0; k < before.outputs().size(); k++) {
            Graph b = before;
            int index = k;
            assertEquals(before.instr(before.outputs().get(k).value()).storedType(),
                    after.instr(after.outputs().get(k).value()).storedType(),
                    () -> "output " + b.outputs().get(index).name());
            assertEquals(before.type(before.outputs().get(k).value()), after.type(after.outputs().get(k).value()));
        }
        return after;
    }

    private static void assertPrints(String expected, Graph g) {
        assertEquals(expected, GraphPrinter.print(g));
    }

    @Test
    void naiveSoftmaxIsShiftedByItsMax() {
        assertPrints("""
                pipeline P(x: f32[N, D]) -> (out: f32[N, D]) precision balanced {
                  %0 = param x : f32[N, D]
                  %1 = max %0 axes=[1] keepdims : f32[N, 1]
                  %2 = sub %0, %1 : f32[N, D]
                  %3 = exp %2 : f32[N, D]
                  %4 = sum %3 axes=[1] keepdims : f32[N, 1]
                  %5 = div %3, %4 : f32[N, D]
                  return out = %5
                }
                """, stabilized("pipeline P(x: f32[N, D]) -> f32[N, D] { "
                + "return exp(x) / sum(exp(x), axis = -1, keepdims = true); }"));
    }

    @Test
    void softmaxThroughOneSharedExpIsShiftedToo() {
        Graph g = stabilized("pipeline P(x: f16[B, N, D]) -> f16[B, N, D] { "
                + "let e = exp(x); return e / sum(e, axis = 1, keepdims = true); }");
        assertEquals(1, g.body().stream().filter(i -> i.op() instanceof Op.Reduce r && r.fn() == ReduceFn.MAX
                && r.axes().equals(List.of(1))).count(), () -> GraphPrinter.print(g));
        assertEquals(1, PrecisionPrograms.count(g, Op.Unary.class), () -> GraphPrinter.print(g));
    }

    @Test
    void naiveLogSumExpIsShiftedWithAndWithoutKeepdims() {
        assertPrints("""
                pipeline P(x: f32[N, D]) -> (a: f32[N], b: f32[N, 1]) precision balanced {
                  %0 = param x : f32[N, D]
                  %1 = max %0 axes=[1] keepdims : f32[N, 1]
                  %2 = sub %0, %1 : f32[N, D]
                  %3 = exp %2 : f32[N, D]
                  %4 = sum %3 axes=[1] : f32[N]
                  %5 = log %4 : f32[N]
                  %6 = reshape %1 : f32[N]
                  %7 = add %5, %6 : f32[N]
                  %8 = max %0 axes=[1] keepdims : f32[N, 1]
                  %9 = sub %0, %8 : f32[N, D]
                  %10 = exp %9 : f32[N, D]
                  %11 = sum %10 axes=[1] keepdims : f32[N, 1]
                  %12 = log %11 : f32[N, 1]
                  %13 = add %12, %8 : f32[N, 1]
                  return a = %7, b = %13
                }
                """, stabilized("pipeline P(x: f32[N, D]) -> (a: f32[N], b: f32[N, 1]) { return ("
                + "log(sum(exp(x), axis = 1)), log(sum(exp(x), axis = -1, keepdims = true))); }"));
    }

    @Test
    void logOfOnePlusXIsLog1pInEveryFloatDtypeAndShape() {
        assertPrints("""
                pipeline P(x: f16[N], y: bf16[N, D], z: f32[D]) -> (a: f16[N], b: bf16[N, D], c: f32[N, D]) \
                precision balanced {
                  %0 = param x : f16[N]
                  %1 = param y : bf16[N, D]
                  %2 = param z : f32[D]
                  %3 = log1p %0 : f16[N]
                  %4 = log1p %1 : bf16[N, D]
                  %5 = broadcast %2 : f32[N, D]
                  %6 = log1p %5 : f32[N, D]
                  return a = %3, b = %4, c = %6
                }
                """, stabilized("pipeline P(x: f16[N], y: bf16[N, D], z: f32[D]) -> "
                + "(a: f16[N], b: bf16[N, D], c: f32[N, D]) { "
                + "return (log(1 + x), log(y + 1.0), log(broadcast(1.0, N, D) + z)); }"));
    }

    @Test
    void meanIsAnF32SumTimesTheReciprocalCount() {
        assertPrints("""
                pipeline P(x: f16[N, D], y: f32[4, 8]) -> (a: f16[N], b: f32[4, 1]) precision balanced {
                  %0 = param x : f16[N, D]
                  %1 = param y : f32[4, 8]
                  %2 = cast %0 : f32[N, D] stored f16
                  %3 = sum %2 axes=[1] : f32[N]
                  %4 = const 1 : f32[]
                  %5 = dim D : f32[]
                  %6 = div %4, %5 : f32[]
                  %7 = mul %3, %6 : f32[N] stored f16
                  %8 = cast %7 : f16[N]
                  %9 = sum %1 axes=[1] keepdims : f32[4, 1]
                  %10 = const 0.125 : f32[]
                  %11 = mul %9, %10 : f32[4, 1]
                  return a = %8, b = %11
                }
                """, stabilized("pipeline P(x: f16[N, D], y: f32[4, 8]) -> (a: f16[N], b: f32[4, 1]) { "
                + "return (mean(x, axis = -1), mean(y, axis = 1, keepdims = true)); }"));
    }

    @Test
    void meanOverAllAxesCountsEveryDim() {
        Graph g = stabilized("pipeline P(x: bf16[N, D]) -> bf16[] { return mean(x); }");
        assertTrue(GraphPrinter.print(g).contains("dim D*N : f32[]"), () -> GraphPrinter.print(g));
        assertEquals(0, g.body().stream().filter(i -> i.op() instanceof Op.Reduce r && r.fn() == ReduceFn.MEAN)
                .count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32", "f16", "bf16"})
    void preludeCompositesAreAlreadyStable(String dtype) {
        for (String call : List.of("softmax(x)", "log_softmax(x)", "x - logsumexp(x, keepdims = true)",
                "softmax(x, axis = 0)", "gelu(x)", "silu(x)")) {
            Graph g = pipeline(("pipeline P(x: T[N, D]) -> T[N, D] { return " + call + "; }")
                    .replace("T", dtype), Precision.BALANCED);
            assertSame(g, Stabilize.run(g), () -> call + "\n" + GraphPrinter.print(g));
        }
    }

    @Test
    void nearMissesAreLeftAlone() {
        for (String body : List.of(
                "return log(2 + x);",
                "return log(x - 1);",
                "return exp(x) / sum(exp(y), axis = -1, keepdims = true);",
                "return exp(x) / sum(x, axis = -1, keepdims = true);",
                "return log(sum(x, axis = -1, keepdims = true)) + exp(x);")) {
            Graph g = pipeline("pipeline P(x: f32[N, D], y: f32[N, D]) -> f32[N, D] { " + body + " }",
                    Precision.BALANCED);
            assertSame(g, Stabilize.run(g), () -> body + "\n" + GraphPrinter.print(g));
        }
    }

    @Test
    void eachRuleFiresAlone() {
        Graph g = pipeline("pipeline P(x: f32[N, D]) -> (a: f32[N, D], b: f32[N], c: f32[N, D], d: f32[N]) { "
                + "return (exp(x) / sum(exp(x), axis = 1, keepdims = true), log(sum(exp(x), axis = 1)), "
                + "log(x + 1), mean(x, axis = 1)); }", Precision.BALANCED);
        for (Stabilize.Rule rule : Stabilize.RULES) {
            Graph after = Stabilize.run(g, List.of(rule));
            assertVerifies(after);
            assertTrue(after != g, rule.name() + " did not fire");
        }
    }

    /** (iv) log1p and mean keep the reference meaning where both sides are exact in f64. */
    @Test
    void log1pAndMeanKeepTheMeaning() {
        Graph g = pipeline("pipeline P(x: f32[N, D]) -> (a: f32[N, D], b: f32[N], c: f32[N, 1], d: f32[]) { "
                + "return (log(1 + x), mean(x, axis = 1), mean(x * x, axis = -1, keepdims = true), mean(x)); }",
                Precision.BALANCED);
        Graph after = Stabilize.run(g);
        assertEquals(0, after.body().stream().filter(i -> i.op() instanceof Op.Unary u && u.fn() == UnaryFn.LOG)
                .count(), () -> GraphPrinter.print(after));
        for (long seed = 1; seed <= 5; seed++) {
            // Values in [0.25, 4) on a grid of 1/64: 1 + x and every sum are exact in f64.
            Random random = new Random(seed);
            HostArray x = PrecisionPrograms.array(DType.F32, new long[] {4, 8},
                    () -> 0.25 + random.nextInt(240) / 64.0);
            Map<String, HostArray> in = Map.of("x", x);
            Map<String, HostArray> want = run(g, in, Rounding.STORES_ONLY);
            Map<String, HostArray> got = run(after, in, Rounding.STORES_ONLY);
            for (String name : want.keySet()) {
                assertClose(want.get(name), got.get(name), 1e-12, 0, name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32", "f16", "bf16"})
    void softmaxAndLogSumExpKeepTheMeaning(String dtype) {
        Graph g = pipeline(("pipeline P(x: T[N, D]) -> (a: T[N, D], b: T[N], c: T[N, D]) { "
                + "return (exp(x) / sum(exp(x), axis = -1, keepdims = true), log(sum(exp(x), axis = 1)), "
                + "log(1.0 + x * x)); }").replace("T", dtype), Precision.BALANCED);
        Graph after = Stabilize.run(g);
        for (long seed = 1; seed <= 5; seed++) {
            Map<String, HostArray> in = randomInputs(g, seed, -8, 8);
            Map<String, HostArray> want = run(g, in, Rounding.STORES_ONLY);
            Map<String, HostArray> got = run(after, in, Rounding.STORES_ONLY);
            for (String name : want.keySet()) {
                // Both sides round nearly the same f64 value to the output dtype: one unit apart at most.
                assertClose(want.get(name), got.get(name), PrecisionPrograms.tolerance(want.get(name).dtype()),
                        0, name);
            }
        }
    }

    private static final String NAIVE_SOFTMAX = "pipeline P(x: f16[N, D]) -> f16[N, D] { "
            + "return exp(x) / sum(exp(x), axis = -1, keepdims = true); }";

    private static HostArray logits(long seed, double bound) {
        Random random = new Random(seed);
        return PrecisionPrograms.array(DType.F16, new long[] {6, 32}, () -> (2 * random.nextDouble() - 1) * bound);
    }

    /**
     * (i) A naive f16 softmax of logits in [-60, 60]: exp(60) is far beyond f16's 65504, so hardware
     * computing it in f16 gets inf/inf = NaN. Stabilized and promoted, it matches the f64 reference.
     */
    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"STRICT", "BALANCED"})
    void naiveF16SoftmaxStaysFiniteOnceStabilizedAndPromoted(Precision profile) {
        Graph naive = pipeline(NAIVE_SOFTMAX, profile);
        Graph compiled = PromotePrecision.run(Stabilize.run(naive));
        assertVerifies(compiled);
        for (long seed = 1; seed <= 4; seed++) {
            Map<String, HostArray> in = Map.of("x", logits(seed, 60));
            HostArray reference = run(naive, in, Rounding.STORES_ONLY).get("out");
            HostArray hardware = run(compiled, in, Rounding.PER_OP).get("out");
            assertAllFinite(hardware, "stabilized softmax");
            // f16 holds 11 significant bits; outputs below 2^-14 are subnormal (spacing 6e-8).
            assertClose(reference, hardware, 1e-3, 1e-7, "softmax seed " + seed);
            assertTrue(PrecisionPrograms.anyNonFinite(run(naive, in, Rounding.PER_OP).get("out")),
                    "the naive f16 softmax should overflow");
        }
    }

    /** Under fast, exp runs in f16 but on shifted (non-positive) arguments: finite, if less exact. */
    @Test
    void naiveF16SoftmaxIsFiniteUnderFastToo() {
        Graph naive = pipeline(NAIVE_SOFTMAX, Precision.FAST);
        Graph compiled = PromotePrecision.run(Stabilize.run(naive));
        Map<String, HostArray> in = Map.of("x", logits(7, 60));
        HostArray hardware = run(compiled, in, Rounding.PER_OP).get("out");
        assertAllFinite(hardware, "fast softmax");
        assertClose(run(naive, in, Rounding.STORES_ONLY).get("out"), hardware, 0.1, 1e-3, "fast softmax");
    }

    /** Promotion alone is not enough: exp(100) overflows f32 as well; the max shift is what saves it. */
    @Test
    void promotionWithoutStabilizeStillOverflowsLargeLogits() {
        Graph naive = pipeline(NAIVE_SOFTMAX, Precision.STRICT);
        Map<String, HostArray> in = Map.of("x", logits(3, 100));
        assertTrue(PrecisionPrograms.anyNonFinite(run(PromotePrecision.run(naive), in, Rounding.PER_OP).get("out")));
        assertAllFinite(run(PromotePrecision.run(Stabilize.run(naive)), in, Rounding.PER_OP).get("out"),
                "stabilized softmax");
    }
}
