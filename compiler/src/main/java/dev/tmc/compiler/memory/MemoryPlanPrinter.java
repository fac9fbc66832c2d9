// Spells a memory plan for explain: one line per intermediate, then the arena size.
package dev.tmc.compiler.memory;

import dev.tmc.compiler.fusion.FusionPlan;

import java.util.Map;

public final class MemoryPlanPrinter {
    private MemoryPlanPrinter() {
    }

    public static String print(FusionPlan plan, MemoryPlan memory, Map<String, Long> dims) {
        StringBuilder out = new StringBuilder();
        for (Allocation a : memory.allocations()) {
            out.append("  %").append(a.value()).append(": ").append(plan.graph().instr(a.value()).storedType())
                    .append("  slot ").append(a.slot()).append(" at ").append(a.offset()).append(", ")
                    .append(a.bytes()).append(" bytes, written by ").append(plan.groups().get(a.producer()).name())
                    .append(", last read by ").append(plan.groups().get(a.lastUse()).name());
            a.inPlaceOf().ifPresent(v -> out.append(", in place of %").append(v));
            out.append('\n');
        }
        out.append("  arena: ").append(memory.arenaBytes()).append(" bytes");
        if (memory.allocations().isEmpty()) {
            out.append(" (no intermediates: every kernel reads inputs and writes outputs)");
        } else if (dims.keySet().containsAll(memory.arenaBytes().symbols())) {
            out.append(" = ").append(memory.arenaBytes(dims)).append(" for ").append(dims);
        }
        return out.append('\n').toString();
    }
}
