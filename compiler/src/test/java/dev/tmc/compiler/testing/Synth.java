// Finds or makes operands of a required shape: from the pool, as a new pipeline parameter, or
// built from another value with broadcast, arange or a reduction.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

final class Synth {
    private Synth() {
    }

    static final Predicate<DType> ANY = d -> true;
    static final Predicate<DType> NUMERIC = d -> d != DType.BOOL;

    /** A value (never a literal) that broadcasts with {@code shape}: equal dims, 1s, or lower rank. */
    static Optional<Val> partner(BodyGen g, List<DimExpr> shape) {
        if (g.chance(0.45)) {
            Optional<Val> pooled = g.take(v -> !v.weak() && combines(g, shape, v.ty().shape()));
            if (pooled.isPresent()) {
                return pooled;
            }
        }
        List<DimExpr> sub = new ArrayList<>();
        int keep = g.chance(0.5) ? shape.size() : g.between(0, shape.size());
        for (int i = shape.size() - keep; i < shape.size(); i++) {
            sub.add(g.chance(0.25) ? Shapes.ONE : shape.get(i));
        }
        if (shape.size() < BodyGen.MAX_RANK && g.chance(0.1)) {
            sub.add(0, g.pickDim());
        }
        Optional<Val> made = withShape(g, sub, ANY);
        if (made.isPresent() && combines(g, shape, made.get().ty().shape())) {
            return made;
        }
        return Optional.empty();
    }

    static boolean combines(BodyGen g, List<DimExpr> a, List<DimExpr> b) {
        Optional<List<DimExpr>> s = Shapes.broadcast(a, b);
        return s.isPresent() && g.fits(new Ty(DType.F32, s.get()));
    }

    /** A value of exactly {@code shape} whose dtype satisfies {@code ok} (cast into it if need be). */
    static Optional<Val> withShape(BodyGen g, List<DimExpr> shape, Predicate<DType> ok) {
        if (!g.fits(new Ty(DType.F32, shape))) {
            return Optional.empty();
        }
        Optional<Val> v = Optional.empty();
        if (g.chance(0.6)) {
            v = g.take(x -> !x.weak() && x.ty().shape().equals(shape) && ok.test(x.dtype()));
        }
        if (v.isEmpty() && g.canAddParams && g.pipe.params.size() < g.options.maxParams()
                && shape.stream().allMatch(d -> d.isSymbol() || d.isConstant()) && g.chance(0.5)) {
            v = Optional.of(g.pipe.addParam(new Ty(randomDType(g, ok), shape), false, Optional.empty()));
        }
        if (v.isEmpty() && g.chance(0.5)) {
            v = broadcastFromPool(g, shape);
        }
        if (v.isEmpty() && shape.size() == 1 && g.canSpell(shape.get(0)) && g.allowed(Construct.ARANGE)
                && g.chance(0.5)) {
            v = Optional.of(ReduceOps.arangeOf(shape.get(0)));
        }
        if (v.isEmpty()) {
            v = fromReduction(g, shape);
        }
        if (v.isEmpty()) {
            v = g.take(x -> !x.weak() && x.ty().shape().equals(shape));
        }
        return v.map(x -> ok.test(x.dtype()) ? x : ElementwiseOps.castTo(x, randomDType(g, ok)));
    }

    /** broadcast(x, shape...) of a pool value that broadcasts to {@code shape}. */
    private static Optional<Val> broadcastFromPool(BodyGen g, List<DimExpr> shape) {
        if (!g.canSpell(shape) || !g.allowed(Construct.BROADCAST)) {
            return Optional.empty();
        }
        Optional<Val> x = g.take(v -> !v.weak() && Shapes.broadcastsTo(v.ty().shape(), shape));
        return x.map(v -> LayoutOps.broadcastTo(v, shape));
    }

    /** A reduction of some pool value to rank 0, broadcast to {@code shape} where needed. */
    private static Optional<Val> fromReduction(BodyGen g, List<DimExpr> shape) {
        if (!shape.isEmpty() && (!g.canSpell(shape) || !g.allowed(Construct.BROADCAST))) {
            return Optional.empty();
        }
        Optional<Val> x = g.take(v -> !v.weak() && v.rank() > 0);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        Optional<Val> total = ReduceOps.reduceAll(g, x.get());
        if (total.isEmpty() || shape.isEmpty()) {
            return total;
        }
        return Optional.of(LayoutOps.broadcastTo(total.get(), shape));
    }

    static DType randomDType(BodyGen g, Predicate<DType> ok) {
        List<DType> options = new ArrayList<>();
        int[] weights = {6, 4, 3, 4, 3};
        DType[] all = {DType.F32, DType.F16, DType.BF16, DType.I32, DType.BOOL};
        List<Integer> ws = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (ok.test(all[i])) {
                options.add(all[i]);
                ws.add(weights[i]);
            }
        }
        return options.get(g.weighted(ws.stream().mapToInt(Integer::intValue).toArray()));
    }
}
