// Analysis: which per-element values a reduction group's kernel stores during one walk over a row so that
// later walks load them instead of recomputing them (softmax's exp(x - max), needed by the walk
// that sums it and again by the walk that divides it). A value is kept in an output of the group
// that has exactly its dtype, so its bits are unchanged; the last walk overwrites it.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class RowStash {
    private RowStash() {
    }

    /**
     * For each reduction of the group whose input is stashed (by the reduction's value id), the
     * output value whose buffer holds it. Empty for groups that are not reductions.
     */
    public static Map<Integer, Integer> plan(Graph g, FusionGroup group) {
        Map<Integer, Integer> stashes = new LinkedHashMap<>();
        if (group.template() != Template.ROW_REDUCTION && group.template() != Template.REDUCTION) {
            return stashes;
        }
        List<Integer> reductions = reductions(g, group);
        Set<Integer> taken = new HashSet<>();
        for (int k = 0; k < reductions.size(); k++) {
            int input = g.instr(reductions.get(k)).arg(0);
            if (!perElement(g, group, input) || !costly(g, group, input, new HashSet<>())
                    || !neededAfter(g, group, reductions, k, input)) {
                continue;
            }
            for (int out : group.outputs()) {
                if (!taken.contains(out) && perElement(g, group, out)
                        && g.instr(out).storage() == g.type(input).dtype()) {
                    stashes.put(reductions.get(k), out);
                    taken.add(out);
                    break;
                }
            }
        }
        return stashes;
    }

    /**
     * The reductions of a row-reduction group whose costly per-element input a later walk needs
     * again, for a kernel that keeps a row's values in per-thread registers: there a value of any
     * dtype can be kept, no output is needed.
     */
    public static Set<Integer> inRegisters(Graph g, FusionGroup group) {
        Set<Integer> held = new HashSet<>();
        if (group.template() != Template.ROW_REDUCTION) {
            return held;
        }
        List<Integer> reductions = reductions(g, group);
        for (int k = 0; k < reductions.size(); k++) {
            int input = g.instr(reductions.get(k)).arg(0);
            if (perElement(g, group, input) && costly(g, group, input, new HashSet<>())
                    && neededAfter(g, group, reductions, k, input)) {
                held.add(reductions.get(k));
            }
        }
        return held;
    }

    /**
     * The values that the walks after the first stashing one still read from memory (rather than
     * from a stash). A stash writes an output before the last walk, so the output may replace one
     * of the group's inputs in place only if no later walk reads that input.
     */
    public static Set<Integer> readAfterFirstStash(Graph g, FusionGroup group) {
        Map<Integer, Integer> stashes = plan(g, group);
        Set<Integer> read = new HashSet<>();
        if (stashes.isEmpty()) {
            return read;
        }
        List<Integer> reductions = reductions(g, group);
        Set<Integer> stashed = new HashSet<>();
        stashes.keySet().forEach(r -> stashed.add(g.instr(r).arg(0)));
        int first = reductions.indexOf(stashes.keySet().iterator().next());
        Set<Integer> seen = new HashSet<>();
        for (int from : laterValues(g, group, reductions, first)) {
            collectReads(g, group, from, stashed, true, seen, read);
        }
        return read;
    }

    /**
     * Adds the values {@code from} loads to {@code read}. A stashed value reached through
     * elementwise ops only ({@code direct}) is at the walk's element and comes from its stash.
     */
    private static void collectReads(Graph g, FusionGroup group, int from, Set<Integer> stashed, boolean direct,
                                     Set<Integer> seen, Set<Integer> read) {
        if (direct && stashed.contains(from) || !seen.add(from * 2 + (direct ? 1 : 0))) {
            return;
        }
        Instr i = g.instr(from);
        if (!group.members().contains(from) || i.op() instanceof Op.Parameter) {
            read.add(from);
            return;
        }
        if (i.op() instanceof Op.Reduce) {
            return;
        }
        boolean elementwise = i.op() instanceof Op.Unary || i.op() instanceof Op.Binary
                || i.op() instanceof Op.Select || i.op() instanceof Op.Cast;
        for (int a : i.args()) {
            collectReads(g, group, a, stashed, direct && elementwise, seen, read);
        }
    }

    private static List<Integer> reductions(Graph g, FusionGroup group) {
        List<Integer> out = new ArrayList<>();
        for (int m : group.members()) {
            if (g.instr(m).op() instanceof Op.Reduce r && !r.fn().isArg()) {
                out.add(m);
            }
        }
        return out;
    }

    /** A member of the group evaluated at every element of the domain, with the domain's shape. */
    private static boolean perElement(Graph g, FusionGroup group, int value) {
        return group.members().contains(value) && group.space(value) == Space.FULL
                && g.type(value).shape().equals(group.domain());
    }

    /** Whether computing {@code value} per element takes a transcendental function (exp, erf, ...). */
    private static boolean costly(Graph g, FusionGroup group, int value, Set<Integer> seen) {
        if (!seen.add(value) || !group.members().contains(value) || group.space(value) != Space.FULL) {
            return false;
        }
        Instr i = g.instr(value);
        if (i.op() instanceof Op.Reduce || i.op() instanceof Op.Parameter) {
            return false;
        }
        if (i.op() instanceof Op.Unary u && u.fn().isTranscendental()) {
            return true;
        }
        for (int a : i.args()) {
            if (costly(g, group, a, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a walk after reduction {@code k}'s (a later reduction's, or the stores') computes {@code value}. */
    private static boolean neededAfter(Graph g, FusionGroup group, List<Integer> reductions, int k, int value) {
        Set<Integer> seen = new HashSet<>();
        for (int from : laterValues(g, group, reductions, k)) {
            if (reaches(g, group, from, value, seen)) {
                return true;
            }
        }
        return false;
    }

    /** What the walks after reduction {@code k}'s compute per element: later reductions' inputs, the outputs. */
    private static List<Integer> laterValues(Graph g, FusionGroup group, List<Integer> reductions, int k) {
        List<Integer> later = new ArrayList<>();
        for (int j = k + 1; j < reductions.size(); j++) {
            later.add(g.instr(reductions.get(j)).arg(0));
        }
        later.addAll(group.outputs());
        return later;
    }

    /** Whether {@code target} is among the per-element operands of {@code from}, reductions not crossed. */
    private static boolean reaches(Graph g, FusionGroup group, int from, int target, Set<Integer> seen) {
        if (from == target) {
            return true;
        }
        if (!seen.add(from) || !group.members().contains(from) || g.instr(from).op() instanceof Op.Reduce) {
            return false;
        }
        for (int a : g.instr(from).args()) {
            if (reaches(g, group, a, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
