// Generates the shape operations: transpose, reshape (with -1), broadcast, slices and indexing
// (steps, negative and symbolic bounds, dropped axes) and concat.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import static dev.tmc.compiler.testing.Construct.*;

final class LayoutOps {
    private LayoutOps() {
    }

    static Optional<Val> transpose(BodyGen g) {
        Optional<Val> x = g.take(v -> !v.weak() && v.rank() >= 2);
        if (x.isEmpty() || !g.allowed(TRANSPOSE)) {
            return Optional.empty();
        }
        int rank = x.get().rank();
        List<Integer> perm = new ArrayList<>();
        if (g.chance(0.3)) {
            for (int i = rank - 1; i >= 0; i--) {
                perm.add(i);
            }
            return Optional.of(transposed(x.get(), perm, "transpose(" + x.get().text() + ")"));
        }
        List<Integer> left = new ArrayList<>(ReduceOps.allAxes(rank));
        while (!left.isEmpty()) {
            perm.add(left.remove(g.below(left.size())));
        }
        StringJoiner axes = g.chance(0.3) ? new StringJoiner(", ", "[", "]") : new StringJoiner(", ");
        perm.forEach(p -> axes.add(Integer.toString(g.chance(0.2) ? p - rank : p)));
        return Optional.of(transposed(x.get(), perm, "transpose(" + x.get().text() + ", " + axes + ")")
                .with(TRANSPOSE_PERM));
    }

    static Val transposed(Val x, List<Integer> perm, String text) {
        List<DimExpr> dims = new ArrayList<>();
        perm.forEach(p -> dims.add(x.ty().dim(p)));
        return Val.of(text, x.ty().withShape(dims), false, x.exact(), TRANSPOSE, x);
    }

    static Optional<Val> reshape(BodyGen g) {
        Optional<Val> x = g.take(v -> !v.weak());
        if (x.isEmpty() || !g.allowed(RESHAPE)) {
            return Optional.empty();
        }
        List<DimExpr> s = x.get().ty().shape();
        List<DimExpr> target = new ArrayList<>(s);
        int form = g.below(5);
        if (form == 0 || s.isEmpty()) {
            target = new ArrayList<>(List.of(Shapes.count(s)));
        } else if (form == 1 && s.size() < BodyGen.MAX_RANK) {
            target.add(g.below(s.size() + 1), Shapes.ONE);
        } else if (form == 2 && s.size() >= 2) {
            int i = g.below(s.size() - 1);
            target.set(i, s.get(i).times(s.get(i + 1)));
            target.remove(i + 1);
        } else if (form == 3 && s.size() >= 2) {
            Collections.reverse(target);
        } else if (s.stream().anyMatch(Shapes::isOne)) {
            target.remove(Shapes.ONE);
        } else {
            target = new ArrayList<>(List.of(Shapes.count(s)));
        }
        return spellReshape(g, x.get(), target);
    }

