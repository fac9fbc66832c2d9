// A reduction kernel walks its rows once per reduction plus once to store; per-element work that
// several walks need is recomputed in each, unless the first walk keeps it in an output for the
// others (RowStash). Explain says which, and flags expensive work.
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

    /** {@code stashed}: the values computed once and kept for later walks, with the output that holds them. */
    static List<String> passes(Graph g, Fuse.Draft d, TreeSet<Integer> members, Map<Integer, Space> spaces,
                               Map<Integer, Integer> stashed) {
        if (!d.isReduction()) {
            return List.of();
        }
        List<Set<Integer>> walks = new ArrayList<>();
        for (int m : members) {
            if (g.instr(m).op() instanceof Op.Reduce) {
                int input = g.instr(m).arg(0);
                Set<Integer> loaded = new HashSet<>(stashed.keySet());
                loaded.remove(input); // this walk computes it
                walks.add(fullAncestors(g, input, members, spaces, loaded));
            }
        }
        Set<Integer> store = new HashSet<>();
        for (int m : members) {
            if (spaces.get(m) == Space.FULL && isStoredOrUsedOutside(g, m, members)) {
                store.addAll(fullAncestors(g, m, members, spaces, stashed.keySet()));
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
            if (uses > 1 && stashed.containsKey(m)) {
                notes.add("computes %" + m + " (" + i.op().mnemonic() + ") once per element; " + (uses - 1)
                        + " later walks load it from the buffer of %" + stashed.get(m));
            } else if (uses > 1) {
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

    /**
     * The FULL-space members a value depends on within the group (itself included); a walk loads
     * the {@code loaded} values, so not what they depend on.
     */
    private static Set<Integer> fullAncestors(Graph g, int v, Set<Integer> members, Map<Integer, Space> spaces,
                                              Set<Integer> loaded) {
        Set<Integer> out = new HashSet<>();
        List<Integer> work = new ArrayList<>(List.of(v));
        while (!work.isEmpty()) {
            int x = work.remove(work.size() - 1);
            if (!members.contains(x) || spaces.get(x) != Space.FULL || !out.add(x) || loaded.contains(x)) {
                continue;
            }
            work.addAll(g.instr(x).args());
        }
        return out;
    }
}
