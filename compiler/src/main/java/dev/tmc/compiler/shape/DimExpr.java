// A symbolic dimension in canonical form: a sum of integer multiples of products of symbols
// and floor divisions, so that equal sizes compare equal structurally (N*D == D*N).
package dev.tmc.compiler.shape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

public record DimExpr(List<Term> terms) {

    /** A factor of a monomial. */
    public sealed interface Atom permits Sym, FloorDiv {
    }

    public record Sym(String name) implements Atom {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code floor(num / den)} for a num that is not a multiple of den. */
    public record FloorDiv(DimExpr num, long den) implements Atom {
        @Override
        public String toString() {
            String n = num.toString();
            return (num.terms.size() == 1 && num.terms.get(0).coef == 1 ? n : "(" + n + ")") + "/" + den;
        }
    }

    /** {@code coef * atoms[0] * atoms[1] ...}; atoms sorted, empty for a constant. */
    public record Term(long coef, List<Atom> atoms) {
        public Term {
            atoms = List.copyOf(atoms);
        }

        String key() {
            return atoms.toString();
        }
    }

    private static final Comparator<Atom> ATOM_ORDER = Comparator.comparing(Object::toString);
    // Higher degree first, constants last, then by name: N*D + 2*N + 1.
    private static final Comparator<Term> TERM_ORDER = Comparator
            .comparingInt((Term t) -> -t.atoms.size())
            .thenComparing(Term::key);

    public DimExpr {
        terms = List.copyOf(terms);
    }

    public static DimExpr of(long value) {
        return value == 0 ? new DimExpr(List.of()) : new DimExpr(List.of(new Term(value, List.of())));
    }

    public static DimExpr sym(String name) {
        return new DimExpr(List.of(new Term(1, List.of(new Sym(name)))));
    }

    private static DimExpr canonical(List<Term> raw) {
        Map<String, Term> byKey = new TreeMap<>();
        for (Term t : raw) {
            List<Atom> atoms = new ArrayList<>(t.atoms);
            atoms.sort(ATOM_ORDER);
            Term sorted = new Term(t.coef, atoms);
            byKey.merge(sorted.key(), sorted, (a, b) -> new Term(Math.addExact(a.coef, b.coef), a.atoms));
        }
        List<Term> out = new ArrayList<>();
        for (Term t : byKey.values()) {
            if (t.coef != 0) {
                out.add(t);
            }
        }
        out.sort(TERM_ORDER);
        return new DimExpr(out);
    }

    public DimExpr plus(DimExpr other) {
        List<Term> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        return canonical(all);
    }

    public DimExpr plus(long c) {
        return plus(of(c));
    }

    public DimExpr negate() {
        return canonical(terms.stream().map(t -> new Term(Math.negateExact(t.coef), t.atoms)).toList());
    }

    public DimExpr minus(DimExpr other) {
        return plus(other.negate());
    }

    public DimExpr times(DimExpr other) {
        List<Term> all = new ArrayList<>();
        for (Term a : terms) {
            for (Term b : other.terms) {
                List<Atom> atoms = new ArrayList<>(a.atoms);
                atoms.addAll(b.atoms);
                all.add(new Term(Math.multiplyExact(a.coef, b.coef), atoms));
            }
        }
        return canonical(all);
    }

    public DimExpr times(long c) {
        return times(of(c));
    }

    /** {@code floor(this / den)}, exact where the division is: floor((2N + 1)/2) is N. */
    public DimExpr floorDiv(long den) {
        if (den <= 0) {
            throw new ArithmeticException("division by " + den);
        }
        if (den == 1) {
            return this;
        }
        List<Term> quotient = new ArrayList<>();
        List<Term> remainder = new ArrayList<>();
        for (Term t : terms) {
            long q = Math.floorDiv(t.coef, den);
            long r = Math.floorMod(t.coef, den);
            if (q != 0) {
                quotient.add(new Term(q, t.atoms));
            }
            if (r != 0) {
                remainder.add(new Term(r, t.atoms));
            }
        }
        DimExpr rest = canonical(remainder);
        DimExpr q = canonical(quotient);
        if (rest.terms.isEmpty()) {
            return q;
        }
        if (rest.isConstant()) {
            return q.plus(Math.floorDiv(rest.constant(), den));
        }
        return q.plus(new DimExpr(List.of(new Term(1, List.of(new FloorDiv(rest, den))))));
    }