    /** reshape(x, dims...): the dims spelled out, one of them as -1 where the compiler can infer it. */
    private static Optional<Val> spellReshape(BodyGen g, Val x, List<DimExpr> target) {
        DimExpr count = Shapes.count(x.ty().shape());
        List<Integer> inferable = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            DimExpr known = Shapes.ONE;
            for (int j = 0; j < target.size(); j++) {
                known = j == i ? known : known.times(target.get(j));
            }
            if (count.divideExact(known).filter(target.get(i)::equals).isPresent()) {
                inferable.add(i);
            }
        }
        int minus = -1;
        List<Integer> unspellable = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            if (!g.canSpell(target.get(i))) {
                unspellable.add(i);
            }
        }
        if (unspellable.size() > 1 || !unspellable.isEmpty() && !inferable.contains(unspellable.get(0))) {
            return Optional.empty();
        }
        if (!unspellable.isEmpty()) {
            minus = unspellable.get(0);
        } else if (!inferable.isEmpty() && g.chance(0.5)) {
            minus = g.oneOf(inferable);
        }
        StringJoiner dims = g.chance(0.2) ? new StringJoiner(", ", "[", "]") : new StringJoiner(", ");
        for (int i = 0; i < target.size(); i++) {
            dims.add(i == minus ? "-1" : Shapes.text(target.get(i)));
        }
        String args = target.isEmpty() ? (g.chance(0.5) ? "" : ", []") : ", " + dims;
        Val v = Val.of("reshape(" + x.text() + args + ")", x.ty().withShape(target), false, x.exact(), RESHAPE, x);
        return Optional.of(minus >= 0 ? v.with(RESHAPE_INFER) : v);
    }

    static Optional<Val> broadcast(BodyGen g) {
        Optional<Val> x = g.take(v -> !v.weak() && v.rank() < BodyGen.MAX_RANK);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        List<DimExpr> target = new ArrayList<>();
        for (DimExpr d : x.get().ty().shape()) {
            target.add(Shapes.isOne(d) && g.chance(0.6) ? g.pickDim() : d);
        }
        int extra = g.between(0, Math.min(2, BodyGen.MAX_RANK - target.size()));
        for (int i = 0; i < extra; i++) {
            target.add(0, g.pickDim());
        }
        if (!g.canSpell(target) || !g.allowed(BROADCAST) || !g.fits(x.get().ty().withShape(target))) {
            return Optional.empty();
        }
        return Optional.of(broadcastTo(x.get(), target));
    }

    static Val broadcastTo(Val x, List<DimExpr> shape) {
        String dims = shape.isEmpty() ? "" : ", " + Shapes.args(shape);
        return Val.of("broadcast(" + x.text() + dims + ")", x.ty().withShape(shape), false, x.exact(), BROADCAST, x);
    }

    static Optional<Val> slice(BodyGen g) {
        Optional<Val> x = g.take(v -> !v.weak() && v.rank() > 0);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        boolean indexSyntax = g.chance(0.5);
        if (!g.allowed(indexSyntax ? INDEX : SLICE)) {
            return Optional.empty();
        }
        int rank = x.get().rank();
        int specs = g.chance(0.5) ? rank : g.between(1, rank);
        StringJoiner text = new StringJoiner(", ");
        List<DimExpr> shape = new ArrayList<>();
        Val v = Val.of("", x.get().ty(), false, x.get().exact(), indexSyntax ? INDEX : SLICE, x.get());
        for (int axis = 0; axis < rank; axis++) {
            DimExpr dim = x.get().ty().dim(axis);
            if (axis >= specs) {
                shape.add(dim);
                continue;
            }
            SliceSpec spec = SliceSpec.random(g, dim, g.pipe.size(dim));
            if (spec.uses().stream().anyMatch(u -> !g.allowed(u))) {
                return Optional.empty();
            }
            text.add(spec.text());
            spec.length().ifPresent(shape::add);
            for (Construct u : spec.uses()) {
                v = v.with(u);
            }
        }
        String spelled = indexSyntax ? x.get().text() + "[" + text + "]" : "slice(" + x.get().text() + ", " + text + ")";
        return Optional.of(new Val(spelled, x.get().ty().withShape(shape), false, false, false, x.get().exact(),
                v.uses()));
    }

    static Optional<Val> concat(BodyGen g) {
        Optional<Val> a = g.take(v -> !v.weak() && v.rank() > 0);
        if (a.isEmpty() || !g.allowed(CONCAT)) {
            return Optional.empty();
        }
        int rank = a.get().rank();
        int axis = g.below(rank);
        List<Val> parts = new ArrayList<>(List.of(a.get()));
        DimExpr total = a.get().ty().dim(axis);
        int n = g.chance(0.2) ? 3 : 2;
        for (int i = 1; i < n; i++) {
            List<DimExpr> shape = new ArrayList<>(a.get().ty().shape());
            if (g.chance(0.5)) {
                shape.set(axis, g.chance(0.5) ? Shapes.ONE : g.pickDim());
            }
            Optional<Val> part = g.chance(0.15) ? Optional.of(a.get()) : Synth.withShape(g, shape, Synth.ANY);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts.add(part.get());
            total = total.plus(part.get().ty().dim(axis));
        }
        DType dtype = a.get().dtype();
        StringJoiner text = new StringJoiner(", ", "concat(", "");
        for (Val p : parts) {
            dtype = PromotionTable.promote(dtype, p.dtype());
            text.add(p.text());
        }
        int spelledAxis = g.chance(0.3) ? axis - rank : axis;
        String axisText = axis == 0 && g.chance(0.4) ? "" : ", axis = " + spelledAxis;
        List<DimExpr> shape = new ArrayList<>(a.get().ty().shape());
        shape.set(axis, total);
        Ty t = new Ty(dtype, shape);
        if (!g.fits(t)) {
            return Optional.empty();
        }
        boolean exact = parts.stream().allMatch(Val::exact);
        return Optional.of(Val.of(text + axisText + ")", t, false, exact, CONCAT, parts.toArray(new Val[0])));
    }
}
