// Analysis: which values the reference interpreter holds exactly in their own dtype. It computes
// in f64 and rounds only at parameters, outputs and casts, so an f32 `a * b` may hold a value no
// f32 can; removing a cast (or a double negation of a bool) is exact only on rounded values.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

public final class RoundedValues {
    private final IntFunction<Instr> body;
    private final List<Boolean> facts = new ArrayList<>();

    /**
     * Facts over a body that may still grow (a GraphBuilder during a rewrite): each is computed on
     * first demand, in id order, and never changes because ids are final once handed out.
     */
    public RoundedValues(IntFunction<Instr> body) {
        this.body = body;
    }

    /**
     * Facts for the rules of one rewrite, which see only the builder the rewrite passes them: the
     * analysis binds to the first builder it is asked about and starts afresh for another.
     */
    public static final class PerRewrite {
        private GraphBuilder builder;
        private RoundedValues facts;

        public boolean isRounded(GraphBuilder out, int id) {
            if (out != builder) {
                builder = out;
                facts = new RoundedValues(out::instr);
            }
            return facts.isRounded(id);
        }
    }

    /** True when every value {@code id} can take is exactly representable in its dtype. */
    public boolean isRounded(int id) {
        while (facts.size() <= id) {
            facts.add(rounded(body.apply(facts.size())));
        }
        return facts.get(id);
    }

    private boolean allArgs(Instr i) {
        return i.args().stream().allMatch(this::isRounded);
    }

    private boolean rounded(Instr i) {
        Op op = i.op();
        DType dtype = i.type().dtype();
        if (op instanceof Op.Constant c) {
            return dtype.round(c.value()) == c.value() || Double.isNaN(c.value()); // literals keep their exact value
        }
        if (op instanceof Op.Parameter || op instanceof Op.DimValue || op instanceof Op.Iota || op instanceof Op.Cast) {
            return true; // stored, rounded when made, or integral by construction
        }
        if (op instanceof Op.Unary u) {
            // Integer ops use 32-bit semantics; sign is -1, 0, 1 or NaN; the others map the values
            // of any IEEE format into the same format (but a negated bool true is -1).
            if (dtype == DType.I32 || u.fn() == UnaryFn.SIGN || u.fn() == UnaryFn.NOT) {
                return true;
            }
            return !u.fn().isTranscendental() && !(u.fn() == UnaryFn.NEG && dtype == DType.BOOL) && allArgs(i);
        }
        if (op instanceof Op.Binary b) {
            if (b.fn().kind() != BinaryFn.Kind.ARITHMETIC || dtype == DType.I32) {
                return true; // 0/1, or wrapped 32-bit integers
            }
            return (b.fn() == BinaryFn.MIN || b.fn() == BinaryFn.MAX) && allArgs(i);
        }
        if (op instanceof Op.Select) {
            return isRounded(i.arg(1)) && isRounded(i.arg(2));
        }
        if (op instanceof Op.Reduce r) {
            switch (r.fn()) {
                case ARGMAX: case ARGMIN: return true;
                case MAX: case MIN: return allArgs(i);
                case SUM: case PROD: return dtype == DType.I32;
                default: return false; // a mean divides, even of integers
            }
        }
        if (op instanceof Op.MatMul) {
            return dtype == DType.I32;
        }
        if (op instanceof Op.Reshape || op instanceof Op.Transpose || op instanceof Op.BroadcastTo
                || op instanceof Op.Slice || op instanceof Op.Concat) {
            return allArgs(i);
        }
        return false; // calls: not looked into
    }
}
