// A size or offset as a function of a pipeline's dims (the runtime's twin of the compiler's
// DimExpr): a sum of integer multiples of products of dims and floor divisions.
package dev.tmc.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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

    /** The dim's name when this is exactly one dim (as a parameter's dims that bind are). */
    public Optional<String> asDim() {
        if (terms.size() == 1 && terms.get(0).coef() == 1 && terms.get(0).factors().size() == 1
                && terms.get(0).factors().get(0) instanceof Dim d) {
            return Optional.of(d.name());
        }
        return Optional.empty();
    }

    /** The names of the dims it depends on, sorted. */
    public Set<String> dims() {
        Set<String> out = new TreeSet<>();
        for (Term t : terms) {
            for (Factor f : t.factors()) {
                if (f instanceof Dim d) {
                    out.add(d.name());
                } else {
                    out.addAll(((FloorDiv) f).num().dims());
                }
            }
        }
        return out;
    }

    /** As dims are written in .tm: {@code N * D + 4}, {@code 2 * N - 1}, {@code (N + 1) / 2}. */
    @Override
    public String toString() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        for (Term t : terms) {
            long coef = t.coef();
            if (b.length() > 0) {
                b.append(coef < 0 ? " - " : " + ");
                coef = Math.abs(coef);
            } else if (coef == -1 && !t.factors().isEmpty()) {
                b.append('-');
                coef = 1;
            }
            List<String> parts = new ArrayList<>();
            if (coef != 1 || t.factors().isEmpty()) {
                parts.add(Long.toString(coef));
            }
            boolean alone = parts.isEmpty() && t.factors().size() == 1;
            for (Factor f : t.factors()) {
                if (f instanceof Dim d) {
                    parts.add(d.name());
                } else {
                    // Parenthesised where "/" would otherwise bind to more than the quotient: in .tm,
                    // N * M / 2 is (N * M) / 2.
                    FloorDiv q = (FloorDiv) f;
                    String num = q.num().toString();
                    String quotient = (num.contains(" ") ? "(" + num + ")" : num) + " / " + q.den();
                    parts.add(alone ? quotient : "(" + quotient + ")");
                }
            }
            b.append(String.join(" * ", parts));
        }
        return b.toString();
    }
}
