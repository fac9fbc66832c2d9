// The CPU form of a call's arena: where a GPU backend places intermediates at byte offsets in one
// buffer, the CPU gives each (slot, array kind) one typed array, as long as the largest value
// placed there, taken from the pool for one call.
package dev.tmc.runtime.cpu;

import dev.tmc.runtime.call.BoundCall;
import dev.tmc.runtime.plan.PipelinePlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class ArenaLayout {
    private record Group(int slot, ArrayKind kind) {
    }

    private final List<ArrayKind> kinds = new ArrayList<>();
    /** Per group, the allocations placed in it. */
    private final List<List<PipelinePlan.Allocation>> members = new ArrayList<>();
    private final Map<Integer, Integer> groupOfValue = new HashMap<>();

    ArenaLayout(PipelinePlan.Arena arena) {
        Map<Group, Integer> groups = new LinkedHashMap<>();
        for (PipelinePlan.Allocation a : arena.allocations()) {
            ArrayKind kind = ArrayKind.of(a.dtype());
            int g = groups.computeIfAbsent(new Group(a.slot(), kind), k -> {
                kinds.add(kind);
                members.add(new ArrayList<>());
                return kinds.size() - 1;
            });
            members.get(g).add(a);
            groupOfValue.put(a.value(), g);
        }
    }

    /** The index into {@link #take}'s arrays that holds graph value {@code value}. */
    int group(int value) {
        return groupOfValue.get(value);
    }

    /** One array per group, sized for this call's dims; give them back with {@link #give}. */
    Object[] take(BufferPool pool, BoundCall call) {
        Object[] arrays = new Object[kinds.size()];
        try {
            for (int g = 0; g < arrays.length; g++) {
                long elements = 0;
                for (PipelinePlan.Allocation a : members.get(g)) {
                    long bytes = call.size(a.bytes());
                    elements = Math.max(elements, (bytes + a.dtype().byteSize() - 1) / a.dtype().byteSize());
                }
                if (elements > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("an intermediate of " + elements + " elements does not fit in"
                            + " one CPU buffer");
                }
                arrays[g] = pool.take(kinds.get(g), (int) elements);
            }
            return arrays;
        } catch (RuntimeException e) {
            give(pool, arrays);
            throw e;
        }
    }

    void give(BufferPool pool, Object[] arrays) {
        for (Object a : arrays) {
            if (a != null) {
                pool.give(a);
            }
        }
    }
}
