// Generates reductions (with int, list, negative or no axes, keepdims), argmax/argmin, matmul in
// all its NumPy forms, and arange.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

import static dev.tmc.compiler.testing.Construct.*;

final class ReduceOps {
    private ReduceOps() {
    }

    private static final List<String> REDUCTIONS = List.of("sum", "mean", "max", "min", "prod");
    private static final List<Construct> REDUCTION_USES = List.of(SUM, MEAN, MAX, MIN, PROD);

    /** The axis argument of a reduction as written, and the axes it means. */
    record Axes(String text, Set<Integer> axes, Set<Construct> uses) {
    }

    static Optional<Val> reduce(BodyGen g) {
        Optional<Val> x = g.take(v -> !v.weak() && (v.rank() > 0 || g.chance(0.1)));
        if (x.isEmpty()) {
            return Optional.empty();
        }
        int fn = g.weighted(5, 4, 3, 2, 1);
        Axes axes = axes(g, x.get().rank(), true);
        boolean keep = g.chance(0.35);
        return reduction(g, REDUCTIONS.get(fn), x.get(), axes, keep, g.chance(0.5));
    }

    /** sum(x) and friends of every element: the fallback source of a rank-0 value. */
    static Optional<Val> reduceAll(BodyGen g, Val x) {
        int fn = g.weighted(3, 2, 2, 1);
        return reduction(g, REDUCTIONS.get(fn), x, new Axes("", allAxes(x.rank()), Set.of(AXIS_NONE)), false, false);
    }

    /**
     * A reduction typed as the compiler types it: sum and prod of bool count in i32, mean of
     * integers is f32, the rest keep the dtype. max and min take the axis by keyword only (their
     * second positional parameter is the elementwise operand).
     */
    static Optional<Val> reduction(BodyGen g, String fn, Val x, Axes axes, boolean keep, boolean keepSpelled) {
        Construct c = REDUCTION_USES.get(REDUCTIONS.indexOf(fn));
        if (!g.allowed(c) || axes.uses().stream().anyMatch(u -> !g.allowed(u)) || keep && !g.allowed(KEEPDIMS)) {
            return Optional.empty();
        }
        DType dtype = x.dtype();
        if ((fn.equals("sum") || fn.equals("prod")) && dtype == DType.BOOL) {
            dtype = DType.I32;
        } else if (fn.equals("mean") && !dtype.isFloat()) {
            dtype = DType.F32;
        }
        StringJoiner args = new StringJoiner(", ", fn + "(", ")");
        args.add(x.text());
        if (!axes.text().isEmpty()) {
            boolean positional = !fn.equals("max") && !fn.equals("min") && g.chance(0.3);
            args.add(positional ? axes.text() : "axis = " + axes.text());
        }
        if (keep || keepSpelled) {
            args.add("keepdims = " + keep);
        }
        Ty t = new Ty(dtype, Shapes.reduced(x.ty().shape(), axes.axes(), keep));
        boolean exact = x.exact() && (!dtype.isFloat() || fn.equals("max") || fn.equals("min"));
        Val v = Val.of(args.toString(), t, false, exact, c, x);
        for (Construct u : axes.uses()) {
            v = v.with(u);
        }
        return Optional.of(keep ? v.with(KEEPDIMS) : v);
    }

    static Optional<Val> argReduce(BodyGen g) {
        Optional<Val> x = g.take(v -> !v.weak() && v.rank() > 0);
        Construct c = g.chance(0.6) ? ARGMAX : ARGMIN;
        if (x.isEmpty() || !g.allowed(c) || !g.decides(x.get()) || !g.allowed(AXIS_INT)) {
            return Optional.empty();
        }
        int rank = x.get().rank();
        boolean keep = g.chance(0.3) && g.allowed(KEEPDIMS);
        StringJoiner args = new StringJoiner(", ", (c == ARGMAX ? "argmax" : "argmin") + "(", ")");
        args.add(x.get().text());
        List<DimExpr> shape;
        Construct axisUse = AXIS_NONE;
        if (g.chance(0.2)) {
            // no axis: the index into the flattened tensor; keepdims keeps every axis as a 1
            shape = keep ? Collections.nCopies(rank, Shapes.ONE) : List.of();
        } else {
            int axis = g.below(rank);
            boolean negative = g.chance(0.3);
            String spelled = Integer.toString(negative ? axis - rank : axis);
            args.add((g.chance(0.3) ? "" : "axis = ") + (g.chance(0.1) ? "[" + spelled + "]" : spelled));
            shape = Shapes.reduced(x.get().ty().shape(), Set.of(axis), keep);
            axisUse = negative ? AXIS_NEGATIVE : AXIS_INT;
        }
        if (keep) {
            args.add("keepdims = true");
        }
        Val v = Val.of(args.toString(), new Ty(DType.I32, shape), false, true, c, x.get()).with(axisUse);
        return Optional.of(keep ? v.with(KEEPDIMS) : v);
    }

