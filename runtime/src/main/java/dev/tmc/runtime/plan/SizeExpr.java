// A size or offset as a function of a pipeline's dims (the runtime's twin of the compiler's
// DimExpr): a sum of integer multiples of products of dims and floor divisions.
package dev.tmc.runtime.plan;

import java.util.List;
import java.util.Map;

public record SizeExpr(List<Term> terms) {

    public SizeExpr {
        terms = List.copyOf(terms);
    }

    /** {@code coef * factors[0] * factors[1] ...}. */
    public record Term(long coef, List<Factor> factors) {
        public Term {
            factors = List.copyOf(factors);
        }
    }

    public sealed interface Factor {
    }

    public record Dim(String name) implements Factor {
    }

    /** {@code floor(num / den)}. */
    public record FloorDiv(SizeExpr num, long den) implements Factor {
    }

    public static SizeExpr constant(long value) {
        return new SizeExpr(value == 0 ? List.of() : List.of(new Term(value, List.of())));
    }

    public static SizeExpr dim(String name) {
        return new SizeExpr(List.of(new Term(1, List.of(new Dim(name)))));
    }

    /** The value for these dims; an unbound dim is an IllegalArgumentException naming it. */
    public long evaluate(Map<String, Long> dims) {
        long sum = 0;
        for (Term t : terms) {
            long product = t.coef();
            for (Factor f : t.factors()) {
                long v;
                if (f instanceof Dim d) {
                    Long bound = dims.get(d.name());
                    if (bound == null) {
                        throw new IllegalArgumentException("dim " + d.name() + " is not bound");
                    }
                    v = bound;
                } else {
                    FloorDiv q = (FloorDiv) f;
                    v = Math.floorDiv(q.num().evaluate(dims), q.den());
                }
                product = Math.multiplyExact(product, v);
            }
            sum = Math.addExact(sum, product);
        }
        return sum;
    }
}
