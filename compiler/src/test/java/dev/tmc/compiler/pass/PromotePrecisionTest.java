// Pass "promote-precision": the casts each profile inserts on small programs (printed IR), the
// pass's algebra (idempotent, a no-op without f16/bf16), and f32 accumulation that hardware can
// see (PER_OP).
package dev.tmc.compiler.pass;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.Rounding;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.tmc.compiler.pass.PrecisionPrograms.assertClose;
import static dev.tmc.compiler.pass.PrecisionPrograms.assertVerifies;
import static dev.tmc.compiler.pass.PrecisionPrograms.pipeline;
import static dev.tmc.compiler.pass.PrecisionPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromotePrecisionTest {

    private static Graph promoted(String source, Precision profile) {
        Graph before = pipeline(source, profile);
        Graph after = PromotePrecision.run(before);
        assertVerifies(after);
        assertSame(after, PromotePrecision.run(after), () -> "not idempotent:\n" + GraphPrinter.print(after));
        for (int k = 0; k < before.outputs().size(); k++) {
            assertEquals(before.type(before.outputs().get(k).value()), after.type(after.outputs().get(k).value()),
                    "outputs keep their declared type");
        }
        return after;
    }

    private static String print(String source, Precision profile) {
        return GraphPrinter.print(promoted(source, profile));
    }

    private static final String AFFINE = "pipeline P(x: f16[N, D], w: f16[D], b: f16[D]) -> f16[N, D] { "
            + "return x * w + b; }";

    @Test
    void affineUnderStrictComputesEverythingInF32() {
        assertEquals("""
                pipeline P(x: f16[N, D], w: f16[D], b: f16[D]) -> (out: f16[N, D]) precision strict {
                  %0 = param x : f16[N, D]
                  %1 = param w : f16[D]
                  %2 = param b : f16[D]
                  %3 = cast %0 : f32[N, D] stored f16
                  %4 = cast %1 : f32[D] stored f16
                  %5 = mul %3, %4 : f32[N, D] stored f16
                  %6 = cast %2 : f32[D] stored f16
                  %7 = add %5, %6 : f32[N, D] stored f16
                  %8 = cast %7 : f16[N, D]
                  return out = %8
                }
                """, print(AFFINE, Precision.STRICT));
    }

    /** Plain arithmetic that is only stored as f16 stays f16: the pass returns the graph itself. */
    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"BALANCED", "FAST"})
    void affineUnderBalancedAndFastStaysF16(Precision profile) {
        Graph g = pipeline(AFFINE, profile);
        assertSame(g, PromotePrecision.run(g), () -> GraphPrinter.print(PromotePrecision.run(g)));
    }

    @Test
    void expUnderBalancedIsF32AndRoundedBeforeTheF16Multiply() {
        assertEquals("""
                pipeline P(x: f16[N]) -> (out: f16[N]) precision balanced {
                  %0 = param x : f16[N]
                  %1 = cast %0 : f32[N] stored f16
                  %2 = exp %1 : f32[N] stored f16
                  %3 = cast %2 : f16[N]
                  %4 = const 2 : f16[]
                  %5 = mul %3, %4 : f16[N]
                  return out = %5
                }
                """, print("pipeline P(x: f16[N]) -> f16[N] { return exp(x) * 2; }", Precision.BALANCED));
    }

    @Test
    void expUnderFastStaysF16() {
        Graph g = pipeline("pipeline P(x: f16[N]) -> f16[N] { return exp(x) * 2; }", Precision.FAST);
        assertSame(g, PromotePrecision.run(g));
    }

    @Test
    void sumUnderFastAccumulatesInF32AndIsStoredF16() {
        assertEquals("""
                pipeline P(x: f16[N, D]) -> (out: f16[N]) precision fast {
                  %0 = param x : f16[N, D]
                  %1 = cast %0 : f32[N, D] stored f16
                  %2 = sum %1 axes=[1] : f32[N] stored f16
                  %3 = cast %2 : f16[N]
                  return out = %3
                }
                """, print("pipeline P(x: f16[N, D]) -> f16[N] { return sum(x, axis = -1); }", Precision.FAST));
    }

    /** Matmul accumulates in f32 under every profile, fast included. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void bf16MatmulAccumulatesInF32UnderEveryProfile(Precision profile) {
        assertEquals("""
                pipeline P(x: bf16[N, K], w: bf16[K, D]) -> (out: bf16[N, D]) precision PROFILE {
                  %0 = param x : bf16[N, K]
                  %1 = param w : bf16[K, D]
                  %2 = cast %0 : f32[N, K] stored bf16
                  %3 = cast %1 : f32[K, D] stored bf16
                  %4 = matmul %2, %3 : f32[N, D] stored bf16
                  %5 = cast %4 : bf16[N, D]
                  return out = %5
                }
                """.replace("PROFILE", profile.spelling()),
                print("pipeline P(x: bf16[N, K], w: bf16[K, D]) -> bf16[N, D] { return x @ w; }", profile));
    }

    private static final String RMS_NORM = "pipeline P(x: f16[N, D], w: f16[D]) -> f16[N, D] { "
            + "return rms_norm(x, w); }";

    /** The reduction and rsqrt and all that feeds them in f32; the scaling stays f16. */
    @Test
    void rmsNormUnderBalanced() {
        assertEquals("""
                pipeline P(x: f16[N, D], w: f16[D]) -> (out: f16[N, D]) precision balanced {
                  %0 = param x : f16[N, D]
                  %1 = param w : f16[D]
                  %2 = cast %0 : f32[N, D] stored f16
                  %3 = mul %2, %2 : f32[N, D] stored f16
                  %4 = mean %3 axes=[1] keepdims : f32[N, 1] stored f16
                  %5 = const 1.013279E-6 : f32[]
                  %6 = add %4, %5 : f32[N, 1] stored f16
                  %7 = rsqrt %6 : f32[N, 1] stored f16
                  %8 = cast %7 : f16[N, 1]
                  %9 = mul %0, %8 : f16[N, D]
                  %10 = mul %9, %1 : f16[N, D]
                  return out = %10
                }
                """, print(RMS_NORM, Precision.BALANCED));
    }

    /** After stabilize, the mean's cast back to f16 is a rounding the f32 consumers look through. */
    @Test
    void rmsNormUnderBalancedAfterStabilize() {
        Graph g = PromotePrecision.run(Stabilize.run(pipeline(RMS_NORM, Precision.BALANCED)));
        assertVerifies(g);
        assertEquals("""
                pipeline P(x: f16[N, D], w: f16[D]) -> (out: f16[N, D]) precision balanced {
                  %0 = param x : f16[N, D]
                  %1 = param w : f16[D]
                  %2 = cast %0 : f32[N, D] stored f16
                  %3 = mul %2, %2 : f32[N, D] stored f16
                  %4 = sum %3 axes=[1] keepdims : f32[N, 1]
                  %5 = const 1 : f32[]
                  %6 = dim D : f32[]
                  %7 = div %5, %6 : f32[]
                  %8 = mul %4, %7 : f32[N, 1] stored f16
                  %9 = const 1.013279E-6 : f32[]
                  %10 = add %8, %9 : f32[N, 1] stored f16
                  %11 = rsqrt %10 : f32[N, 1] stored f16
                  %12 = cast %11 : f16[N, 1]
                  %13 = mul %0, %12 : f16[N, D]
                  %14 = mul %13, %1 : f16[N, D]
                  return out = %14
                }
                """, GraphPrinter.print(g));
    }

    @Test
    void rmsNormUnderFastSquaresInF16AndAccumulatesInF32() {
        assertEquals("""
                pipeline P(x: f16[N, D], w: f16[D]) -> (out: f16[N, D]) precision fast {
                  %0 = param x : f16[N, D]
                  %1 = param w : f16[D]
                  %2 = mul %0, %0 : f16[N, D]
                  %3 = cast %2 : f32[N, D] stored f16
                  %4 = mean %3 axes=[1] keepdims : f32[N, 1] stored f16
                  %5 = cast %4 : f16[N, 1]
                  %6 = const 1.0132789611816406E-6 : f16[]
                  %7 = add %5, %6 : f16[N, 1]
                  %8 = rsqrt %7 : f16[N, 1]
                  %9 = mul %0, %8 : f16[N, D]
                  %10 = mul %9, %1 : f16[N, D]
                  return out = %10
                }
                """, print(RMS_NORM, Precision.FAST));
    }

    private static final String MIXED = "pipeline P(x: f16[N, D], y: f16[D, D], k: bf16[D]) -> "
            + "(a: f16[N, D], b: i32[N], c: f32[N, D], d: bf16[N, D], e: f16[D, N], f: bool[N, D]) { "
            + "let m = x @ y; "
            + "return (where(m > x, m, -x), argmax(x * x, axis = 1), (x * x) as f32, ((x + x) as bf16) * k, "
            + "transpose(exp(x) + x), m > x + 1); }";

    /**
     * Comparisons follow an f32 operand rather than round it (they store nothing low); select is
     * plain arithmetic; a user cast to f32 asks for its operand in f32; a user cast to bf16 keeps
     * its meaning; shape ops carry whatever they are given.
     */
    @Test
    void comparisonsSelectsCastsAndShapesUnderBalanced() {
        assertEquals("""
                pipeline P(x: f16[N, D], y: f16[D, D], k: bf16[D]) -> (a: f16[N, D], b: i32[N], c: f32[N, D], \
                d: bf16[N, D], e: f16[D, N], f: bool[N, D]) precision balanced {
                  %0 = param x : f16[N, D]
                  %1 = param y : f16[D, D]
                  %2 = param k : bf16[D]
                  %3 = cast %0 : f32[N, D] stored f16
                  %4 = cast %1 : f32[D, D] stored f16
                  %5 = matmul %3, %4 : f32[N, D] stored f16
                  %6 = gt %5, %3 : bool[N, D]
                  %7 = neg %0 : f16[N, D]
                  %8 = cast %5 : f16[N, D]
                  %9 = select %6, %8, %7 : f16[N, D]
                  %10 = mul %3, %3 : f32[N, D] stored f16
                  %11 = argmax %10 axes=[1] : i32[N]
                  %12 = mul %3, %3 : f32[N, D] stored f16
                  %13 = cast %12 : f32[N, D]
                  %14 = add %0, %0 : f16[N, D]
                  %15 = cast %14 : bf16[N, D]
                  %16 = mul %15, %2 : bf16[N, D]
                  %17 = exp %3 : f32[N, D] stored f16
                  %18 = cast %17 : f16[N, D]
                  %19 = add %18, %0 : f16[N, D]
                  %20 = transpose %19 perm=[1, 0] : f16[D, N]
                  %21 = const 1 : f32[]
                  %22 = add %3, %21 : f32[N, D] stored f16
                  %23 = gt %5, %22 : bool[N, D]
                  return a = %9, b = %11, c = %13, d = %16, e = %20, f = %23
                }
                """, print(MIXED, Precision.BALANCED));
    }

    /** Under strict nothing low is computed: every op with an f16/bf16 operand or result is f32. */
    @Test
    void strictLeavesNoLowArithmetic() {
        Graph g = promoted(MIXED, Precision.STRICT);
        for (Instr i : g.body()) {
            boolean conversionOrLeaf = i.op() instanceof Op.Cast || i.op() instanceof Op.Parameter
                    || i.op() instanceof Op.Constant;
            if (!conversionOrLeaf) {
                assertFalse(PromotePrecisionPlan.isLow(i.type().dtype()), () -> "%" + i.id() + " is computed low:\n"
                        + GraphPrinter.print(g));
                for (int a : i.args()) {
                    assertFalse(PromotePrecisionPlan.isLow(g.type(a).dtype()),
                            () -> "%" + i.id() + " reads a low operand:\n" + GraphPrinter.print(g));
                }
            }
        }
        // One widening per parameter (x, y and k) and one for the user's bf16 value; one rounding per low output.
        long widenings = g.body().stream().filter(i -> i.op() instanceof Op.Cast && i.type().dtype() == DType.F32
                && i.storage() != DType.F32).count();
        assertEquals(4, widenings, () -> GraphPrinter.print(g));
    }

    /** Under fast only the matmul and the reductions compute in f32; exp is f16. */
    @Test
    void fastPromotesOnlyAccumulations() {
        Graph g = promoted(MIXED, Precision.FAST);
        for (Instr i : g.body()) {
            boolean f32 = i.type().dtype() == DType.F32 && i.storage() != DType.F32;
            boolean accumulates = i.op() instanceof Op.MatMul || i.op() instanceof Op.Reduce;
            if (f32 && !(i.op() instanceof Op.Cast)) {
                assertTrue(accumulates, () -> "%" + i.id() + " is f32 under fast:\n" + GraphPrinter.print(g));
            }
        }
        assertTrue(GraphPrinter.print(g).contains("exp %0 : f16[N, D]"), () -> GraphPrinter.print(g));
    }

    static Stream<Arguments> programsAndProfiles() {
        List<String> programs = List.of(AFFINE, RMS_NORM, MIXED,
                "pipeline P(x: f16[N, D]) -> f16[N, D] { return softmax(x) + layer_norm(x, x[0], x[1]); }",
                "pipeline P(x: bf16[N, D]) -> (a: bf16[N], b: f32[N]) { let s = logsumexp(x); return (s, s); }",
                "pipeline P(x: f16[N], y: bf16[N]) -> f32[N] { return x / 3 + y * 2.5; }",
                "pipeline P(x: f16[N, D]) -> f16[D, N] { return concat(transpose(x), transpose(exp(x)), axis = 1)"
                        + "[:, 0:N] ** 2; }");
        List<Arguments> all = new ArrayList<>();
        for (String p : programs) {
            for (Precision profile : Precision.values()) {
                all.add(Arguments.of(p, profile));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("programsAndProfiles")
    void idempotentAlsoAfterStabilize(String source, Precision profile) {
        Graph once = PromotePrecision.run(Stabilize.run(pipeline(source, profile)));
        assertVerifies(once);
        assertSame(once, PromotePrecision.run(once), () -> GraphPrinter.print(once));
        promoted(source, profile);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void graphsWithoutLowValuesAreReturnedAsTheyAre(Precision profile) {
        for (String source : List.of(AFFINE, RMS_NORM, MIXED)) {
            Graph g = pipeline(source.replace("bf16", "f32").replace("f16", "f32"), profile);
            assertSame(g, PromotePrecision.run(g));
        }
    }

    /**
     * (ii) A sum of 100000 values in [0, 1) stored as f16. Accumulating in f16 stalls once the sum
     * reaches 2048 (where f16's spacing is 2); promoted, every profile accumulates in f32.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void longF16SumHasF32ErrorOncePromoted(Precision profile) {
        Graph g = pipeline("pipeline P(x: f16[N]) -> f32[] { return sum(x); }", profile);
        Random random = new Random(42);
        HostArray x = PrecisionPrograms.array(DType.F16, new long[] {100_000}, random::nextDouble);
        // Every partial sum is a multiple of 2^-24 below 2^17: exact in f64.
        double exact = Arrays.stream(x.data()).sum();
        Map<String, HostArray> in = Map.of("x", x);
        double promoted = run(PromotePrecision.run(g), in, Rounding.PER_OP).get("out").data()[0];
        double unpromoted = run(g, in, Rounding.PER_OP).get("out").data()[0];
        assertTrue(Math.abs(promoted - exact) / exact < 1e-4, () -> "promoted " + promoted + " vs " + exact);
        assertTrue(Math.abs(unpromoted - exact) / exact > 1e-2, () -> "unpromoted " + unpromoted + " vs " + exact);
    }

    /** The same for a mean after stabilize: f32 sum times 1/n, never an f16 accumulator. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void longF16MeanHasF16ErrorOnceStabilizedAndPromoted(Precision profile) {
        Graph g = pipeline("pipeline P(x: f16[N]) -> f16[] { return mean(x); }", profile);
        Random random = new Random(7);
        HostArray x = PrecisionPrograms.array(DType.F16, new long[] {100_000}, random::nextDouble);
        Map<String, HostArray> in = Map.of("x", x);
        HostArray reference = run(g, in, Rounding.STORES_ONLY).get("out");
        assertClose(reference, run(PromotePrecision.run(Stabilize.run(g)), in, Rounding.PER_OP).get("out"),
                1e-3, 0, "mean");
        double naive = run(g, in, Rounding.PER_OP).get("out").data()[0];
        assertTrue(Math.abs(naive - reference.data()[0]) > 0.1, () -> "f16 mean " + naive);
    }
}
