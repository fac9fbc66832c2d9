// A generated expression with its static type: the text to splice into a program (always safe to
// splice: a name, a literal or a parenthesised expression) and what the compiler will infer for it.
package dev.tmc.compiler.testing;

import dev.tmc.runtime.DType;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * @param weak     a weak (literal-like) dtype: literals, and rank-0 results of arithmetic on them
 * @param literal  known at compile time (a literal, a dim name): never a value of its own
 * @param named    a parameter or let name, cheap to repeat
 * @param exact    free of float rounding error, so that comparisons and float-to-int casts of it
 *                 decide the same way in every backend (see Options.robustDecisions)
 * @param uses     the constructs that went into this expression
 */
record Val(String text, Ty ty, boolean weak, boolean literal, boolean named, boolean exact, Set<Construct> uses) {

    Val {
        uses = Collections.unmodifiableSet(copy(uses));
    }

    /** A mutable copy (EnumSet.copyOf rejects an empty set that is not an EnumSet). */
    static EnumSet<Construct> copy(Set<Construct> uses) {
        EnumSet<Construct> out = EnumSet.noneOf(Construct.class);
        out.addAll(uses);
        return out;
    }

    /** A computed value built from {@code parts} with construct {@code c} (null for none). */
    static Val of(String text, Ty ty, boolean weak, boolean exact, Construct c, Val... parts) {
        EnumSet<Construct> u = EnumSet.noneOf(Construct.class);
        for (Val p : parts) {
            u.addAll(p.uses);
        }
        if (c != null) {
            u.add(c);
        }
        return new Val(text, ty, weak, false, false, exact, u);
    }

    static Val literal(String text, DType dtype, Construct c) {
        return new Val(text, Ty.scalar(dtype), true, true, true, true, EnumSet.of(c));
    }

    static Val name(String name, Ty ty, boolean exact, Set<Construct> uses) {
        return new Val(name, ty, false, false, true, exact, uses);
    }

    Val with(Construct c) {
        EnumSet<Construct> u = copy(uses);
        u.add(c);
        return new Val(text, ty, weak, literal, named, exact, u);
    }

    DType dtype() {
        return ty.dtype();
    }

    int rank() {
        return ty.rank();
    }

    PromotionTable.Kind kind() {
        return new PromotionTable.Kind(ty.dtype(), weak);
    }
}
