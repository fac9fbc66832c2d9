// Pass "promote-precision": separates the dtype a value is stored in from the dtype it is computed
// in. Under the graph's profile (strict, balanced, fast), f16/bf16 work moves to f32 with the
// value still stored low, and conversions go where the two meet. See docs/precision.md.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Contract: runs after inline (no Call ops). Which ops compute in f32 is decided by
 * {@link PromotePrecisionPlan}; this class rebuilds the graph accordingly:
 * <ul>
 * <li>an op computed in f32 has result dtype f32 and storage the low dtype it had;</li>
 * <li>an operand in the wrong dtype is converted once per value and dtype, next to its first
 *     use: low to f32 by a widening Cast (storage low: the value is exactly a low one), f32 to low
 *     by a rounding Cast (the rounding point that storing it would be anyway); a low constant
 *     becomes an f32 constant of the same value;</li>
 * <li>parameters, constants, dims, user casts and outputs keep their dtypes (an output computed
 *     in f32 gets a final rounding Cast).</li>
 * </ul>
 * Graphs without f16/bf16 values are returned as they are (the same instance); so is a graph
 * this pass already promoted under the same profile (idempotent), since the plan reads through
 * the conversions it inserts. Constants, dims and iotas move next to their first use (an unused
 * one goes).
 */
public final class PromotePrecision {
    private final Graph g;
    private final PromotePrecisionPlan plan;
    private final GraphBuilder out = new GraphBuilder();
    /** New id of each value placed so far, computed in plan.computeDType. */
    private final int[] map;
    /** Leaves already placed in the new graph. */
    private final boolean[] placed;
    private final Map<Long, Integer> conversions = new HashMap<>();

    private PromotePrecision(Graph g) {
        this.g = g;
        this.plan = PromotePrecisionPlan.of(g);
        this.map = new int[g.body().size()];
        this.placed = new boolean[g.body().size()];
    }

    public static Graph run(Graph g) {
        if (!PromotePrecisionPlan.hasLowValues(g)) {
            return g;
        }
        PromotePrecision pass = new PromotePrecision(g);
        if (pass.plan.keepsEveryDType()) {
            return g;
        }
        Graph promoted = pass.rebuild();
        boolean same = promoted.body().equals(g.body()) && promoted.outputs().equals(g.outputs());
        return same ? g : promoted;
    }

    private Graph rebuild() {
        for (Instr i : g.body()) {
            if (plan.transparent[i.id()] || isLeaf(i)) {
                // Rebuilt next to their first use, in the dtype needed there: placement then
                // depends only on the uses, so promoting a promoted graph reproduces it exactly.
                continue;
            }
            if (i.op() instanceof Op.Call) {
                throw new InternalCompilerError("promote-precision runs after inline; found a call in " + g.name());
            }
            map[i.id()] = emit(i);
        }
        List<GraphOutput> outputs = new ArrayList<>();
        for (GraphOutput o : g.outputs()) {
            outputs.add(o.withValue(valueIn(o.value(), g.type(o.value()).dtype())));
        }
        return g.withBody(out.body(), outputs);
    }

    private int emit(Instr i) {
        List<Integer> args = new ArrayList<>(i.args().size());
        boolean isCast = i.op() instanceof Op.Cast;
        for (int k = 0; k < i.args().size(); k++) {
            int a = i.arg(k);
            DType want;
            if (isCast || k < PromotePrecisionPlan.firstNumericOperand(i)) {
                want = plan.computeDType(a); // a user cast converts from whatever its operand is computed in
            } else if (plan.family(i) != null) {
                want = plan.computeF32[i.id()] ? DType.F32 : plan.logicalDType(a);
            } else {
                want = g.type(a).dtype();
            }
            args.add(valueIn(a, want));
        }
        DType logical = plan.logicalDType(i.id());
        if (plan.family(i) == null || !PromotePrecisionPlan.isLow(logical)) {
            return out.add(i.op(), args, i.type(), i.storage(), i.span());
        }
        DType compute = plan.computeF32[i.id()] ? DType.F32 : logical;
        return out.add(i.op(), args, i.type().withDType(compute), logical, i.span());
    }

    /** Value {@code id} of the old graph as a value of {@code dtype} in the new one. */
    private int valueIn(int id, DType dtype) {
        int v = plan.logical[id];
        Instr old = g.instr(v);
        if (old.op() instanceof Op.Constant c) {
            DType own = old.type().dtype();
            if (dtype != own && !(dtype == DType.F32 && PromotePrecisionPlan.isLow(own))) {
                throw new InternalCompilerError("promote-precision: constant %" + v + " of " + g.name() + " is "
                        + own + " but needed in " + dtype);
            }
            // A low constant is exact in f32: its f32 twin is a constant too, not a conversion.
            return memo(v, dtype, () -> out.add(c, List.of(), TensorType.scalar(dtype), old.span()));
        }
        if (isLeaf(old) && !placed[v]) {
            placed[v] = true;
            map[v] = out.copy(old, List.of());
        }
        int have = map[v];
        DType from = out.type(have).dtype();
        if (from == dtype) {
            return have;
        }
        DType low = plan.logicalDType(v);
        boolean widen = dtype == DType.F32 && PromotePrecisionPlan.isLow(from);
        boolean round = from == DType.F32 && dtype == low && PromotePrecisionPlan.isLow(low);
        if (!widen && !round) {
            throw new InternalCompilerError("promote-precision: %" + v + " of " + g.name() + " is computed in "
                    + from + " but needed in " + dtype);
        }
        TensorType type = out.type(have).withDType(dtype);
        return memo(v, dtype, () -> out.add(new Op.Cast(), List.of(have), type, low, old.span()));
    }

    /** Constants, dims and iotas: operand-free values placed where first used. */
    private static boolean isLeaf(Instr i) {
        return i.op() instanceof Op.Constant || i.op() instanceof Op.DimValue || i.op() instanceof Op.Iota;
    }

    private int memo(int value, DType dtype, IntSupplier make) {
        long key = ((long) value << 8) | dtype.ordinal();
        Integer known = conversions.get(key);
        if (known != null) {
            return known;
        }
        int id = make.getAsInt();
        conversions.put(key, id);
        return id;
    }
}