    /** {@code ceil(this / den)}. */
    public DimExpr ceilDiv(long den) {
        return plus(den - 1).floorDiv(den);
    }

    /** {@code this / divisor} when it divides exactly term by term (N*D*4 / (4*N) = D). */
    public Optional<DimExpr> divideExact(DimExpr divisor) {
        if (divisor.equals(this)) {
            return Optional.of(of(1));
        }
        if (divisor.terms.size() != 1) {
            return Optional.empty();
        }
        Term d = divisor.terms.get(0);
        List<Term> out = new ArrayList<>();
        for (Term t : terms) {
            if (t.coef % d.coef != 0) {
                return Optional.empty();
            }
            List<Atom> rest = new ArrayList<>(t.atoms);
            for (Atom a : d.atoms) {
                if (!rest.remove(a)) {
                    return Optional.empty();
                }
            }
            out.add(new Term(t.coef / d.coef, rest));
        }
        return Optional.of(canonical(out));
    }

    /** True when every term has a positive coefficient: dims are never negative, so neither is this. */
    public boolean isEvidentlyNonNegative() {
        return terms.stream().allMatch(t -> t.coef > 0);
    }

    /** {@code this} rounded up to a multiple of {@code alignment}. */
    public DimExpr alignUp(long alignment) {
        return ceilDiv(alignment).times(alignment);
    }

    public boolean isConstant() {
        return terms.isEmpty() || (terms.size() == 1 && terms.get(0).atoms.isEmpty());
    }

    /** The value of a constant expression. */
    public long constant() {
        if (!isConstant()) {
            throw new IllegalStateException(this + " is not constant");
        }
        return terms.isEmpty() ? 0 : terms.get(0).coef;
    }

    public OptionalLong constantValue() {
        return isConstant() ? OptionalLong.of(constant()) : OptionalLong.empty();
    }

    /** True for a bare symbol such as {@code N}. */
    public boolean isSymbol() {
        return terms.size() == 1 && terms.get(0).coef == 1 && terms.get(0).atoms.size() == 1
                && terms.get(0).atoms.get(0) instanceof Sym;
    }

    public String symbolName() {
        return ((Sym) terms.get(0).atoms.get(0)).name();
    }

    public Set<String> symbols() {
        Set<String> out = new TreeSet<>();
        for (Term t : terms) {
            for (Atom a : t.atoms) {
                if (a instanceof Sym s) {
                    out.add(s.name());
                } else {
                    out.addAll(((FloorDiv) a).num().symbols());
                }
            }
        }
        return out;
    }

    /** The value for given symbol values; throws IllegalArgumentException for an unbound symbol. */
    public long evaluate(ToLongFunction<String> symbolValue) {
        long sum = 0;
        for (Term t : terms) {
            long product = t.coef;
            for (Atom a : t.atoms) {
                long v = a instanceof Sym s
                        ? symbolValue.applyAsLong(s.name())
                        : Math.floorDiv(((FloorDiv) a).num().evaluate(symbolValue), ((FloorDiv) a).den());
                product = Math.multiplyExact(product, v);
            }
            sum = Math.addExact(sum, product);
        }
        return sum;
    }

    public long evaluate(Map<String, Long> bindings) {
        return evaluate(name -> {
            Long v = bindings.get(name);
            if (v == null) {
                throw new IllegalArgumentException("dimension " + name + " is not bound");
            }
            return v;
        });
    }

    @Override
    public String toString() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            long c = t.coef;
            if (i > 0) {
                out.append(c < 0 ? " - " : " + ");
                c = Math.abs(c);
            } else if (c < 0 && !t.atoms.isEmpty()) {
                out.append('-');
                c = -c;
            }
            StringBuilder factors = new StringBuilder();
            for (Atom a : t.atoms) {
                if (factors.length() > 0) {
                    factors.append('*');
                }
                factors.append(a);
            }
            if (t.atoms.isEmpty()) {
                out.append(c);
            } else if (c == 1) {
                out.append(factors);
            } else {
                out.append(c).append('*').append(factors);
            }
        }
        return out.toString();
    }
}
