// One axis of a generated slice or index: valid for the concrete size the program runs with, and
// typed with the compiler's rule (negative literal bounds count from the end; length is
// ceil((stop - start) / step); an integer index drops the axis).
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static dev.tmc.compiler.testing.Construct.*;

record SliceSpec(String text, Optional<DimExpr> length, Set<Construct> uses) {

    static SliceSpec random(BodyGen g, DimExpr dim, long size) {
        EnumSet<Construct> uses = EnumSet.noneOf(Construct.class);
        int kind = g.weighted(2, 3, 6);
        if (kind == 0) {
            return new SliceSpec(":", Optional.of(dim), uses);
        }
        long start = g.below((int) size);
        if (kind == 1) {
            uses.add(INDEX_DROP);
            return new SliceSpec(bound(g, dim, size, start, uses).text, Optional.empty(), uses);
        }
        long stop = g.between((int) start + 1, (int) size);
        long step = g.chance(0.6) ? 1 : g.between(2, 3);
        Bound lo = start == 0 && g.chance(0.5) ? null : bound(g, dim, size, start, uses);
        Bound hi = stop == size && g.chance(0.5) ? null : bound(g, dim, size, stop, uses);
        String text = (lo == null ? "" : lo.text) + ":" + (hi == null ? "" : hi.text);
        if (step != 1 || g.chance(0.1)) {
            text += ":" + step;
            if (step != 1) {
                uses.add(SLICE_STEP);
            }
        }
        DimExpr first = lo == null ? DimExpr.of(0) : lo.value;
        DimExpr last = hi == null ? dim : hi.value;
        return new SliceSpec(text, Optional.of(last.minus(first).ceilDiv(step)), uses);
    }

    private record Bound(String text, DimExpr value) {
    }

    /**
     * Position {@code at} (0 <= at <= size) on an axis of {@code dim}: as a literal, as a negative
     * literal counting from the end, or in a pipeline as an expression of the dim (N - 1).
     */
    private static Bound bound(BodyGen g, DimExpr dim, long size, long at, Set<Construct> uses) {
        int form = g.weighted(4, 3, g.dimsInScope ? 2 : 0);
        if (form == 1 && at < size) {
            uses.add(SLICE_NEGATIVE);
            return new Bound("-" + (size - at), dim.minus(DimExpr.of(size - at)));
        }
        if (form == 2) {
            uses.add(SLICE_SYMBOLIC);
            DimExpr value = dim.minus(DimExpr.of(size - at));
            return new Bound("(" + Shapes.text(value) + ")", value);
        }
        return new Bound(Long.toString(at), DimExpr.of(at));
    }
}
