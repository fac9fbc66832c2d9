// Spells a fusion plan for explain: one block per kernel in schedule order.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;

import java.util.StringJoiner;

public final class FusionPrinter {
    private FusionPrinter() {
    }

    public static String print(FusionPlan plan) {
        StringBuilder out = new StringBuilder();
        Graph g = plan.graph();
        if (!plan.hostValues().isEmpty()) {
            out.append("host computes ").append(values(g, plan.hostValues())).append(" once per call\n");
        }
        for (FusionGroup k : plan.groups()) {
            out.append("kernel ").append(k.name()).append(" (").append(k.template().spelling()).append(") over ")
                    .append(k.domain());
            if (!k.reduceAxes().isEmpty()) {
                out.append(" reducing axes ").append(k.reduceAxes());
            }
            out.append('\n');
            out.append("  loads  ").append(values(g, k.inputs())).append('\n');
            out.append("  ops    ").append(ops(g, k)).append('\n');
            out.append("  stores ").append(values(g, k.outputs())).append('\n');
            for (String note : k.notes()) {
                out.append("  note   ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    /** The op mnemonics of a kernel's members, free values and loads of copies left out. */
    public static String ops(Graph g, FusionGroup k) {
        StringJoiner j = new StringJoiner(" ");
        for (int m : k.members()) {
            Instr i = g.instr(m);
            j.add(i.op().mnemonic() + (k.space(m) == Space.FULL ? "" : "[" + k.space(m).name().toLowerCase() + "]"));
        }
        return j.toString();
    }

    private static String values(Graph g, java.util.List<Integer> ids) {
        StringJoiner j = new StringJoiner(", ");
        for (int id : ids) {
            j.add("%" + id + ": " + g.instr(id).storedType());
        }
        return ids.isEmpty() ? "-" : j.toString();
    }
}
