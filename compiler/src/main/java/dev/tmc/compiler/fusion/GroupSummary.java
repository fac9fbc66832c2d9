// Turns fusion drafts into FusionGroups: members including the free values they use, the values
// they load and store, and notes on recomputed work for explain.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

final class GroupSummary {
    private GroupSummary() {
    }

    static List<FusionGroup> summarise(Graph g, boolean[] free, List<Fuse.Draft> drafts) {
        int[] groupOf = new int[g.body().size()];
        java.util.Arrays.fill(groupOf, -1);
        for (int k = 0; k < drafts.size(); k++) {
            for (int m : drafts.get(k).members.keySet()) {
                if (!free[m]) {
                    groupOf[m] = k;
                }
            }
        }
        // How many groups use each free value, for the recompute note.
        Map<Integer, TreeSet<Integer>> freeUsers = new LinkedHashMap<>();
        List<FusionGroup> groups = new ArrayList<>();
        for (int k = 0; k < drafts.size(); k++) {
            Fuse.Draft d = drafts.get(k);
            TreeSet<Integer> members = new TreeSet<>(d.members.keySet());
            Map<Integer, Space> spaces = new LinkedHashMap<>(d.members);
            addFree(g, free, members, spaces);
            TreeSet<Integer> inputs = new TreeSet<>();
            TreeSet<Integer> outputs = new TreeSet<>();
            for (int m : members) {
                Instr i = g.instr(m);
                if (i.op() instanceof Op.Parameter) {
                    inputs.add(m); // a copy kernel's "member" is the load of its input
                    outputs.add(m);
                    continue;
                }
                for (int a : i.args()) {
                    if (!members.contains(a)) {
                        inputs.add(a);
                    }
                }
                if (free[m] && !d.members.containsKey(m)) {
                    freeUsers.computeIfAbsent(m, x -> new TreeSet<>()).add(k);
                }
            }
            for (Instr i : g.body()) {
                if (groupOf[i.id()] != k) {
                    for (int a : i.args()) {
                        if (members.contains(a) && groupOf[a] == k) {
                            outputs.add(a);
                        }
                    }
                }
            }
            for (GraphOutput o : g.outputs()) {
                if (members.contains(o.value()) && (groupOf[o.value()] == k || d.members.containsKey(o.value()))) {
                    outputs.add(o.value());
                }
            }
            FusionGroup group = new FusionGroup(k, "group" + k, d.template, new ArrayList<>(members),
                    new ArrayList<>(inputs), new ArrayList<>(outputs), d.domain, d.axes, spaces, List.of());
            List<String> notes = RecomputeNotes.passes(g, d, members, spaces, stashedValues(g, group));
            groups.add(new FusionGroup(k, group.name(), d.template, group.members(), group.inputs(), group.outputs(),
                    d.domain, d.axes, spaces, notes));
        }
        return withFreeNotes(g, groups, freeUsers);
    }

    /** The values the group's kernel computes once and keeps in an output for later walks: value, output. */
    private static Map<Integer, Integer> stashedValues(Graph g, FusionGroup group) {
        Map<Integer, Integer> out = new HashMap<>();
        RowStash.plan(g, group).forEach((reduction, output) -> out.put(g.instr(reduction).arg(0), output));
        return out;
    }

    /**
     * Free values a group uses are computed inside it, at whatever element their user is computed
     * at: their space is FULL, i.e. no fixed row (a shape alone cannot tell an [N] broadcast along
     * the row from a per-row [N]).
     */
    private static void addFree(Graph g, boolean[] free, TreeSet<Integer> members, Map<Integer, Space> spaces) {
        List<Integer> work = new ArrayList<>(members);
        while (!work.isEmpty()) {
            int m = work.remove(work.size() - 1);
            for (int a : g.instr(m).args()) {
                if (free[a] && members.add(a)) {
                    spaces.put(a, Space.FULL);
                    work.add(a);
                }
            }
        }
    }

    private static List<FusionGroup> withFreeNotes(Graph g, List<FusionGroup> groups,
                                                   Map<Integer, TreeSet<Integer>> freeUsers) {
        List<FusionGroup> out = new ArrayList<>();
        for (FusionGroup grp : groups) {
            List<String> notes = new ArrayList<>(grp.notes());
            for (Map.Entry<Integer, TreeSet<Integer>> e : freeUsers.entrySet()) {
                Instr i = g.instr(e.getKey());
                boolean trivial = i.op() instanceof Op.Constant || i.op() instanceof Op.DimValue
                        || i.type().rank() == 0;
                if (!trivial && e.getValue().contains(grp.id()) && e.getValue().size() > 1) {
                    notes.add("recomputes %" + e.getKey() + " (" + i.op().mnemonic() + ", cheap) here and in "
                            + (e.getValue().size() - 1) + " other kernel(s) instead of storing it");
                }
            }
            out.add(new FusionGroup(grp.id(), grp.name(), grp.template(), grp.members(), grp.inputs(),
                    grp.outputs(), grp.domain(), grp.reduceAxes(), grp.spaces(), notes));
        }
        return out;
    }
}
