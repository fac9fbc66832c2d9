// Everything the back ends need about one pipeline: its optimised graph, kernels and memory.
package dev.tmc.compiler.driver;

import dev.tmc.compiler.fusion.FusionPlan;
import dev.tmc.compiler.fusion.Traffic;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.memory.MemoryPlan;

/**
 * @param lowered   the checked graph as written (before any pass): the meaning, for reference runs
 * @param optimized after the graph passes
 * @param fusion    the scheduled kernels
 * @param memory    the arena layout of the intermediates
 */
public record CompiledPipeline(Graph lowered, Graph optimized, FusionPlan fusion, MemoryPlan memory, Traffic traffic) {
    public String name() {
        return lowered.name();
    }
}
