// The memory plan of one pipeline: every intermediate in one arena, sizes and offsets as
// expressions of the dims, evaluated once per call. Outputs and inputs are the caller's tensors.
package dev.tmc.compiler.memory;

import dev.tmc.compiler.shape.DimExpr;

import java.util.List;
import java.util.Map;
import java.util.Optional;

public record MemoryPlan(List<Allocation> allocations, List<DimExpr> slotSizes, DimExpr arenaBytes, long alignment) {
    public MemoryPlan {
        allocations = List.copyOf(allocations);
        slotSizes = List.copyOf(slotSizes);
    }

    public Optional<Allocation> allocation(int value) {
        return allocations.stream().filter(a -> a.value() == value).findFirst();
    }

    public long arenaBytes(Map<String, Long> dims) {
        return arenaBytes.evaluate(dims);
    }
}
