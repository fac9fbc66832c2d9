// Kernels written by hand in kernel IR: one per operation family and dtype (every op on every
// dtype the IR allows, for the op-semantics test) and a cooperative softmax with threadgroup
// memory, barriers and simd reductions, shaped as lower-kernels shapes row reductions.
package dev.tmc.tests.metal;

import dev.tmc.compiler.fusion.Template;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.tmc.tests.metal.K.*;

final class HandKernels {
    static final int THREADS = 256;
    static final int SIMD = 32;

    private HandKernels() {
    }

    static Kernel.BufferArg in(String name, DType t) {
        return new Kernel.BufferArg(name, t, false, new Kernel.ParamBuffer(0, 0));
    }

    static Kernel.BufferArg out(String name, DType t) {
        return new Kernel.BufferArg(name, t, true, new Kernel.OutputBuffer(0, 0));
    }

    static final Kernel.ScalarArg N = new Kernel.ScalarArg("d_n", DType.I32, new Kernel.DimSource("n"));

    static Kernel kernel(String name, Template t, List<Kernel.BufferArg> buffers, DimExpr groups, List<KStmt> body) {
        return new Kernel(name, t, "hand-built " + name, buffers, List.of(N), new Kernel.Launch(groups, THREADS), body);
    }

    /** One thread per element: {@code if (gid < n) { x = in_x[gid]; body }}. */
    private static Kernel elementwise(String name, List<Kernel.BufferArg> buffers, DType in, List<KStmt> perElement) {
        List<KStmt> then = new ArrayList<>();
        then.add(declare("x", load("in_x", ivar("i"), in)));
        then.addAll(perElement);
        List<KStmt> body = List.of(declare("i", at(ThreadAxis.THREAD_IN_GRID)),
                when(lt(ivar("i"), ivar("d_n")), then));
        return kernel(name, Template.POINTWISE, buffers, DimExpr.sym("n").ceilDiv(THREADS), body);
    }

    /** The unary functions kernel IR allows on {@code t} (NOT, with its bool result, apart). */
    static List<UnaryFn> unaryFns(DType t) {
        if (t == DType.I32) {
            return List.of(UnaryFn.NEG, UnaryFn.ABS, UnaryFn.SIGN, UnaryFn.FLOOR, UnaryFn.CEIL, UnaryFn.ROUND);
        }
        return Arrays.stream(UnaryFn.values()).filter(f -> f != UnaryFn.NOT).toList();
    }

    static List<BinaryFn> arithmetic(DType t) {
        return t == DType.BOOL ? List.of() : Arrays.stream(BinaryFn.values())
                .filter(f -> f.kind() == BinaryFn.Kind.ARITHMETIC).toList();
    }

    static List<BinaryFn> predicates() {
        return Arrays.stream(BinaryFn.values()).filter(f -> f.kind() != BinaryFn.Kind.ARITHMETIC).toList();
    }

    /** out[k*n + i] = fn_k(x[i]) for each unary function; out_not[i] = !x[i]. */
    static Kernel unary(DType t) {
        List<KStmt> body = new ArrayList<>();
        List<UnaryFn> fns = unaryFns(t);
        for (int k = 0; k < fns.size(); k++) {
            body.add(store("out", add(mul(i(k), ivar("d_n")), ivar("i")), un(fns.get(k), var("x", t))));
        }
        body.add(store("out_not", ivar("i"), un(UnaryFn.NOT, var("x", t))));
        return elementwise("unary_" + t.spelling(), List.of(in("in_x", t), out("out", t), out("out_not", DType.BOOL)),
                t, body);
    }

    /** out[k*n + i] = fn_k(x[i], y[i]) for arithmetic; out_p[k*n + i] for comparisons and logic. */
    static Kernel binary(DType t) {
        List<KStmt> body = new ArrayList<>();
        body.add(declare("y", load("in_y", ivar("i"), t)));
        List<BinaryFn> arith = arithmetic(t);
        for (int k = 0; k < arith.size(); k++) {
            body.add(store("out", add(mul(i(k), ivar("d_n")), ivar("i")), bin(arith.get(k), var("x", t), var("y", t))));
        }
        List<BinaryFn> preds = predicates();
        for (int k = 0; k < preds.size(); k++) {
            body.add(store("out_p", add(mul(i(k), ivar("d_n")), ivar("i")), bin(preds.get(k), var("x", t), var("y", t))));
        }
        List<Kernel.BufferArg> buffers = new ArrayList<>(List.of(in("in_x", t), in("in_y", t)));
        if (!arith.isEmpty()) {
            buffers.add(out("out", t));
        }
        buffers.add(out("out_p", DType.BOOL));
        return elementwise("binary_" + t.spelling(), buffers, t, body);
    }

