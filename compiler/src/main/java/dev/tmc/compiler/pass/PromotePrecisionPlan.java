// The analysis behind promote-precision: which instructions compute in f32 under a profile. It
// reads a graph as "logical" low-precision values, looking through the conversions that
// precision passes insert, so the plan of a promoted graph is the plan of the original one.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.runtime.DType;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Vocabulary. A value is <em>low</em> when its dtype is f16 or bf16, or when it is already
 * computed in f32 but stored as f16/bf16 (promoted earlier). Two kinds of Cast are compiler
 * conversions, not user casts, and are <em>transparent</em> here: a widening of a low value to
 * f32 that keeps the low storage, and the rounding of a promoted value to its own storage dtype.
 * (The frontend never emits a cast to the same dtype, and user f32 values have f32 storage, so a
 * user cast never has either shape.)
 */
final class PromotePrecisionPlan {

    /** What a family of ops does with low values: one column per profile in {@link #POLICIES}. */
    enum Policy {
        /** Always compute in f32. */
        F32,
        /** Compute in the low dtype; f32 operands are rounded down first. */
        LOW,
        /** f32 when some operand is computed in f32 (nothing gained by rounding it first). */
        FOLLOW,
        /** f32 when the value feeds an op that computes in f32, transitively; else low. */
        DEMAND,
        /** FOLLOW or DEMAND, whichever asks for f32. */
        FOLLOW_OR_DEMAND
    }

    /** Op families, for the policy table. */
    enum Family {
        /** sum prod mean max min reductions and matmul: long chains of rounding, or overflow. */
        ACCUMULATE,
        /** argmax argmin: compare only. */
        ARG_REDUCE,
        /** exp log sqrt rsqrt tanh sigmoid erf ...: lose accuracy in f16 and overflow early. */
        TRANSCENDENTAL,
        /** div and pow. */
        DIVIDE,
        /** add sub mul mod min max, neg abs sign floor ceil round, select. */
        PLAIN,
        /** eq ne lt le gt ge: a bool result, so nothing low is stored. */
        COMPARE,
        /** transpose reshape broadcast slice concat: move values, round nothing. */
        SHAPE
    }

    static final Map<Precision, Map<Family, Policy>> POLICIES = policies();

