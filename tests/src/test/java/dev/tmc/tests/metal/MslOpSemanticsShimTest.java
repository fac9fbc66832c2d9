// Every operation kernel IR has, on every dtype, run through the MSL printer, the tmc prelude and
// the Metal shim on special values (NaN, infinities, signed zeros, overflow, subnormals), against
// OpSemantics and DType.round: exact where the language is exact, within an ulp or two for
// transcendental functions. Also simd reductions, a cooperative softmax, and the shim's report
// of a barrier in divergent control flow.
package dev.tmc.tests.metal;

import dev.tmc.codegen.metal.MslPrinter;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.OpSemantics;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MslOpSemanticsShimTest {
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.75, -3.75, 0.1, 1e-3, 1e-7, -1e-5, 0.875, -0.875, 1.4375, 2, -3.92, 4.5,
        20, -20, 88.5, 100, 1e4, 65504, 65519, 65520, 70000, 1e30, -1e30, 3.4e38, 1e-40, 0x1p-14, 0x1p-24, 6e-8,
        2147483520.0, 2147483648.0, -2147483648.0, 3e9, -3e9, 0.9999, -0.99999, 16777217, 33685504};
    private static final double[] PAIRS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1, -1, 2, -2, 0.5, 3.5, -7.25, 1e20, 65504};
    private static final double[] INTS = {0, 1, -1, 2, -2, 3, -3, 7, -7, 10, 46341, 123456, -99999, 2147483647,
        -2147483648.0};

    private static Path exe;
    private static ShimProgram.Unit unit;
    private static final Map<String, Kernel> KERNELS = new LinkedHashMap<>();

    @BeforeAll
    static void build() {
        Gxx.compiler();
        for (Kernel k : MslShimCompileTest.allHandKernels()) {
            KERNELS.put(k.name(), k);
        }
        KERNELS.put("divergent", HandKernels.divergentBarrier());
        List<Kernel> all = List.copyOf(KERNELS.values());
        unit = new ShimProgram.Unit("ops", MslPrinter.print("ops.tm", all), all);
        exe = ShimProgram.build(ShimWork.fresh("ops"), List.of(unit));
    }

    /** Runs one kernel over {@code n} elements; inputs and outputs by buffer name, outputs sized per name. */
    private static Map<String, HostArray> run(String kernel, int n, long groups, Map<String, double[]> inputs,
                                              Map<String, Integer> outputCounts) {
        Kernel k = KERNELS.get(kernel);
        ShimJob job = new ShimJob(ShimWork.fresh("ops-" + kernel));
        List<String> ids = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Kernel.BufferArg b : k.buffers()) {
            ids.add(b.name());
            if (b.written()) {
                job.buffer(b.name(), (long) outputCounts.get(b.name()) * b.dtype().byteSize());
            } else {
                double[] values = inputs.get(b.name());
                job.buffer(b.name(), (long) values.length * b.dtype().byteSize());
                job.input(b.name(), Bytes.of(b.dtype(), values));
            }
        }
        job.launch(unit.kernelId(k), groups, HandKernels.THREADS, ids, List.of(Bytes.scalar(DType.I32, n)));
        for (Kernel.BufferArg b : k.buffers()) {
            if (b.written()) {
                files.put(b.name(), job.output(b.name()));
            }
        }
        job.run(exe);
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (Kernel.BufferArg b : k.buffers()) {
            if (b.written()) {
                byte[] bytes = ShimJob.read(files.get(b.name()));
                out.put(b.name(), Bytes.read(b.dtype(), new long[] {bytes.length / b.dtype().byteSize()}, bytes));
            }
        }
        return out;
    }

    private static double[] rounded(DType t, double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = t.round(values[i]);
        }
        return out;
    }

    /** Fails listing every element off by more than {@code ulps} (0: bit for bit, NaN payloads aside). */
    private static void check(List<String> failures, String what, DType t, double expected, double actual, long ulps) {
        boolean ok = ulps == 0 ? Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)
                : Ulps.between(t, expected, actual) <= ulps;
        if (!ok) {
            failures.add(what + ": expected " + expected + ", got " + actual);
        }
    }

    private static void assertNone(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " mismatches:\n" + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        }
    }

    private static long ulps(DType t, boolean exact) {
        return exact ? 0 : t == DType.F32 ? 2 : 1;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F16", "BF16", "I32"})
    void unaryFunctionsMeanWhatOpSemanticsSays(DType t) {
        double[] x = rounded(t, t == DType.I32 ? INTS : SPECIAL);
        int n = x.length;
        List<UnaryFn> fns = HandKernels.unaryFns(t);
        Map<String, HostArray> out = run("unary_" + t.spelling(), n, 1, Map.of("in_x", x),
                Map.of("out", fns.size() * n, "out_not", n));
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < fns.size(); k++) {
            UnaryFn fn = fns.get(k);
            for (int i = 0; i < n; i++) {
                double e = t == DType.I32 ? OpSemantics.integer(fn, (int) x[i]) : t.round(OpSemantics.unary(fn, x[i]));
                check(failures, fn + "(" + x[i] + ")", t, e, out.get("out").data()[k * n + i],
                        ulps(t, !fn.isTranscendental()));
            }
        }
        for (int i = 0; i < n; i++) {
            check(failures, "not(" + x[i] + ")", DType.BOOL, OpSemantics.unary(UnaryFn.NOT, x[i]),
                    out.get("out_not").data()[i], 0);
        }
        assertNone(failures);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void binaryFunctionsMeanWhatOpSemanticsSays(DType t) {
        double[] values = t == DType.BOOL ? new double[] {0, 1} : rounded(t, t == DType.I32 ? INTS : PAIRS);
        int n = values.length * values.length;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = values[i / values.length];
            y[i] = values[i % values.length];
        }
        List<BinaryFn> arith = HandKernels.arithmetic(t);
        List<BinaryFn> preds = HandKernels.predicates();
        Map<String, Integer> sizes = new LinkedHashMap<>(Map.of("out_p", preds.size() * n));
        if (!arith.isEmpty()) {
            sizes.put("out", arith.size() * n);
        }
        Map<String, HostArray> out = run("binary_" + t.spelling(), n, 1, Map.of("in_x", x, "in_y", y), sizes);
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < arith.size(); k++) {
            BinaryFn fn = arith.get(k);
            boolean exact = fn != BinaryFn.POW && fn != BinaryFn.MOD;
            for (int i = 0; i < n; i++) {
                double e = t == DType.I32 ? OpSemantics.integer(fn, (int) x[i], (int) y[i])
                        : t.round(OpSemantics.binary(fn, x[i], y[i]));
                check(failures, fn + "(" + x[i] + ", " + y[i] + ")", t, e, out.get("out").data()[k * n + i],
                        ulps(t, exact || (fn == BinaryFn.POW && y[i] == 2)));
            }
        }
        for (int k = 0; k < preds.size(); k++) {
            BinaryFn fn = preds.get(k);
            for (int i = 0; i < n; i++) {
                check(failures, fn + "(" + x[i] + ", " + y[i] + ")", DType.BOOL, OpSemantics.binary(fn, x[i], y[i]),
                        out.get("out_p").data()[k * n + i], 0);
            }
        }
        assertNone(failures);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void conversionsRoundAsDTypeRoundDoes(DType from) {
        double[] x = rounded(from, from == DType.I32 ? INTS : from == DType.BOOL ? new double[] {0, 1} : SPECIAL);
        int n = x.length;
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (DType to : DType.values()) {
            if (to != from) {
                sizes.put("out_" + to.spelling(), n);
            }
        }
        Map<String, HostArray> out = run("convert_" + from.spelling(), n, 1, Map.of("in_x", x), sizes);
        List<String> failures = new ArrayList<>();
        for (DType to : DType.values()) {
            if (to != from) {
                for (int i = 0; i < n; i++) {
                    check(failures, from + " " + x[i] + " as " + to, to, to.round(x[i]),
                            out.get("out_" + to.spelling()).data()[i], 0);
                }
            }
        }
        assertNone(failures);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F16", "BF16", "I32"})
    void simdReductionsCombineTheirSimdgroup(DType t) {
        int n = HandKernels.THREADS;
        double[] x = new double[n];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            x[i] = t == DType.I32 ? rnd.nextInt(-100, 101) : Math.round(rnd.nextDouble(-2, 2) * 64) / 64.0;
        }
        if (t == DType.I32) {
            x[40] = Integer.MAX_VALUE; // the sum of simdgroup 1 wraps
            x[41] = Integer.MAX_VALUE;
        } else {
            x[37] = Double.NaN; // simdgroup 1
            x[64] = Double.POSITIVE_INFINITY; // simdgroup 2
            x[65] = Double.NEGATIVE_INFINITY;
            for (int i = 96; i < 160; i++) {
                x[i] = i % 3 == 0 ? 0.0 : -0.0; // simdgroup 3 mixes zeros, simdgroup 4 too
            }
            for (int i = 128; i < 160; i++) {
                x[i] = -0.0; // simdgroup 4: all -0.0
            }
        }
        x = rounded(t, x);
        Map<String, HostArray> out = run("simd_" + t.spelling(), n, 1, Map.of("in_x", x), Map.of("out", 4 * n));
        List<String> failures = new ArrayList<>();
        Combine[] all = Combine.values();
        for (int k = 0; k < all.length; k++) {
            for (int g = 0; g < n / HandKernels.SIMD; g++) {
                double e = expectedSimd(all[k], t, x, g * HandKernels.SIMD);
                for (int lane = 0; lane < HandKernels.SIMD; lane++) {
                    double a = out.get("out").data()[k * n + g * HandKernels.SIMD + lane];
                    boolean exact = all[k] == Combine.MAX || all[k] == Combine.MIN || t == DType.I32;
                    boolean ok = exact ? Double.doubleToLongBits(e) == Double.doubleToLongBits(a)
                            : dev.tmc.compiler.testing.Tolerance.close(t, e, a, 1);
                    if (!ok) {
                        failures.add("simd " + all[k] + " of simdgroup " + g + ", lane " + lane + ": expected " + e
                                + ", got " + a);
                    }
                }
            }
        }
        assertNone(failures);
    }

    private static double expectedSimd(Combine c, DType t, double[] x, int first) {
        if (t == DType.I32) {
            int acc = (int) c.identity(t);
            for (int i = first; i < first + HandKernels.SIMD; i++) {
                BinaryFn fn = c == Combine.SUM ? BinaryFn.ADD : c == Combine.PROD ? BinaryFn.MUL
                        : c == Combine.MAX ? BinaryFn.MAX : BinaryFn.MIN;
                acc = OpSemantics.integer(fn, acc, (int) x[i]);
            }
            return acc;
        }
        double acc = c.identity(t);
        for (int i = first; i < first + HandKernels.SIMD; i++) {
            switch (c) {
                case SUM: acc += x[i]; break;
                case PROD: acc *= x[i]; break;
                case MAX: acc = OpSemantics.max(acc, x[i]); break;
                default: acc = OpSemantics.min(acc, x[i]);
            }
        }
        return t.round(acc);
    }

    @Test
    void softmaxOverRowsLongerThanAThreadgroup() {
        int rows = 3;
        int n = 600;
        double[] x = new double[rows * n];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(-5, 5);
        }
        Map<String, HostArray> out = run("softmax_rows", n, rows, Map.of("in_x", x), Map.of("out_y", rows * n));
        List<String> failures = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int e = 0; e < n; e++) {
                max = Math.max(max, x[r * n + e]);
            }
            for (int e = 0; e < n; e++) {
                sum += Math.exp(x[r * n + e] - max);
            }
            for (int e = 0; e < n; e++) {
                double expected = Math.exp(x[r * n + e] - max) / sum;
                double actual = out.get("out_y").data()[r * n + e];
                if (!dev.tmc.compiler.testing.Tolerance.close(DType.F32, expected, actual, 1e-3)) {
                    failures.add("row " + r + " element " + e + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertNone(failures);
    }

    @Test
    void barrierInDivergentControlFlowIsReported() {
        AssertionError e = assertThrows(AssertionError.class, () -> run("divergent", 0, 1, Map.of(),
                Map.of("out_y", HandKernels.THREADS)));
        assertTrue(e.getMessage().contains("divergent control flow"), e.getMessage());
    }
}
