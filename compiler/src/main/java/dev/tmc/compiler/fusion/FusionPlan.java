// The result of fusion and scheduling: a graph, the rank-0 values the host computes once per call
// (from scalar parameters and dims; kernels get them as arguments), and the groups in the order
// their kernels run.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.Graph;

import java.util.List;
import java.util.Optional;

public record FusionPlan(Graph graph, List<Integer> hostValues, List<FusionGroup> groups) {
    public FusionPlan {
        hostValues = List.copyOf(hostValues);
        groups = List.copyOf(groups);
    }

    /** The group that stores {@code value}, if a kernel writes it. */
    public Optional<FusionGroup> producer(int value) {
        return groups.stream().filter(g -> g.outputs().contains(value)).findFirst();
    }

    public int kernelCount() {
        return groups.size();
    }
}