    private static Map<Precision, Map<Family, Policy>> policies() {
        Map<Precision, Map<Family, Policy>> all = new EnumMap<>(Precision.class);
        Map<Family, Policy> strict = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            strict.put(f, Policy.F32);
        }
        Map<Family, Policy> balanced = new EnumMap<>(Family.class);
        balanced.put(Family.ACCUMULATE, Policy.F32);
        balanced.put(Family.ARG_REDUCE, Policy.F32);
        balanced.put(Family.TRANSCENDENTAL, Policy.F32);
        balanced.put(Family.DIVIDE, Policy.F32);
        balanced.put(Family.PLAIN, Policy.DEMAND);
        balanced.put(Family.COMPARE, Policy.FOLLOW);
        balanced.put(Family.SHAPE, Policy.FOLLOW_OR_DEMAND);
        Map<Family, Policy> fast = new EnumMap<>(Family.class);
        fast.put(Family.ACCUMULATE, Policy.F32);
        fast.put(Family.ARG_REDUCE, Policy.FOLLOW);
        fast.put(Family.TRANSCENDENTAL, Policy.LOW);
        fast.put(Family.DIVIDE, Policy.LOW);
        fast.put(Family.PLAIN, Policy.LOW);
        fast.put(Family.COMPARE, Policy.FOLLOW);
        fast.put(Family.SHAPE, Policy.FOLLOW);
        all.put(Precision.STRICT, strict);
        all.put(Precision.BALANCED, balanced);
        all.put(Precision.FAST, fast);
        return all;
    }

    private final Graph g;
    /** For a transparent conversion, the value it converts (followed to the end); else the id itself. */
    final int[] logical;
    /** Instructions that are transparent conversions (rebuilt on demand, not copied). */
    final boolean[] transparent;
    /** Whether each (non-transparent) instruction computes in f32 after promotion. */
    final boolean[] computeF32;

    private PromotePrecisionPlan(Graph g) {
        this.g = g;
        int n = g.body().size();
        logical = new int[n];
        transparent = new boolean[n];
        computeF32 = new boolean[n];
    }

    static boolean isLow(DType d) {
        return d == DType.F16 || d == DType.BF16;
    }

    /** True when the graph has any low value at all (else promotion has nothing to do). */
    static boolean hasLowValues(Graph g) {
        return g.body().stream().anyMatch(i -> isLow(i.type().dtype()) || isLow(i.storage()));
    }

    static PromotePrecisionPlan of(Graph g) {
        PromotePrecisionPlan plan = new PromotePrecisionPlan(g);
        plan.resolveConversions();
        // Decisions only ever turn f32 (a FOLLOW op that became f32 demands its operands in turn),
        // so this reaches a fixed point, usually on the second round.
        boolean changed = true;
        while (changed) {
            boolean[] before = plan.computeF32.clone();
            plan.decide(plan.demands(g.precision()), g.precision());
            changed = !Arrays.equals(before, plan.computeF32);
        }
        return plan;
    }

    /**
     * The dtype a value has in the program's meaning: the storage dtype of a promoted value, else
     * its dtype. Defined for every id (transparent ones answer for the value they convert).
     */
    DType logicalDType(int id) {
        Instr i = g.instr(logical[id]);
        return i.type().dtype() == DType.F32 && isLow(i.storage()) ? i.storage() : i.type().dtype();
    }

    /**
     * True when promotion would change nothing: no conversion to rebuild, every op already in the
     * dtype the profile wants (so no operand needs converting either).
     */
    boolean keepsEveryDType() {
        for (Instr i : g.body()) {
            if (transparent[i.id()]) {
                return false;
            }
            if (family(i) != null && computeF32[i.id()] != (i.type().dtype() == DType.F32)) {
                return false;
            }
            if (family(i) != null && !isLow(logicalDType(i.id())) && i.type().dtype() != DType.F32) {
                // A comparison or arg reduction: compare its operands' dtypes with the decision.
                for (int k = firstNumericOperand(i); k < i.args().size(); k++) {
                    if ((g.type(i.arg(k)).dtype() == DType.F32) != computeF32[i.id()]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The dtype instruction {@code id} computes in after promotion. */
    DType computeDType(int id) {
        int l = logical[id];
        Instr i = g.instr(l);
        if (!isLow(logicalDType(l))) {
            return i.type().dtype();
        }
        return computeF32[l] ? DType.F32 : logicalDType(l);
    }

    private void resolveConversions() {
        for (Instr i : g.body()) {
            logical[i.id()] = i.id();
            if (!(i.op() instanceof Op.Cast)) {
                continue;
            }
            Instr from = g.instr(i.arg(0));
            DType to = i.type().dtype();
            boolean widening = isLow(from.type().dtype()) && to == DType.F32 && i.storage() == from.type().dtype();
            boolean rounding = from.type().dtype() == DType.F32 && isLow(from.storage()) && to == from.storage();
            if (widening || rounding) {
                transparent[i.id()] = true;
                logical[i.id()] = logical[from.id()];
            }
        }
    }

    /** The family of an arithmetic or shape op with low operands or a low result; null for others. */
    Family family(Instr i) {
        if (transparent[i.id()] || !involvesLow(i)) {
            return null;
        }
        Op op = i.op();
        if (op instanceof Op.Reduce r) {
            return r.fn().isArg() ? Family.ARG_REDUCE : Family.ACCUMULATE;
        }
        if (op instanceof Op.MatMul) {
            return Family.ACCUMULATE;
        }
        if (op instanceof Op.Unary u) {
            return u.fn().isTranscendental() ? Family.TRANSCENDENTAL : Family.PLAIN;
        }
        if (op instanceof Op.Binary b) {
            if (b.fn().kind() == BinaryFn.Kind.COMPARISON) {
                return Family.COMPARE;
            }
            return b.fn() == BinaryFn.DIV || b.fn() == BinaryFn.POW ? Family.DIVIDE : Family.PLAIN;
        }
        if (op instanceof Op.Select) {
            return Family.PLAIN;
        }
        if (op instanceof Op.Transpose || op instanceof Op.Reshape || op instanceof Op.BroadcastTo
                || op instanceof Op.Slice || op instanceof Op.Concat) {
            return Family.SHAPE;
        }
        return null; // parameters, constants, dims, iotas and user casts keep their dtype
    }

    /** Low result, or (comparisons, arg reductions) low operands; already-f32 values are not. */
    private boolean involvesLow(Instr i) {
        if (isLow(logicalDType(i.id()))) {
            return true;
        }
        if (i.type().dtype() == DType.F32) {
            return false;
        }
        for (int k = firstNumericOperand(i); k < i.args().size(); k++) {
            if (isLow(logicalDType(i.arg(k)))) {
                return true;
            }
        }
        return false;
    }

    /** Operands before this index are not converted (the condition of a select). */
    static int firstNumericOperand(Instr i) {
        return i.op() instanceof Op.Select ? 1 : 0;
    }

    /** True for an instruction already computed in f32 (an f32 value, or promoted earlier). */
    private boolean alreadyF32(Instr i) {
        return i.type().dtype() == DType.F32 && !(i.op() instanceof Op.Cast);
    }

    private Policy policy(Instr i, Precision p) {
        Family f = family(i);
        return f == null ? null : POLICIES.get(p).get(f);
    }

    /**
     * Backward: which low values feed an op that computes in f32 (only DEMAND policies read the
     * answer): an op already f32, one whose policy is F32, one itself demanded, one decided f32 in
     * the previous round, and a user cast to f32 (its operand is not "only stored as low").
     */
    private boolean[] demands(Precision p) {
        boolean[] demanded = new boolean[g.body().size()];
        for (int id = g.body().size() - 1; id >= 0; id--) {
            Instr i = g.instr(id);
            if (transparent[id] || i.args().isEmpty()) {
                continue;
            }
            Policy pol = policy(i, p);
            boolean f32 = i.op() instanceof Op.Cast ? i.type().dtype() == DType.F32
                    : pol == null ? alreadyF32(i)
                    : pol == Policy.F32 || alreadyF32(i) || computeF32[id]
                    || ((pol == Policy.DEMAND || pol == Policy.FOLLOW_OR_DEMAND) && demanded[id]);
            if (!f32) {
                continue;
            }
            for (int k = firstNumericOperand(i); k < i.args().size(); k++) {
                demanded[logical[i.arg(k)]] = true;
            }
        }
        return demanded;
    }

    /** Forward: the compute dtype of every instruction with a policy. */
    private void decide(boolean[] demanded, Precision p) {
        for (Instr i : g.body()) {
            int id = i.id();
            Policy pol = policy(i, p);
            if (pol == null) {
                computeF32[id] = !transparent[id] && alreadyF32(i);
                continue;
            }
            boolean follow = false;
            for (int k = firstNumericOperand(i); k < i.args().size(); k++) {
                follow |= computeDType(i.arg(k)) == DType.F32;
            }
            switch (pol) {
                case F32: computeF32[id] = true; break;
                case LOW: computeF32[id] = false; break;
                case FOLLOW: computeF32[id] = follow; break;
                case DEMAND: computeF32[id] = demanded[id]; break;
                default: computeF32[id] = follow || demanded[id]; break;
            }
            // Promoted earlier, or an f32 op over converted operands: never demoted.
            computeF32[id] |= alreadyF32(i);
        }
    }
}
