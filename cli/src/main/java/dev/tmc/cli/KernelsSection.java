// The kernels of a pipeline in the order they run: template, ops, what each loads and stores,
// and what fusion recomputes; plus the scalars the host computes once per call.
package dev.tmc.cli;

import dev.tmc.compiler.fusion.FusionGroup;
import dev.tmc.compiler.fusion.FusionPlan;
import dev.tmc.compiler.fusion.FusionPrinter;
import dev.tmc.compiler.ir.graph.Graph;

import java.util.List;

final class KernelsSection implements ExplainSection {
    private final String step;

    /** {@code step}: "fuse" (groups as found) or "schedule" (in run order, named). */
    KernelsSection(String step) {
        this.step = step;
    }

    private FusionPlan plan(ExplainedPipeline p) {
        return p.steps().stream().filter(s -> s.name().equals(step)).map(s -> (FusionPlan) s.result())
                .findFirst().orElse(p.compiled().fusion());
    }

    @Override
    public void text(ExplainedPipeline pipeline, StringBuilder out) {
        FusionPlan plan = plan(pipeline);
        out.append("// ").append(step.equals("fuse") ? "fusion groups" : "schedule").append(" of ")
                .append(pipeline.graph().name()).append(": ").append(plan.kernelCount()).append(" kernel")
                .append(plan.kernelCount() == 1 ? "" : "s").append('\n');
        out.append(FusionPrinter.print(plan));
    }

    @Override
    public void json(ExplainedPipeline pipeline, JsonWriter out) {
        FusionPlan plan = plan(pipeline);
        Graph g = plan.graph();
        out.name("hostValues").beginInlineArray();
        plan.hostValues().forEach(v -> out.value("%" + v));
        out.endArray();
        out.name("kernels").beginArray();
        for (FusionGroup k : plan.groups()) {
            out.beginObject().name("name").value(k.name()).name("template").value(k.template().spelling());
            out.name("domain").value(k.domain().toString());
            out.name("ops").beginInlineArray();
            for (String op : FusionPrinter.ops(g, k).split(" ")) {
                out.value(op);
            }
            out.endArray();
            values(out, "loads", k.inputs(), g);
            values(out, "stores", k.outputs(), g);
            out.name("notes").beginArray();
            k.notes().forEach(out::value);
            out.endArray().endObject();
        }
        out.endArray();
    }

    private static void values(JsonWriter out, String name, List<Integer> ids, Graph g) {
        out.name(name).beginInlineArray();
        ids.forEach(v -> out.value("%" + v + ": " + g.instr(v).storedType()));
        out.endArray();
    }
}
