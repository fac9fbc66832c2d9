// Writes one body, a pipeline's or a fn's: a pool of typed values, steps that each combine some of
// them with one random construct, and lets that name some of the results.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

final class BodyGen {
    /** Ranks above this make the interpreter slow and the programs unreadable. */
    static final int MAX_RANK = 4;

    private interface Step {
        Optional<Val> apply(BodyGen g);
    }

    private record Weighted(int weight, Step step) {
    }

    /** The constructs a step may use, weighted; each returns empty when the pool has nothing it fits. */
    private static final List<Weighted> STEPS = List.of(
            new Weighted(14, ElementwiseOps::arithmetic),
            new Weighted(5, ElementwiseOps::compare),
            new Weighted(3, ElementwiseOps::logical),
            new Weighted(3, ElementwiseOps::negateOrNot),
            new Weighted(10, ElementwiseOps::math),
            new Weighted(3, ElementwiseOps::pow),
            new Weighted(3, ElementwiseOps::minMax),
            new Weighted(2, ElementwiseOps::clamp),
            new Weighted(4, ElementwiseOps::where),
            new Weighted(5, ElementwiseOps::cast),
            new Weighted(8, ReduceOps::reduce),
            new Weighted(3, ReduceOps::argReduce),
            new Weighted(5, ReduceOps::matmul),
            new Weighted(2, ReduceOps::arange),
            new Weighted(3, LayoutOps::transpose),
            new Weighted(4, LayoutOps::reshape),
            new Weighted(3, LayoutOps::broadcast),
            new Weighted(6, LayoutOps::slice),
            new Weighted(3, LayoutOps::concat),
            new Weighted(7, CallOps::prelude),
            new Weighted(3, CallOps::userFn));

    final FileState file;
    final PipelineState pipe;
    final RandomPrograms.Options options;
    final boolean dimsInScope;
    final boolean canAddParams;
    final int depth;
    final List<Val> pool = new ArrayList<>();
    final List<String> lets = new ArrayList<>();
    final EnumSet<Construct> letUses = EnumSet.noneOf(Construct.class);
    /** Names some expression already reads; outputs prefer the others, so less is dead. */
    final Set<String> usedNames = new HashSet<>();

    /**
     * @param dimsInScope  whether the body may spell dim names (fn bodies cannot: they are generic)
     * @param canAddParams whether a missing operand may become a new pipeline parameter
     */
    BodyGen(FileState file, PipelineState pipe, boolean dimsInScope, boolean canAddParams, int depth) {
        this.file = file;
        this.pipe = pipe;
        this.options = file.options;
        this.dimsInScope = dimsInScope;
        this.canAddParams = canAddParams;
        this.depth = depth;
    }

    // ---- randomness

    boolean chance(double p) {
        return file.rnd.nextDouble() < p;
    }

    int below(int n) {
        return file.rnd.nextInt(n);
    }

    int between(int lo, int hiInclusive) {
        return lo + file.rnd.nextInt(hiInclusive - lo + 1);
    }

    <T> T oneOf(List<T> items) {
        return items.get(below(items.size()));
    }

    @SafeVarargs
    final <T> T oneOf(T... items) {
        return items[below(items.length)];
    }

    /** An index drawn with the given relative weights. */
    int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = below(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    // ---- limits

    boolean allowed(Construct c) {
        return !options.disabled().contains(c);
    }

    boolean fits(Ty t) {
        return t.rank() <= MAX_RANK && pipe.count(t.shape()) <= options.maxElements();
    }

    /** Whether these operands may feed a discontinuous op (a comparison, floor, a float-to-int cast). */
    boolean decides(Val... operands) {
        if (!options.robustDecisions()) {
            return true;
        }
        for (Val v : operands) {
            if (!v.exact() && v.dtype().isFloat()) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code d} can be written in this body: dim names exist only in pipelines. */
    boolean canSpell(DimExpr d) {
        return dimsInScope || d.isConstant();
    }

    boolean canSpell(List<DimExpr> shape) {
        return shape.stream().allMatch(this::canSpell);
    }

    /** A dim for a new axis: a symbol some parameter binds (in a pipeline), or a small literal. */
    DimExpr pickDim() {
        List<String> symbols = dimsInScope ? pipe.boundSymbols() : List.of();
        if (!symbols.isEmpty() && chance(0.7)) {
            return DimExpr.sym(oneOf(symbols));
        }
        return DimExpr.of(between(1, 3));
    }

    // ---- the pool

    /**
     * A value from the pool, preferring values nothing reads yet (so that less of the program is
     * dead), then recent ones. A value that is not a name is spliced into its user and so leaves
     * the pool; names can be used again.
     */
    Optional<Val> take(Predicate<Val> ok) {
        List<Integer> candidates = new ArrayList<>();
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            Val v = pool.get(i);
            if (ok.test(v)) {
                candidates.add(i);
                if (!v.named() || !usedNames.contains(v.text())) {
                    fresh.add(i);
                }
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int index = !fresh.isEmpty() && chance(0.5) ? oneOf(fresh)
                : chance(0.4) ? candidates.get(candidates.size() - 1) : oneOf(candidates);
        Val v = pool.get(index);
        if (!v.named()) {
            pool.remove(index);
        } else {
            usedNames.add(v.text());
        }
        return Optional.of(v);
    }

    /** Any value; the pool always holds the parameters, which are names. */
    Val anyValue() {
        return take(v -> true).orElseThrow();
    }

    Val bind(Val v) {
        String name = "t" + lets.size();
        lets.add("let " + name + " = " + v.text() + ";");
        letUses.addAll(v.uses());
        letUses.add(Construct.LET);
        EnumSet<Construct> uses = Val.copy(v.uses());
        uses.add(Construct.LET);
        return new Val(name, v.ty(), v.weak(), false, true, v.exact(), uses);
    }

    /** One new value made by a random construct from values in the pool. */
    Val step() {
        int total = STEPS.stream().mapToInt(Weighted::weight).sum();
        for (int attempt = 0; attempt < 40; attempt++) {
            int r = below(total);
            for (Weighted w : STEPS) {
                r -= w.weight();
                if (r < 0) {
                    Optional<Val> v = w.step().apply(this);
                    if (v.isPresent()) {
                        return v.get();
                    }
                    break;
                }
            }
        }
        Val x = anyValue();
        return x.dtype() == DType.BOOL ? ElementwiseOps.castTo(x, DType.I32) : ElementwiseOps.negate(x);
    }

    /** Runs {@code steps} steps, naming some results; returns the last result. */
    Val run(int steps, double letRate) {
        Val last = null;
        for (int i = 0; i < steps; i++) {
            last = step();
            if (chance(letRate) || last.text().length() > 160) {
                last = bind(last);
            }
            pool.add(last);
        }
        return last;
    }
}
