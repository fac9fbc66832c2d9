// Pass "stabilize": rewrites numerically fragile idioms into stable equivalents (softmax and
// logsumexp shifted by their maximum, log1p, means that accumulate in f32 and never divide per
// element). Runs after inline (no Call ops left); independent of the precision profile.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.OptionalInt;

/**
 * Contract: every rewrite replaces a value by one of exactly the same type (dtype and shape) and
 * storage, so the graph stays valid for GraphVerifier and its outputs keep their types. The
 * replaced instructions are left dead and removed (with any other dead code) before returning.
 * Returns {@code g} itself when no rule matched. The rules only add f32 work: a mean of f16 values
 * becomes an f32 sum with an f32 scale and one cast back (see docs/precision.md).
 */
public final class Stabilize {
    private Stabilize() {
    }

    /** One named local rewrite; the name is for tests and docs. */
    public record Rule(String name, GraphRewrite.Rule rewrite) {
    }

    /** The rules, tried in order on each instruction; the first match wins. */
    public static final List<Rule> RULES = List.of(
            new Rule("softmax-max-shift", Stabilize::softmax),
            new Rule("logsumexp-max-shift", Stabilize::logSumExp),
            new Rule("log1p", Stabilize::log1p),
            new Rule("mean-f32-scaled-sum", Stabilize::mean));

    public static Graph run(Graph g) {
        return run(g, RULES);
    }

    /** Runs only {@code rules} (tests check each rule alone). */
    public static Graph run(Graph g, List<Rule> rules) {
        boolean[] fired = {false};
        Graph out = GraphRewrite.apply(g, (instr, builder) -> {
            for (Rule r : rules) {
                OptionalInt replacement = r.rewrite().rewrite(instr, builder);
                if (replacement.isPresent()) {
                    fired[0] = true;
                    return replacement;
                }
            }
            return OptionalInt.empty();
        });
        return fired[0] ? EliminateDeadCode.run(out) : g;
    }

    /** {@code exp(x) / sum(exp(x), A, keepdims)} becomes {@code e / sum(e, A, keepdims)}, e = exp(x - max(x, A)). */
    private static OptionalInt softmax(Instr div, GraphBuilder out) {
        if (!isBinary(div, BinaryFn.DIV)) {
            return OptionalInt.empty();
        }
        Instr num = out.instr(div.arg(0));
        Instr sum = out.instr(div.arg(1));
        if (!isUnary(num, UnaryFn.EXP) || !(sum.op() instanceof Op.Reduce r) || r.fn() != ReduceFn.SUM
                || !r.keepDims()) {
            return OptionalInt.empty();
        }
        Instr den = out.instr(sum.arg(0));
        int x = num.arg(0);
        boolean sameExp = den.id() == num.id() || (isUnary(den, UnaryFn.EXP) && den.arg(0) == x);
        if (!sameExp || !div.type().equals(num.type()) || !floatValue(out, x) || isShiftedByMax(out, x, r.axes())) {
            return OptionalInt.empty();
        }
        int e = shiftedExp(out, x, r.axes(), num);
        int s = out.add(sum.op(), List.of(e), sum.type(), sum.storage(), sum.span());
        return OptionalInt.of(out.add(div.op(), List.of(e, s), div.type(), div.storage(), div.span()));
    }

    /**
     * {@code log(sum(exp(x), A, keepdims))} becomes {@code log(sum(exp(x - m), A, keepdims)) + m}
     * with {@code m = max(x, A, keepdims = true)}, reshaped to the reduced shape without keepdims.
     */
    private static OptionalInt logSumExp(Instr log, GraphBuilder out) {
        if (!isUnary(log, UnaryFn.LOG)) {
            return OptionalInt.empty();
        }
        Instr sum = out.instr(log.arg(0));
        if (!(sum.op() instanceof Op.Reduce r) || r.fn() != ReduceFn.SUM) {
            return OptionalInt.empty();
        }
        Instr exp = out.instr(sum.arg(0));
        if (!isUnary(exp, UnaryFn.EXP)) {
            return OptionalInt.empty();
        }
        int x = exp.arg(0);
        if (!floatValue(out, x) || isShiftedByMax(out, x, r.axes())) {
            return OptionalInt.empty();
        }
        int m = rowMax(out, x, r.axes(), log);
        Instr xi = out.instr(x);
        int d = out.add(new Op.Binary(BinaryFn.SUB), List.of(x, m), xi.type(), xi.storage(), log.span());
        int e = out.add(exp.op(), List.of(d), exp.type(), exp.storage(), exp.span());
        int s = out.add(sum.op(), List.of(e), sum.type(), sum.storage(), sum.span());
        int l = out.add(log.op(), List.of(s), log.type(), log.storage(), log.span());
        int mr = r.keepDims() ? m
                : out.add(new Op.Reshape(), List.of(m), sum.type().withDType(out.type(m).dtype()),
                        out.instr(m).storage(), log.span());
        return OptionalInt.of(out.add(new Op.Binary(BinaryFn.ADD), List.of(l, mr), log.type(), log.storage(),
                log.span()));
    }