    /** An axis argument for a tensor of {@code rank}: none, an int, or a list; negative at times. */
    static Axes axes(BodyGen g, int rank, boolean listsAllowed) {
        if (rank == 0 || g.chance(0.2)) {
            return new Axes("", allAxes(rank), Set.of(AXIS_NONE));
        }
        Set<Construct> uses = new TreeSet<>();
        List<Integer> chosen = new ArrayList<>();
        boolean list = listsAllowed && g.chance(0.3);
        int n = list ? g.between(1, rank) : 1;
        List<Integer> all = new ArrayList<>(allAxes(rank));
        while (chosen.size() < n) {
            chosen.add(all.remove(g.below(all.size())));
        }
        StringJoiner text = list ? new StringJoiner(", ", "[", "]") : new StringJoiner(", ");
        for (int a : chosen) {
            boolean negative = g.chance(0.35);
            text.add(Integer.toString(negative ? a - rank : a));
            if (negative) {
                uses.add(AXIS_NEGATIVE);
            }
        }
        uses.add(list ? AXIS_LIST : AXIS_INT);
        return new Axes(text.toString(), new TreeSet<>(chosen), uses);
    }

    static Set<Integer> allAxes(int rank) {
        Set<Integer> all = new TreeSet<>();
        for (int i = 0; i < rank; i++) {
            all.add(i);
        }
        return all;
    }

    static Optional<Val> matmul(BodyGen g) {
        Optional<Val> a = g.take(v -> !v.weak() && v.rank() > 0 && v.dtype() != DType.BOOL);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        List<DimExpr> sa = a.get().ty().shape();
        DimExpr k = sa.get(sa.size() - 1);
        Optional<Val> b;
        if (sa.size() == 2 && g.chance(0.2) && g.allowed(TRANSPOSE)) {
            b = Optional.of(LayoutOps.transposed(a.get(), List.of(1, 0), "transpose(" + a.get().text() + ")"));
        } else {
            List<DimExpr> sb = new ArrayList<>();
            int form = g.weighted(2, 5, 2);
            if (form > 0) {
                if (form == 2) {
                    List<DimExpr> batch = sa.size() > 2 ? sa.subList(0, sa.size() - 2) : List.of(g.pickDim());
                    for (DimExpr d : batch.subList(g.below(batch.size()), batch.size())) {
                        sb.add(g.chance(0.3) ? Shapes.ONE : d);
                    }
                }
                sb.add(k);
                sb.add(g.pickDim());
            } else {
                sb.add(k);
            }
            b = Synth.withShape(g, sb, Synth.NUMERIC);
        }
        return b.flatMap(bv -> matmul(g, a.get(), bv, g.chance(0.7)));
    }

    /** NumPy matmul: rank-1 operands act as a row (left) or a column (right); batch dims broadcast. */
    static Optional<Val> matmul(BodyGen g, Val a, Val b, boolean operator) {
        Construct c = operator ? MATMUL_OP : MATMUL_FN;
        if (!g.allowed(c) || a.dtype() == DType.BOOL || b.dtype() == DType.BOOL || a.rank() == 0 || b.rank() == 0) {
            return Optional.empty();
        }
        List<DimExpr> sa = new ArrayList<>(a.ty().shape());
        List<DimExpr> sb = new ArrayList<>(b.ty().shape());
        boolean vectorA = sa.size() == 1;
        boolean vectorB = sb.size() == 1;
        if (vectorA) {
            sa.add(0, Shapes.ONE);
        }
        if (vectorB) {
            sb.add(Shapes.ONE);
        }
        if (!sa.get(sa.size() - 1).equals(sb.get(sb.size() - 2))) {
            return Optional.empty();
        }
        Optional<List<DimExpr>> batch = Shapes.broadcast(sa.subList(0, sa.size() - 2), sb.subList(0, sb.size() - 2));
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        List<DimExpr> out = new ArrayList<>(batch.get());
        if (!vectorA) {
            out.add(sa.get(sa.size() - 2));
        }
        if (!vectorB) {
            out.add(sb.get(sb.size() - 1));
        }
        Ty t = new Ty(PromotionTable.promote(a.dtype(), b.dtype()), out);
        if (!g.fits(t) || (vectorA || vectorB) && !g.allowed(MATMUL_VECTOR)
                || !batch.get().isEmpty() && !g.allowed(MATMUL_BATCH)) {
            return Optional.empty();
        }
        String text = operator ? "(" + a.text() + " @ " + b.text() + ")" : "matmul(" + a.text() + ", " + b.text() + ")";
        Val v = Val.of(text, t, false, a.exact() && b.exact() && !t.isFloat(), c, a, b);
        if (vectorA || vectorB) {
            v = v.with(MATMUL_VECTOR);
        }
        if (!batch.get().isEmpty()) {
            v = v.with(MATMUL_BATCH);
        }
        return Optional.of(v);
    }

    static Optional<Val> arange(BodyGen g) {
        if (!g.allowed(ARANGE)) {
            return Optional.empty();
        }
        DimExpr n = g.pickDim();
        if (g.dimsInScope && g.chance(0.3)) {
            n = g.chance(0.5) ? n.plus(g.between(1, 2)) : n.times(2);
        }
        return Optional.of(arangeOf(n));
    }

    static Val arangeOf(DimExpr n) {
        return Val.of("arange(" + Shapes.text(n) + ")", new Ty(DType.I32, List.of(n)), false, true, ARANGE);
    }
}
