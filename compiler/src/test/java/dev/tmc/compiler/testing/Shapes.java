// Shape arithmetic of the generator: NumPy broadcasting on symbolic dims, reductions, and the .tm
// spelling of a dim expression (valid both in types and in expressions such as broadcast(x, N + 1)).
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

final class Shapes {
    private Shapes() {
    }

    static final DimExpr ONE = DimExpr.of(1);

    static boolean isOne(DimExpr d) {
        return d.isConstant() && d.constant() == 1;
    }

    /** NumPy broadcasting: dims combine when equal or one of them is the literal 1. */
    static Optional<List<DimExpr>> broadcast(List<List<DimExpr>> shapes) {
        int rank = shapes.stream().mapToInt(List::size).max().orElse(0);
        List<DimExpr> out = new ArrayList<>();
        for (int axis = 0; axis < rank; axis++) {
            DimExpr result = ONE;
            for (List<DimExpr> s : shapes) {
                int i = axis - (rank - s.size());
                if (i < 0 || isOne(s.get(i)) || s.get(i).equals(result)) {
                    continue;
                }
                if (!isOne(result)) {
                    return Optional.empty();
                }
                result = s.get(i);
            }
            out.add(result);
        }
        return Optional.of(out);
    }

    static Optional<List<DimExpr>> broadcast(List<DimExpr> a, List<DimExpr> b) {
        return broadcast(List.of(a, b));
    }

    /** True when {@code from} broadcasts to {@code to} without changing {@code to} (broadcast_to). */
    static boolean broadcastsTo(List<DimExpr> from, List<DimExpr> to) {
        if (from.size() > to.size()) {
            return false;
        }
        for (int i = 0; i < from.size(); i++) {
            DimExpr f = from.get(i);
            if (!isOne(f) && !f.equals(to.get(i + to.size() - from.size()))) {
                return false;
            }
        }
        return true;
    }

    static List<DimExpr> reduced(List<DimExpr> shape, Set<Integer> axes, boolean keepDims) {
        List<DimExpr> out = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            if (!axes.contains(i)) {
                out.add(shape.get(i));
            } else if (keepDims) {
                out.add(ONE);
            }
        }
        return out;
    }

    static DimExpr count(List<DimExpr> shape) {
        DimExpr n = ONE;
        for (DimExpr d : shape) {
            n = n.times(d);
        }
        return n;
    }

    /** {@code [N, D + 1]}, for types and messages. */
    static String print(List<DimExpr> shape) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        shape.forEach(d -> j.add(text(d)));
        return j.toString();
    }

    /** The dims as a comma-separated argument list, e.g. for broadcast(x, N, 3). */
    static String args(List<DimExpr> shape) {
        StringJoiner j = new StringJoiner(", ");
        shape.forEach(d -> j.add(text(d)));
        return j.toString();
    }

    /**
     * A dim expression in .tm syntax. Positive terms come first (dims have no unary minus) and a
     * floor division is parenthesised whole, so that {@code 2*((N + 1)/2)} reads back as written.
     */
    static String text(DimExpr d) {
        List<DimExpr.Term> positive = new ArrayList<>();
        List<DimExpr.Term> negative = new ArrayList<>();
        for (DimExpr.Term t : d.terms()) {
            (t.coef() > 0 ? positive : negative).add(t);
        }
        if (positive.isEmpty()) {
            positive.add(new DimExpr.Term(0, List.of()));
        }
        StringBuilder out = new StringBuilder();
        for (DimExpr.Term t : positive) {
            out.append(out.length() == 0 ? "" : " + ").append(term(t.coef(), t.atoms()));
        }
        for (DimExpr.Term t : negative) {
            out.append(" - ").append(term(-t.coef(), t.atoms()));
        }
        return out.toString();
    }

    private static String term(long coef, List<DimExpr.Atom> atoms) {
        StringJoiner factors = new StringJoiner("*");
        if (coef != 1 || atoms.isEmpty()) {
            factors.add(Long.toString(coef));
        }
        for (DimExpr.Atom a : atoms) {
            if (a instanceof DimExpr.Sym s) {
                factors.add(s.name());
            } else {
                DimExpr.FloorDiv f = (DimExpr.FloorDiv) a;
                factors.add("((" + text(f.num()) + ")/" + f.den() + ")");
            }
        }
        return factors.toString();
    }
}
