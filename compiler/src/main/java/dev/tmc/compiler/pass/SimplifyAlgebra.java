// Pass "simplify-algebra": algebraic identities as a rule table, each one exact in IEEE arithmetic
// for every input, NaN, -0.0 and inf included, and in the reference interpreter's f64 meaning.
//
// Not here on purpose: x * 0 -> 0 (NaN, inf, -0), x - x -> 0 (NaN, inf), x + 0.0 -> x (-0.0 + 0.0
// is +0.0; for i32 it is exact and applies), x ** 0.5 -> sqrt (-0.0, -inf), and cast pairs whose
// two roundings differ from one. Every replacement keeps the instruction's type and storage
// (RuleTable.keepType). Calls are left alone.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static dev.tmc.compiler.pass.RuleTable.isSplat;
import static dev.tmc.compiler.pass.RuleTable.keepType;

public final class SimplifyAlgebra {
    private SimplifyAlgebra() {
    }

    public static Graph run(Graph g) {
        return RuleTable.apply(g, rules());
    }

    /** A fresh table: the cast rules share an analysis of the graph being rebuilt. */
    public static List<RuleTable.Rule> rules() {
        RoundedValues.PerRewrite rounded = new RoundedValues.PerRewrite();
        return List.of(
                new RuleTable.Rule("mul-one", SimplifyAlgebra::mulOne),
                new RuleTable.Rule("div-one", (i, out) -> isNumeric(i, BinaryFn.DIV) && isSplat(out, i.arg(1), 1)
                        ? keepType(i, i.arg(0), out) : OptionalInt.empty()),
                // x - (+0.0) keeps -0.0 (-0.0 - 0.0 is -0.0); x - (-0.0) would not.
                new RuleTable.Rule("sub-zero", (i, out) -> isNumeric(i, BinaryFn.SUB) && isSplat(out, i.arg(1), 0.0)
                        ? keepType(i, i.arg(0), out) : OptionalInt.empty()),
                new RuleTable.Rule("add-zero", SimplifyAlgebra::addZero),
                new RuleTable.Rule("pow-one", (i, out) -> isNumeric(i, BinaryFn.POW) && isSplat(out, i.arg(1), 1)
                        ? keepType(i, i.arg(0), out) : OptionalInt.empty()),
                new RuleTable.Rule("pow-two", SimplifyAlgebra::powTwo),
                new RuleTable.Rule("pow-zero", SimplifyAlgebra::powZero),
                new RuleTable.Rule("neg-neg", (i, out) -> twice(i, UnaryFn.NEG, out)
                        ? keepType(i, out.instr(i.arg(0)).arg(0), out) : OptionalInt.empty()),
                new RuleTable.Rule("not-not", (i, out) -> twice(i, UnaryFn.NOT, out)
                        && rounded.isRounded(out, out.instr(i.arg(0)).arg(0))
                        ? keepType(i, out.instr(i.arg(0)).arg(0), out) : OptionalInt.empty()),
                new RuleTable.Rule("abs-abs", (i, out) -> twice(i, UnaryFn.ABS, out)
                        ? keepType(i, i.arg(0), out) : OptionalInt.empty()),
                new RuleTable.Rule("abs-neg", SimplifyAlgebra::absNeg),
                new RuleTable.Rule("cast-same", (i, out) -> i.op() instanceof Op.Cast
                        && out.type(i.arg(0)).dtype() == i.type().dtype() && rounded.isRounded(out, i.arg(0))
                        ? keepType(i, i.arg(0), out) : OptionalInt.empty()),
                new RuleTable.Rule("cast-cast", (i, out) -> castCast(i, out, rounded)),
                new RuleTable.Rule("min-max-same", (i, out) -> i.op() instanceof Op.Binary b
                        && (b.fn() == BinaryFn.MIN || b.fn() == BinaryFn.MAX) && i.arg(0) == i.arg(1)
                        ? keepType(i, i.arg(0), out) : OptionalInt.empty()),
                new RuleTable.Rule("select-same", (i, out) -> i.op() instanceof Op.Select && i.arg(1) == i.arg(2)
                        ? keepType(i, i.arg(1), out) : OptionalInt.empty()),
                new RuleTable.Rule("select-constant", SimplifyAlgebra::selectConstant));
    }

    /** An arithmetic binary op on numbers (bool arithmetic is not the language's; leave it). */
    private static boolean isNumeric(Instr i, BinaryFn fn) {
        return i.op() instanceof Op.Binary b && b.fn() == fn && i.type().dtype() != DType.BOOL;
    }

