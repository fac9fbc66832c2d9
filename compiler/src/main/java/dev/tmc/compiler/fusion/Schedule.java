// Analysis "schedule": orders fusion groups so every kernel runs after the kernels it reads
// from (ties keep graph order), and names them after the pipeline.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.Graph;

import java.util.ArrayList;
import java.util.List;

public final class Schedule {
    private Schedule() {
    }

    public static FusionPlan run(FusionPlan plan) {
        Graph g = plan.graph();
        List<FusionGroup> remaining = new ArrayList<>(plan.groups());
        remaining.sort((a, b) -> Integer.compare(a.members().get(0), b.members().get(0)));
        List<FusionGroup> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            FusionGroup next = null;
            for (FusionGroup candidate : remaining) {
                if (ready(candidate, remaining)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                throw new InternalCompilerError("fusion groups of " + g.name() + " depend on each other in a cycle");
            }
            remaining.remove(next);
            int k = ordered.size();
            ordered.add(new FusionGroup(k, g.name() + "_k" + k, next.template(), next.members(), next.inputs(),
                    next.outputs(), next.domain(), next.reduceAxes(), next.spaces(), next.notes()));
        }
        return new FusionPlan(g, plan.hostValues(), ordered);
    }

    /** Ready when no other unscheduled group stores a value this one loads. */
    private static boolean ready(FusionGroup candidate, List<FusionGroup> remaining) {
        for (FusionGroup other : remaining) {
            if (other != candidate && other.outputs().stream().anyMatch(candidate.inputs()::contains)) {
                return false;
            }
        }
        return true;
    }
}
