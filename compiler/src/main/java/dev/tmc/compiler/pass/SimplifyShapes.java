// Pass "simplify-shapes": shape ops that move no data or compose into one, as a rule table.
// Every rule is exact (shape ops and one-element reductions copy values); replacements keep the
// instruction's type and storage. Calls are left alone.
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
import java.util.OptionalInt;

import static dev.tmc.compiler.pass.RuleTable.isOne;
import static dev.tmc.compiler.pass.RuleTable.keepType;

public final class SimplifyShapes {
    private SimplifyShapes() {
    }

    public static final List<RuleTable.Rule> RULES = List.of(
            new RuleTable.Rule("same-shape", SimplifyShapes::sameShape),
            new RuleTable.Rule("transpose-transpose", SimplifyShapes::transposeTranspose),
            new RuleTable.Rule("transpose-of-unit-axes", SimplifyShapes::transposeOfUnitAxes),
            new RuleTable.Rule("reshape-reshape", SimplifyShapes::reshapeReshape),
            new RuleTable.Rule("whole-slice", SimplifyShapes::wholeSlice),
            new RuleTable.Rule("reduce-unit-axes", SimplifyShapes::reduceUnitAxes),
            new RuleTable.Rule("implicit-broadcast", SimplifyShapes::implicitBroadcast));

    public static Graph run(Graph g) {
        return RuleTable.apply(g, RULES);
    }

    /** reshape and broadcast to the operand's own shape copy it. */
    private static OptionalInt sameShape(Instr i, GraphBuilder out) {
        boolean copy = (i.op() instanceof Op.Reshape || i.op() instanceof Op.BroadcastTo)
                && out.type(i.arg(0)).equals(i.type());
        return copy ? keepType(i, i.arg(0), out) : OptionalInt.empty();
    }

    /** transpose(transpose(x, p), q) is transpose(x, p[q[k]]); nothing when that is the identity. */
    private static OptionalInt transposeTranspose(Instr i, GraphBuilder out) {
        if (!(i.op() instanceof Op.Transpose outer) || !(out.instr(i.arg(0)).op() instanceof Op.Transpose inner)) {
            return OptionalInt.empty();
        }
        List<Integer> composed = new ArrayList<>();
        for (int k : outer.perm()) {
            composed.add(inner.perm().get(k));
        }
        int x = out.instr(i.arg(0)).arg(0);
        return isIdentity(composed) ? keepType(i, x, out)
                : OptionalInt.of(RuleTable.emit(i, new Op.Transpose(composed), List.of(x), out));
    }

    private static boolean isIdentity(List<Integer> perm) {
        for (int k = 0; k < perm.size(); k++) {
            if (perm.get(k) != k) {
                return false;
            }
        }
        return true;
    }

    /**
     * A transpose that keeps the order of the axes longer than 1 (identity perms included) leaves
     * the elements in C order: a reshape, or the operand itself when the shape is the same.
     * Note a transpose of [N, N] has the same shape but moves data; only the order decides.
     */
    private static OptionalInt transposeOfUnitAxes(Instr i, GraphBuilder out) {
        if (!(i.op() instanceof Op.Transpose t)) {
            return OptionalInt.empty();
        }
        Shape in = out.type(i.arg(0)).shape();
        int last = -1;
        for (int axis : t.perm()) {
            if (!isOne(in.dim(axis))) {
                if (axis < last) {
                    return OptionalInt.empty();
                }
                last = axis;
            }
        }
        return reshapeTo(i, i.arg(0), out);
    }

    /** x itself when it has instr's type, else a reshape of x to it. */
    private static OptionalInt reshapeTo(Instr i, int x, GraphBuilder out) {
        return out.type(x).equals(i.type()) ? keepType(i, x, out)
                : OptionalInt.of(RuleTable.emit(i, new Op.Reshape(), List.of(x), out));
    }

    /** reshape(reshape(x)) is one reshape: both keep C order. */
    private static OptionalInt reshapeReshape(Instr i, GraphBuilder out) {
        if (!(i.op() instanceof Op.Reshape) || !(out.instr(i.arg(0)).op() instanceof Op.Reshape)) {
            return OptionalInt.empty();
        }
        return reshapeTo(i, out.instr(i.arg(0)).arg(0), out);
    }

    /** A slice from 0 with the operand's length on every axis (step 1, or any step over length 1). */
    private static OptionalInt wholeSlice(Instr i, GraphBuilder out) {
        if (!(i.op() instanceof Op.Slice s) || !out.type(i.arg(0)).equals(i.type())) {
            return OptionalInt.empty();
        }
        for (int axis = 0; axis < i.type().rank(); axis++) {
            DimExpr start = s.starts().get(axis);
            boolean whole = start.isConstant() && start.constant() == 0
                    && (s.steps().get(axis) == 1 || isOne(i.type().shape().dim(axis)));
            if (!whole) {
                return OptionalInt.empty();
            }
        }
        return keepType(i, i.arg(0), out);
    }

    /**
     * A reduction over axes of length 1 sees one element per result: that element (sum, prod,
     * max, min, mean alike), or index 0 for argmax/argmin. Logsumexp's final sum is one.
     */
    private static OptionalInt reduceUnitAxes(Instr i, GraphBuilder out) {
        if (!(i.op() instanceof Op.Reduce r)) {
            return OptionalInt.empty();
        }
        Shape in = out.type(i.arg(0)).shape();
        if (!r.axes().stream().allMatch(a -> isOne(in.dim(a)))) {
            return OptionalInt.empty();
        }
        if (r.fn().isArg()) {
            int zero = RuleTable.emit(i, new Op.Constant(0), List.of(), TensorType.scalar(i.type().dtype()), out);
            return keepType(i, zero, out);
        }
        return reshapeTo(i, i.arg(0), out);
    }

    /**
     * An elementwise op broadcasts its operands itself: an explicit broadcast feeding it can go
     * when the op's result shape stays the NumPy broadcast of its operands. Only that use changes;
     * the broadcast dies (in dce) when no other use is left. Unary ops and casts have one operand,
     * whose shape is the result's, so only binary ops and select qualify.
     */
    private static OptionalInt implicitBroadcast(Instr i, GraphBuilder out) {
        if (!(i.op() instanceof Op.Binary || i.op() instanceof Op.Select)) {
            return OptionalInt.empty();
        }
        List<Integer> args = new ArrayList<>(i.args());
        boolean changed = false;
        for (int k = 0; k < args.size(); k++) {
            Instr a = out.instr(args.get(k));
            if (!(a.op() instanceof Op.BroadcastTo)) {
                continue;
            }
            List<Integer> trial = new ArrayList<>(args);
            trial.set(k, a.arg(0));
            Optional<Shape> shape = RuleTable.broadcast(trial.stream().map(id -> out.type(id).shape()).toList());
            if (shape.isPresent() && shape.get().equals(i.type().shape())) {
                args = trial;
                changed = true;
            }
        }
        return changed ? OptionalInt.of(RuleTable.emit(i, i.op(), args, out)) : OptionalInt.empty();
    }
}
