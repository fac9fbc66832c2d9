// Pass "fold-constants": replaces an instruction whose operands are all rank-0 constants by the
// constant the reference interpreter would compute, and a dim value of a literal dim by a constant.
//
// Contract: the result never changes what the interpreter computes. It holds intermediate values
// in f64 and rounds only at parameters, outputs and casts, so a result is folded only when its
// dtype holds it exactly (as every Constant is); f32 `c1 * c2` with an inexact
// product stays, since rounding it here would bake in a precision that promotion might widen.
// Casts and dim values round by definition and always fold. Calls are left alone.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.OpSemantics;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

public final class FoldConstants {
    private FoldConstants() {
    }

    /** An evaluation of one op kind over constant operands, or empty when it does not apply. */
    private interface Evaluation {
        OptionalDouble evaluate(Instr instr, double[] operands);
    }

    /** The rules, one per op kind; each sees the operands' values (all rank-0 constants). */
    public static final List<RuleTable.Rule> RULES = List.of(
            rule("unary", FoldConstants::unary),
            rule("binary", FoldConstants::binary),
            rule("select", (i, v) -> i.op() instanceof Op.Select
                    ? OptionalDouble.of(v[0] != 0 ? v[1] : v[2]) : OptionalDouble.empty()),
            rule("cast", (i, v) -> i.op() instanceof Op.Cast
                    ? OptionalDouble.of(i.type().dtype().round(v[0])) : OptionalDouble.empty()),
            rule("scalar-shape-op", FoldConstants::scalarShapeOp),
            new RuleTable.Rule("dim", FoldConstants::dim));

    public static Graph run(Graph g) {
        return RuleTable.apply(g, RULES);
    }

    private static RuleTable.Rule rule(String name, Evaluation evaluation) {
        return new RuleTable.Rule(name, (instr, out) -> {
            if (instr.args().isEmpty() || instr.type().rank() != 0) {
                return OptionalInt.empty();
            }
            double[] operands = new double[instr.args().size()];
            for (int k = 0; k < operands.length; k++) {
                Instr a = out.instr(instr.arg(k));
                if (!(a.op() instanceof Op.Constant c) || a.type().rank() != 0) {
                    return OptionalInt.empty();
                }
                operands[k] = c.value();
            }
            OptionalDouble value = evaluation.evaluate(instr, operands);
            return value.isPresent() ? constant(instr, value.getAsDouble(), out) : OptionalInt.empty();
        });
    }

    /** A constant for an exactly representable value; empty when the dtype would round it. */
    private static OptionalInt constant(Instr instr, double value, GraphBuilder out) {
        DType dtype = instr.type().dtype();
        if (Double.compare(dtype.round(value), value) != 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(RuleTable.emit(instr, new Op.Constant(value), List.of(), out));
    }

    // The integer/float choices below mirror Interpreter.instr exactly.

    private static OptionalDouble unary(Instr i, double[] v) {
        if (!(i.op() instanceof Op.Unary u)) {
            return OptionalDouble.empty();
        }
        if (i.type().dtype() != DType.I32) {
            return OptionalDouble.of(OpSemantics.unary(u.fn(), v[0]));
        }
        try {
            return OptionalDouble.of(OpSemantics.integer(u.fn(), (int) v[0]));
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty(); // no integer meaning: leave the error to run time
        }
    }

    private static OptionalDouble binary(Instr i, double[] v) {
        if (!(i.op() instanceof Op.Binary b)) {
            return OptionalDouble.empty();
        }
        boolean integer = b.fn().kind() == BinaryFn.Kind.ARITHMETIC && i.type().dtype() == DType.I32;
        return OptionalDouble.of(integer ? OpSemantics.integer(b.fn(), (int) v[0], (int) v[1])
                : OpSemantics.binary(b.fn(), v[0], v[1]));
    }

    /** Shape ops and reductions of a rank-0 constant to rank 0: one element, itself. */
    private static OptionalDouble scalarShapeOp(Instr i, double[] v) {
        if (i.op() instanceof Op.Reduce r) {
            return OptionalDouble.of(r.fn().isArg() ? 0 : v[0]); // sum, mean, max... of one value
        }
        if (i.op() instanceof Op.Reshape || i.op() instanceof Op.BroadcastTo || i.op() instanceof Op.Transpose
                || i.op() instanceof Op.Slice) {
            return OptionalDouble.of(v[0]);
        }
        return OptionalDouble.empty();
    }

    private static OptionalInt dim(Instr instr, GraphBuilder out) {
        if (!(instr.op() instanceof Op.DimValue d) || !d.dim().isConstant()) {
            return OptionalInt.empty();
        }
        return constant(instr, instr.type().dtype().round(d.dim().constant()), out);
    }
}