    /** out_<to>[i] = x[i] as <to>, for every other dtype. */
    static Kernel conversions(DType from) {
        List<KStmt> body = new ArrayList<>();
        List<Kernel.BufferArg> buffers = new ArrayList<>(List.of(in("in_x", from)));
        for (DType to : DType.values()) {
            if (to != from) {
                buffers.add(out("out_" + to.spelling(), to));
                body.add(store("out_" + to.spelling(), ivar("i"), convert(var("x", from), to)));
            }
        }
        return elementwise("convert_" + from.spelling(), buffers, from, body);
    }

    /** out[k*n + i] = the k-th simd reduction of x over i's simdgroup, every lane storing it. */
    static Kernel simdReductions(DType t) {
        List<KStmt> body = new ArrayList<>();
        body.add(declare("i", at(ThreadAxis.THREAD_IN_GRID)));
        body.add(declare("x", load("in_x", ivar("i"), t)));
        Combine[] all = Combine.values();
        for (int k = 0; k < all.length; k++) {
            body.add(store("out", add(mul(i(k), ivar("d_n")), ivar("i")), simd(all[k], var("x", t))));
        }
        return kernel("simd_" + t.spelling(), Template.POINTWISE, List.of(in("in_x", t), out("out", t)),
                DimExpr.sym("n").ceilDiv(THREADS), body);
    }

    /**
     * Softmax over rows of length n, one threadgroup per row (launched with as many threadgroups as
     * rows): each thread strides the row, a simd reduction and threadgroup memory combine.
     */
    static Kernel softmaxRows() {
        KExpr tid = at(ThreadAxis.THREAD_IN_THREADGROUP);
        KExpr row = at(ThreadAxis.THREADGROUP_IN_GRID);
        KExpr base = mul(row, ivar("d_n"));
        DType f = DType.F32;
        KExpr x = load("in_x", add(base, ivar("e0")), f);
        List<KStmt> body = new ArrayList<>(List.of(
                new KStmt.Comment("hand-built: softmax of one row per threadgroup"),
                new KStmt.ThreadgroupArray("part0", f, THREADS / SIMD),
                new KStmt.ThreadgroupArray("part1", f, THREADS / SIMD),
                new KStmt.Declare("m", f, lit(f, Double.NEGATIVE_INFINITY)),
                loop("e0", tid, ivar("d_n"), i(THREADS), List.of(assign("m", bin(BinaryFn.MAX, var("m", f), x))))));
        body.addAll(combine("part0", Combine.MAX, "m"));
        KExpr ex = un(UnaryFn.EXP, bin(BinaryFn.SUB, x, var("m", f)));
        body.add(new KStmt.Declare("s", f, lit(f, 0)));
        body.add(loop("e0", tid, ivar("d_n"), i(THREADS), List.of(assign("s", add(var("s", f), ex)))));
        body.addAll(combine("part1", Combine.SUM, "s"));
        body.add(loop("e0", tid, ivar("d_n"), i(THREADS), List.of(
                store("out_y", add(base, ivar("e0")), bin(BinaryFn.DIV, ex, var("s", f))))));
        return new Kernel("softmax_rows", Template.ROW_REDUCTION, "hand-built softmax_rows",
                List.of(in("in_x", f), out("out_y", f)), List.of(N),
                new Kernel.Launch(DimExpr.sym("rows"), THREADS), body);
    }

    /** Each thread's {@code acc} combined over the threadgroup: simdgroups, then their partials. */
    private static List<KStmt> combine(String part, Combine c, String acc) {
        DType f = DType.F32;
        BinaryFn fn = c == Combine.MAX ? BinaryFn.MAX : BinaryFn.ADD;
        String simd = "simd_" + acc;
        return List.of(
                declare(simd, simd(c, var(acc, f))),
                when(eq(at(ThreadAxis.THREAD_IN_SIMDGROUP), i(0)),
                        List.of(new KStmt.StoreArray(part, at(ThreadAxis.SIMDGROUP_IN_THREADGROUP), var(simd, f)))),
                new KStmt.Barrier(),
                assign(acc, lit(f, c.identity(f))),
                new KStmt.For("k_" + acc, i(0), i(THREADS / SIMD), i(1), List.of(assign(acc,
                        bin(fn, var(acc, f), new KExpr.LoadArray(part, ivar("k_" + acc), f)))), true));
    }

    /** A barrier only some threads reach: the shim must report it, not hang or pass. */
    static Kernel divergentBarrier() {
        List<KStmt> body = List.of(
                new KStmt.ThreadgroupArray("t", DType.F32, THREADS),
                new KStmt.StoreArray("t", at(ThreadAxis.THREAD_IN_THREADGROUP), lit(DType.F32, 1)),
                when(lt(at(ThreadAxis.THREAD_IN_THREADGROUP), i(100)), List.of(new KStmt.Barrier())),
                store("out_y", at(ThreadAxis.THREAD_IN_GRID), new KExpr.LoadArray("t", i(0), DType.F32)));
        return kernel("divergent", Template.POINTWISE, List.of(out("out_y", DType.F32)), DimExpr.of(1), body);
    }
}
