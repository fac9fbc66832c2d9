// A reduction kernel walks its rows once per reduction plus once to store; per-element work that
// several walks need is recomputed in each. Explain says so, and flags expensive work.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

final class RecomputeNotes {
    private RecomputeNotes() {
    }

    static List<String> passes(Graph g, Fuse.Draft d, TreeSet<Integer> members, Map<Integer, Space> spaces) {
        if (!d.isReduction()) {
            return List.of();
        }
        List<Set<Integer>> walks = new ArrayList<>();
        for (int m : members) {
            if (g.instr(m).op() instanceof Op.Reduce) {
                walks.add(fullAncestors(g, g.instr(m).arg(0), members, spaces));
            }
        }
        Set<Integer> store = new HashSet<>();
        for (int m : members) {
            if (spaces.get(m) == Space.FULL && isStoredOrUsedOutside(g, m, members)) {
                store.addAll(fullAncestors(g, m, members, spaces));
            }
        }
        walks.add(store);
        List<String> notes = new ArrayList<>();
        for (int m : members) {
            Instr i = g.instr(m);
            if (spaces.get(m) != Space.FULL || OpClass.isView(i) || i.op() instanceof Op.Constant
                    || i.op() instanceof Op.DimValue || i.op() instanceof Op.Iota) {
                continue;
            }
            long uses = walks.stream().filter(w -> w.contains(m)).count();
            if (uses > 1) {
                notes.add("recomputes %" + m + " (" + i.op().mnemonic() + (OpClass.isCheap(i) ? ", cheap" : ", expensive")
                        + ") in " + uses + " walks over each row");
            }
        }
        return notes;
    }

    private static boolean isStoredOrUsedOutside(Graph g, int m, Set<Integer> members) {
        if (g.outputs().stream().anyMatch(o -> o.value() == m)) {
            return true;
        }
        for (Instr i : g.body()) {
            if (!members.contains(i.id()) && i.args().contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** The FULL-space members a value depends on within the group (itself included). */
    private static Set<Integer> fullAncestors(Graph g, int v, Set<Integer> members, Map<Integer, Space> spaces) {
        Set<Integer> out = new HashSet<>();
        List<Integer> work = new ArrayList<>(List.of(v));
        while (!work.isEmpty()) {
            int x = work.remove(work.size() - 1);
            if (!members.contains(x) || spaces.get(x) != Space.FULL || !out.add(x)) {
                continue;
            }
            work.addAll(g.instr(x).args());
        }
        return out;
    }
}
