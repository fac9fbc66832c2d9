// Analysis "plan-memory": liveness of the values kernels store for other kernels, then a greedy
// packing into arena slots: a value takes a dead slot that is provably big enough, or the buffer
// of an input it replaces element by element (in place), or a new slot. Runs after schedule.
package dev.tmc.compiler.memory;

import dev.tmc.compiler.fusion.FusionGroup;
import dev.tmc.compiler.fusion.FusionPlan;
import dev.tmc.compiler.fusion.RowStash;
import dev.tmc.compiler.fusion.Template;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.shape.DimExpr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

public final class PlanMemory {
    /** Buffers start on 256-byte boundaries: enough for any vector load on every target. */
    public static final long ALIGNMENT = 256;

    private PlanMemory() {
    }

    private static final class Slot {
        final DimExpr size;
        int busyUntil; // index of the last kernel that reads what the slot holds

        Slot(DimExpr size, int busyUntil) {
            this.size = size;
            this.busyUntil = busyUntil;
        }
    }

    public static MemoryPlan run(FusionPlan plan) {
        Graph g = plan.graph();
        Set<Integer> outputs = new HashSet<>();
        for (GraphOutput o : g.outputs()) {
            outputs.add(o.value());
        }
        Map<Integer, Integer> lastUse = new HashMap<>();
        for (FusionGroup k : plan.groups()) {
            for (int in : k.inputs()) {
                lastUse.put(in, k.id());
            }
        }
        List<Slot> slots = new ArrayList<>();
        Map<Integer, Integer> slotOf = new HashMap<>();
        List<int[]> placed = new ArrayList<>(); // value, slot, producer, lastUse, inPlaceOf
        for (FusionGroup k : plan.groups()) {
            Set<Integer> reusedInPlace = new HashSet<>();
            for (int v : k.outputs()) {
                Instr instr = g.instr(v);
                if (outputs.contains(v) || instr.op() instanceof Op.Parameter) {
                    continue;
                }
                DimExpr bytes = bytes(instr);
                int last = lastUse.getOrDefault(v, k.id());
                int inPlace = inPlaceCandidate(g, k, v, bytes, lastUse, slotOf, reusedInPlace);
                int slot;
                if (inPlace >= 0) {
                    slot = slotOf.get(inPlace);
                    reusedInPlace.add(inPlace);
                } else {
                    slot = freeSlot(slots, bytes, k.id());
                    if (slot < 0) {
                        slots.add(new Slot(bytes, last));
                        slot = slots.size() - 1;
                    }
                }
                slots.get(slot).busyUntil = Math.max(last, k.id());
                slotOf.put(v, slot);
                placed.add(new int[] {v, slot, k.id(), last, inPlace});
            }
        }
        List<DimExpr> sizes = new ArrayList<>();
        List<DimExpr> offsets = new ArrayList<>();
        DimExpr total = DimExpr.of(0);
        for (Slot s : slots) {
            offsets.add(total);
            sizes.add(s.size);
            total = total.plus(s.size.alignUp(ALIGNMENT));
        }
        List<Allocation> allocations = new ArrayList<>();
        for (int[] p : placed) {
            allocations.add(new Allocation(p[0], bytes(g.instr(p[0])), p[1], offsets.get(p[1]), p[2], p[3],
                    p[4] >= 0 ? OptionalInt.of(p[4]) : OptionalInt.empty()));
        }
        return new MemoryPlan(allocations, sizes, total, ALIGNMENT);
    }

    public static DimExpr bytes(Instr i) {
        return i.type().shape().elementCount().times(i.storage().byteSize());
    }

    /** A dead slot (its contents read for the last time before kernel {@code k}) that fits. */
    private static int freeSlot(List<Slot> slots, DimExpr bytes, int k) {
        int best = -1;
        for (int s = 0; s < slots.size(); s++) {
            Slot slot = slots.get(s);
            if (slot.busyUntil < k && slot.size.minus(bytes).isEvidentlyNonNegative()
                    && (best < 0 || slot.size.equals(bytes))) {
                best = s; // an exact fit wins over a merely big enough slot
            }
        }
        return best;
    }

    /**
     * A kernel may overwrite an input it reads for the last time when each thread reads that
     * input's element at exactly the index it writes: same size, the domain's shape, and read
     * directly by elementwise ops (not through a view). Pointwise kernels qualify, and so do row
     * reductions: their last walk over a row reads and writes element by element, and the walks
     * before it only read, or stash a value in the output at the element they read (RowStash), after
     * which the walks must not read the input again.
     */
    private static int inPlaceCandidate(Graph g, FusionGroup k, int v, DimExpr bytes, Map<Integer, Integer> lastUse,
                                        Map<Integer, Integer> slotOf, Set<Integer> taken) {
        boolean template = k.template() == Template.POINTWISE || k.template() == Template.ROW_REDUCTION;
        if (!template || !g.type(v).shape().equals(k.domain())) {
            return -1;
        }
        Set<Integer> readAfterStash = RowStash.readAfterFirstStash(g, k);
        for (int in : k.inputs()) {
            if (!slotOf.containsKey(in) || taken.contains(in) || readAfterStash.contains(in)
                    || lastUse.getOrDefault(in, -1) != k.id()
                    || !bytes(g.instr(in)).equals(bytes) || !g.type(in).shape().equals(k.domain())) {
                continue;
            }
            boolean direct = true;
            for (int m : k.members()) {
                Instr member = g.instr(m);
                boolean elementwise = member.op() instanceof Op.Unary || member.op() instanceof Op.Binary
                        || member.op() instanceof Op.Select || member.op() instanceof Op.Cast
                        || member.op() instanceof Op.Reduce && k.template() == Template.ROW_REDUCTION;
                if (member.args().contains(in) && !elementwise) {
                    direct = false;
                }
            }
            if (direct) {
                return in;
            }
        }
        return -1;
    }
}