    /** {@code log(1 + x)} and {@code log(x + 1)} become {@code log1p(x)}; 1 must be exactly one. */
    private static OptionalInt log1p(Instr log, GraphBuilder out) {
        if (!isUnary(log, UnaryFn.LOG)) {
            return OptionalInt.empty();
        }
        Instr add = out.instr(log.arg(0));
        if (!isBinary(add, BinaryFn.ADD)) {
            return OptionalInt.empty();
        }
        int x;
        if (isOne(out, add.arg(0))) {
            x = add.arg(1);
        } else if (isOne(out, add.arg(1))) {
            x = add.arg(0);
        } else {
            return OptionalInt.empty();
        }
        Instr xi = out.instr(x);
        // The constant may have done the broadcasting: keep the add's shape.
        int arg = xi.type().equals(add.type()) ? x
                : out.add(new Op.BroadcastTo(), List.of(x), add.type(), xi.storage(), add.span());
        return OptionalInt.of(out.add(new Op.Unary(UnaryFn.LOG1P), List.of(arg), log.type(), log.storage(),
                log.span()));
    }

    /**
     * {@code mean(x, A)} becomes {@code sum(x as f32, A) * (1/n)} in f32, cast back to the mean's
     * dtype: a sum of f16 values overflows or stalls long before their mean does, and one
     * multiply by a rank-0 reciprocal replaces a division per element.
     */
    private static OptionalInt mean(Instr mean, GraphBuilder out) {
        if (!(mean.op() instanceof Op.Reduce r) || r.fn() != ReduceFn.MEAN) {
            return OptionalInt.empty();
        }
        Instr x = out.instr(mean.arg(0));
        int xf = x.id();
        if (x.type().dtype() != DType.F32) {
            // Exact widening; storage stays x's dtype, which marks it as a compiler conversion.
            xf = out.add(new Op.Cast(), List.of(xf), x.type().withDType(DType.F32), x.type().dtype(), mean.span());
        }
        TensorType f32 = mean.type().withDType(DType.F32);
        int sum = out.add(new Op.Reduce(ReduceFn.SUM, r.axes(), r.keepDims()), List.of(xf), f32, DType.F32,
                mean.span());
        DimExpr n = DimExpr.of(1);
        for (int axis : r.axes()) {
            n = n.times(x.type().shape().dim(axis));
        }
        TensorType scalar = TensorType.scalar(DType.F32);
        int inverse;
        if (n.isConstant()) {
            inverse = out.add(new Op.Constant(DType.F32.round(1.0 / n.constant())), List.of(), scalar, mean.span());
        } else {
            int one = out.add(new Op.Constant(1.0), List.of(), scalar, mean.span());
            int count = out.add(new Op.DimValue(n), List.of(), scalar, mean.span());
            inverse = out.add(new Op.Binary(BinaryFn.DIV), List.of(one, count), scalar, mean.span());
        }
        // Stored as the mean is: an f16 mean computed in f32 is still an f16 value.
        int scaled = out.add(new Op.Binary(BinaryFn.MUL), List.of(sum, inverse), f32, mean.storage(), mean.span());
        if (mean.type().dtype() == DType.F32) {
            return OptionalInt.of(scaled);
        }
        return OptionalInt.of(out.add(new Op.Cast(), List.of(scaled), mean.type(), mean.storage(), mean.span()));
    }

    /** {@code exp(x - max(x, axes, keepdims = true))}, typed like {@code like} (an exp of x). */
    private static int shiftedExp(GraphBuilder out, int x, List<Integer> axes, Instr like) {
        int m = rowMax(out, x, axes, like);
        Instr xi = out.instr(x);
        int d = out.add(new Op.Binary(BinaryFn.SUB), List.of(x, m), xi.type(), xi.storage(), like.span());
        return out.add(new Op.Unary(UnaryFn.EXP), List.of(d), like.type(), like.storage(), like.span());
    }

    private static int rowMax(GraphBuilder out, int x, List<Integer> axes, Instr at) {
        Instr xi = out.instr(x);
        TensorType kept = xi.type();
        for (int axis : axes) {
            kept = kept.withShape(kept.shape().withDim(axis, DimExpr.of(1)));
        }
        return out.add(new Op.Reduce(ReduceFn.MAX, axes, true), List.of(x), kept, xi.storage(), at.span());
    }

    /** True when x is {@code y - max(y, axes, keepdims = true)}: already shifted, as the prelude writes it. */
    private static boolean isShiftedByMax(GraphBuilder out, int x, List<Integer> axes) {
        Instr xi = out.instr(x);
        if (!isBinary(xi, BinaryFn.SUB)) {
            return false;
        }
        Instr m = out.instr(xi.arg(1));
        return m.op() instanceof Op.Reduce r && r.fn() == ReduceFn.MAX && r.keepDims() && r.axes().equals(axes)
                && m.arg(0) == xi.arg(0);
    }

    /** A rank-0 constant 1, or a broadcast of one. */
    private static boolean isOne(GraphBuilder out, int id) {
        Instr i = out.instr(id);
        if (i.op() instanceof Op.BroadcastTo) {
            i = out.instr(i.arg(0));
        }
        return i.op() instanceof Op.Constant c && c.value() == 1.0 && i.type().rank() == 0;
    }

    private static boolean floatValue(GraphBuilder out, int id) {
        return out.type(id).dtype().isFloat();
    }

    private static boolean isUnary(Instr i, UnaryFn fn) {
        return i.op() instanceof Op.Unary u && u.fn() == fn;
    }

    private static boolean isBinary(Instr i, BinaryFn fn) {
        return i.op() instanceof Op.Binary b && b.fn() == fn;
    }
}