    private static OptionalInt mulOne(Instr i, GraphBuilder out) {
        if (!isNumeric(i, BinaryFn.MUL)) {
            return OptionalInt.empty();
        }
        if (isSplat(out, i.arg(1), 1)) {
            return keepType(i, i.arg(0), out);
        }
        return isSplat(out, i.arg(0), 1) ? keepType(i, i.arg(1), out) : OptionalInt.empty();
    }

    /** Floats: only -0.0 is an additive identity (x + -0.0 keeps x's -0.0 and +0.0). i32: 0. */
    private static OptionalInt addZero(Instr i, GraphBuilder out) {
        if (!isNumeric(i, BinaryFn.ADD)) {
            return OptionalInt.empty();
        }
        double zero = i.type().dtype() == DType.I32 ? 0.0 : -0.0;
        if (isSplat(out, i.arg(1), zero)) {
            return keepType(i, i.arg(0), out);
        }
        return isSplat(out, i.arg(0), zero) ? keepType(i, i.arg(1), out) : OptionalInt.empty();
    }

    /** x ** 2 is x * x: both round the exact square once (Java's pow special-cases 2 too). */
    private static OptionalInt powTwo(Instr i, GraphBuilder out) {
        if (!isNumeric(i, BinaryFn.POW) || !isSplat(out, i.arg(1), 2)) {
            return OptionalInt.empty();
        }
        int x = i.arg(0);
        TensorType square = i.type().withShape(out.type(x).shape());
        int product = RuleTable.emit(i, new Op.Binary(BinaryFn.MUL), List.of(x, x), square, out);
        return keepType(i, product, out);
    }

    /** x ** ±0 is 1 for every x, NaN included (IEEE pow and Math.pow; i32 power likewise). */
    private static OptionalInt powZero(Instr i, GraphBuilder out) {
        OptionalDouble exponent = isNumeric(i, BinaryFn.POW) ? RuleTable.splat(out, i.arg(1)) : OptionalDouble.empty();
        if (exponent.isEmpty() || exponent.getAsDouble() != 0) {
            return OptionalInt.empty();
        }
        TensorType scalar = TensorType.scalar(i.type().dtype());
        return keepType(i, RuleTable.emit(i, new Op.Constant(1), List.of(), scalar, out), out);
    }

    /** f(f(x)) for a unary f. */
    private static boolean twice(Instr i, UnaryFn fn, GraphBuilder out) {
        return isUnary(i, fn) && isUnary(out.instr(i.arg(0)), fn);
    }

    private static boolean isUnary(Instr i, UnaryFn fn) {
        return i.op() instanceof Op.Unary u && u.fn() == fn;
    }

    private static OptionalInt absNeg(Instr i, GraphBuilder out) {
        if (!isUnary(i, UnaryFn.ABS) || !isUnary(out.instr(i.arg(0)), UnaryFn.NEG)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(RuleTable.emit(i, new Op.Unary(UnaryFn.ABS), List.of(out.instr(i.arg(0)).arg(0)), out));
    }

    /**
     * cast(cast(x: T1 -> T2) -> T3) when T2 holds every T1 value and x is rounded to T1: the inner
     * cast is then the identity on x's values, so one cast to T3 (or none if T3 == T1) means the
     * same. Narrowing middles (f32 -> f16 -> bf16) round twice and are not collapsed.
     */
    private static OptionalInt castCast(Instr i, GraphBuilder out, RoundedValues.PerRewrite rounded) {
        if (!(i.op() instanceof Op.Cast) || !(out.instr(i.arg(0)).op() instanceof Op.Cast)) {
            return OptionalInt.empty();
        }
        int x = out.instr(i.arg(0)).arg(0);
        DType from = out.type(x).dtype();
        if (!holdsEvery(out.type(i.arg(0)).dtype(), from) || !rounded.isRounded(out, x)) {
            return OptionalInt.empty();
        }
        return from == i.type().dtype() ? keepType(i, x, out)
                : OptionalInt.of(RuleTable.emit(i, new Op.Cast(), List.of(x), out));
    }

    /** True when every value of {@code narrow} is exactly a value of {@code wide}. */
    static boolean holdsEvery(DType wide, DType narrow) {
        return wide == narrow || narrow == DType.BOOL
                || (wide == DType.F32 && (narrow == DType.F16 || narrow == DType.BF16));
    }

    private static OptionalInt selectConstant(Instr i, GraphBuilder out) {
        OptionalDouble cond = i.op() instanceof Op.Select ? RuleTable.splat(out, i.arg(0)) : OptionalDouble.empty();
        if (cond.isEmpty()) {
            return OptionalInt.empty();
        }
        return keepType(i, cond.getAsDouble() != 0 ? i.arg(1) : i.arg(2), out);
    }
}
