// The shared machinery of rule-table passes: named local rules tried in order over a GraphRewrite,
// plus the two questions every rule asks: "is this operand a constant?" and "may I replace by it?".
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

public final class RuleTable {
    private RuleTable() {
    }

    /** One entry of a table: a name for tests and dumps, and the rewrite (empty for "no match"). */
    public record Rule(String name, GraphRewrite.Rule rewrite) {
    }

    /**
     * Rebuilds {@code g}, giving each instruction to the first rule that matches it. Returns
     * {@code g} itself when no rule matched, so a fixed-point driver can compare by identity.
     * Rules must make progress: a rule that rebuilds the instruction it was given would loop.
     */
    public static Graph apply(Graph g, List<Rule> table) {
        boolean[] fired = {false};
        Graph out = GraphRewrite.apply(g, (instr, builder) -> {
            for (Rule r : table) {
                OptionalInt replacement = r.rewrite().rewrite(instr, builder);
                if (replacement.isPresent()) {
                    fired[0] = true;
                    return replacement;
                }
            }
            return OptionalInt.empty();
        });
        return fired[0] ? out : g;
    }

    /**
     * The value of {@code id} when it is a rank-0 constant or a broadcast of one (a splat), so
     * {@code x * broadcast(1.0, N)} matches like {@code x * 1.0}.
     */
    public static OptionalDouble splat(GraphBuilder out, int id) {
        Instr i = out.instr(id);
        if (i.op() instanceof Op.BroadcastTo) {
            i = out.instr(i.arg(0));
        }
        return i.op() instanceof Op.Constant c && i.type().rank() == 0 ? OptionalDouble.of(c.value())
                : OptionalDouble.empty();
    }

    /** True when {@code id} is a splat of exactly {@code value} (sign of zero included). */
    public static boolean isSplat(GraphBuilder out, int id, double value) {
        OptionalDouble v = splat(out, id);
        return v.isPresent() && Double.compare(v.getAsDouble(), value) == 0;
    }

    /**
     * {@code value} as a replacement for {@code instr}, keeping instr's exact type and storage: the
     * value itself when they already match; a BroadcastTo of it when only the shape is smaller (an
     * identity operand that did the broadcasting); empty when neither keeps the type.
     */
    public static OptionalInt keepType(Instr instr, int value, GraphBuilder out) {
        Instr v = out.instr(value);
        if (v.type().equals(instr.type())) {
            // A different storage dtype would change what memory holds; only precision promotion
            // decides that.
            return v.storage() == instr.storage() ? OptionalInt.of(value) : OptionalInt.empty();
        }
        if (v.type().dtype() != instr.type().dtype() || !broadcastsTo(v.type().shape(), instr.type().shape())) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(out.add(new Op.BroadcastTo(), List.of(value), instr.type(), instr.storage(),
                instr.span()));
    }

    /** A new instruction with instr's type, storage and span. */
    public static int emit(Instr instr, Op op, List<Integer> args, GraphBuilder out) {
        return out.add(op, args, instr.type(), instr.storage(), instr.span());
    }

    /** A new instruction with instr's storage and span but another type. */
    public static int emit(Instr instr, Op op, List<Integer> args, TensorType type, GraphBuilder out) {
        return out.add(op, args, type, instr.storage(), instr.span());
    }

    /** NumPy broadcast_to legality: dims align right and each is equal or the literal 1. */
    public static boolean broadcastsTo(Shape from, Shape to) {
        if (from.rank() > to.rank()) {
            return false;
        }
        for (int k = 0; k < from.rank(); k++) {
            DimExpr src = from.dim(k);
            if (!src.equals(to.dim(k + to.rank() - from.rank())) && !isOne(src)) {
                return false;
            }
        }
        return true;
    }

    /** The NumPy broadcast of several shapes; empty when they do not broadcast together. */
    public static Optional<Shape> broadcast(List<Shape> shapes) {
        int rank = shapes.stream().mapToInt(Shape::rank).max().orElse(0);
        List<DimExpr> dims = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            DimExpr d = DimExpr.of(1);
            for (Shape s : shapes) {
                int axis = k - (rank - s.rank());
                if (axis < 0 || isOne(s.dim(axis))) {
                    continue;
                }
                if (!isOne(d) && !d.equals(s.dim(axis))) {
                    return Optional.empty();
                }
                d = s.dim(axis);
            }
            dims.add(d);
        }
        return Optional.of(new Shape(dims));
    }

    public static boolean isOne(DimExpr d) {
        return d.isConstant() && d.constant() == 1;
    }
}
