// The memory plan: each intermediate's slot and offset in the arena, and the arena's size
// (a number when --dim binds every dim it depends on).
package dev.tmc.cli;

import dev.tmc.compiler.fusion.FusionPlan;
import dev.tmc.compiler.memory.Allocation;
import dev.tmc.compiler.memory.MemoryPlan;
import dev.tmc.compiler.memory.MemoryPlanPrinter;

final class MemorySection implements ExplainSection {
    @Override
    public void text(ExplainedPipeline pipeline, StringBuilder out) {
        FusionPlan plan = pipeline.compiled().fusion();
        out.append("// memory plan of ").append(pipeline.graph().name()).append('\n');
        out.append(MemoryPlanPrinter.print(plan, pipeline.compiled().memory(), pipeline.dims()));
    }

    @Override
    public void json(ExplainedPipeline pipeline, JsonWriter out) {
        MemoryPlan memory = pipeline.compiled().memory();
        FusionPlan plan = pipeline.compiled().fusion();
        pipeline.jsonSize(out, "arenaBytes", memory.arenaBytes());
        out.name("allocations").beginArray();
        for (Allocation a : memory.allocations()) {
            out.beginObject().name("value").value("%" + a.value())
                    .name("type").value(plan.graph().instr(a.value()).storedType().toString())
                    .name("slot").value(a.slot());
            pipeline.jsonSize(out, "offset", a.offset());
            pipeline.jsonSize(out, "bytes", a.bytes());
            out.name("writtenBy").value(plan.groups().get(a.producer()).name())
                    .name("lastReadBy").value(plan.groups().get(a.lastUse()).name())
                    .name("inPlaceOf").value(a.inPlaceOf().isPresent() ? "%" + a.inPlaceOf().getAsInt() : null)
                    .endObject();
        }
        out.endArray();
    }
}
