// Pass "use-library-matmuls": on a target with a matmul library (Target.libraryMatmul), each matmul
// group whose product the library computes exactly as the kernel would is split in two: a
// LIBRARY_MATMUL group (operand widenings and last-two-axes transposes, the matmul, and the tail
// the library fuses: a scale by a rank-0 host value, a bias vector along the last axis, the rounding
// to storage) and a POINTWISE group for the rest of the epilogue, which reads the stored product.
// Other targets get the plan back unchanged (the same object). Runs after fuse, before schedule
// (which names and orders the groups) and plan-memory (the product needs an arena slot).
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

public final class UseLibraryMatmuls {
    private UseLibraryMatmuls() {
    }

    public static FusionPlan run(FusionPlan plan, Target target) {
        if (!target.libraryMatmul()) {
            return plan;
        }
        Graph g = plan.graph();
        int[] uses = g.useCounts();
        boolean[] free = OpClass.free(g);
        List<FusionGroup> groups = new ArrayList<>();
        boolean changed = false;
        for (FusionGroup group : plan.groups()) {
            Optional<List<FusionGroup>> split = group.template() == Template.MATMUL
                    ? split(plan, group, uses, free) : Optional.empty();
            groups.addAll(split.orElse(List.of(group)));
            changed |= split.isPresent();
        }
        return changed ? new FusionPlan(g, plan.hostValues(), groups) : plan;
    }

    /** The library group and, where work is left, the epilogue group; empty where the library cannot take it. */
    private static Optional<List<FusionGroup>> split(FusionPlan plan, FusionGroup group, int[] uses, boolean[] free) {
        Graph g = plan.graph();
        Instr mm = group.members().stream().map(g::instr).filter(OpClass::isMatMul).findFirst().orElseThrow();
        Set<Integer> library = new TreeSet<>();
        library.add(mm.id());
        Optional<Operand> a = operand(group, g, mm.arg(0), library);
        Optional<Operand> b = operand(group, g, mm.arg(1), library);
        DType stored = mm.storage();
        if (a.isEmpty() || b.isEmpty() || mm.type().dtype() != DType.F32 || !isHalf(stored)
                || a.get().dtype != stored || b.get().dtype != stored || !batchesFit(g, mm, a.get(), b.get())) {
            return Optional.empty();
        }
        int last = tail(plan, group, mm, library, uses);
        for (int m : group.members()) {
            if (!library.contains(m)) {
                for (int arg : g.instr(m).args()) {
                    if (library.contains(arg) && arg != last && !free[arg]) {
                        return Optional.empty(); // the epilogue needs an unstored value of the library part
                    }
                }
            }
        }
        if (g.instr(last).storage() != stored || g.outputs().stream().filter(o -> o.value() == last).count() > 1) {
            return Optional.empty();
        }
        List<Integer> libraryInputs = new ArrayList<>();
        List<Integer> epilogueInputs = new ArrayList<>();
        List<Integer> epilogueMembers = epilogueMembers(g, group, library, free);
        for (int in : group.inputs()) {
            if (readBy(g, library, in)) {
                libraryInputs.add(in);
            }
            if (readBy(g, epilogueMembers, in)) {
                epilogueInputs.add(in);
            }
        }
        FusionGroup libraryGroup = new FusionGroup(group.id(), group.name(), Template.LIBRARY_MATMUL,
                List.copyOf(library), libraryInputs, List.of(last), g.type(last).shape(), List.of(), Map.of(),
                group.notes());
        List<Integer> epilogueOutputs = group.outputs().stream().filter(o -> o != last).toList();
        if (epilogueOutputs.isEmpty()) {
            return Optional.of(List.of(libraryGroup));
        }
        for (int o : epilogueOutputs) {
            if (!g.type(o).shape().equals(group.domain())) {
                return Optional.empty();
            }
        }
        if (!epilogueInputs.contains(last)) {
            epilogueInputs.add(last);
            epilogueInputs.sort(Integer::compare);
        }
        FusionGroup epilogue = new FusionGroup(group.id(), group.name() + "_epilogue", Template.POINTWISE,
                epilogueMembers, epilogueInputs, epilogueOutputs, group.domain(), List.of(), Map.of(), List.of());
        return Optional.of(List.of(libraryGroup, epilogue));
    }

    /** A matmul operand as the library reads it: a 16-bit buffer, possibly with its last two axes swapped. */
    private record Operand(int buffer, DType dtype, boolean transposed, int rank) {
    }

    /** Follows exact widenings and one last-two-axes transpose back to the buffer the group loads. */
    private static Optional<Operand> operand(FusionGroup group, Graph g, int value, Set<Integer> chain) {
        boolean transposed = false;
        Instr i = g.instr(value);
        int rank = i.type().rank();
        while (!group.inputs().contains(i.id())) {
            if (i.op() instanceof Op.Cast && i.type().dtype() == DType.F32 && isHalf(g.type(i.arg(0)).dtype())) {
                chain.add(i.id());
            } else if (i.op() instanceof Op.Transpose t && !transposed && swapsLastTwo(t.perm())) {
                chain.add(i.id());
                transposed = true;
            } else {
                return Optional.empty();
            }
            i = g.instr(i.arg(0));
        }
        boolean buffer = !(i.op() instanceof Op.Constant) && i.type().rank() == rank && rank >= 2;
        return buffer ? Optional.of(new Operand(i.id(), i.storage(), transposed, rank)) : Optional.empty();
    }

    private static boolean swapsLastTwo(List<Integer> perm) {
        int r = perm.size();
        for (int k = 0; k < r - 2; k++) {
            if (perm.get(k) != k) {
                return false;
            }
        }
        return r >= 2 && perm.get(r - 2) == r - 1 && perm.get(r - 1) == r - 2;
    }

    /**
     * Batched products need the same batch dims on both sides; a 2-D right operand also takes a
     * batched left one (its batch folds into the rows), unless that one is transposed.
     */
    private static boolean batchesFit(Graph g, Instr mm, Operand a, Operand b) {
        Shape out = mm.type().shape();
        if (a.rank == out.rank() && b.rank == out.rank()) {
            Shape sa = g.type(mm.arg(0)).shape();
            Shape sb = g.type(mm.arg(1)).shape();
            for (int k = 0; k < out.rank() - 2; k++) {
                if (!sa.dim(k).equals(out.dim(k)) || !sb.dim(k).equals(out.dim(k))) {
                    return false;
                }
            }
            return true;
        }
        return b.rank == 2 && a.rank == out.rank() && !a.transposed;
    }

    /**
     * Extends the library part past the matmul by what the library's epilogue does exactly: a
     * multiply by a rank-0 host value (alpha), then a bias along the last axis, then the rounding
     * to the storage dtype. Each step needs the value before it to have no other use.
     */
    private static int tail(FusionPlan plan, FusionGroup group, Instr mm, Set<Integer> library, int[] uses) {
        Graph g = plan.graph();
        int last = mm.id();
        int step = 0; // 0: scale next, 1: bias next, 2: rounding next
        while (uses[last] == 1 && !group.outputs().contains(last)) {
            Instr user = onlyUser(g, group, last);
            if (user == null) {
                break;
            }
            if (step == 0 && isScale(plan, user, last)) {
                step = 1;
            } else if (step <= 1 && bias(group, g, user, last, library)) {
                step = 2;
            } else if (user.op() instanceof Op.Cast && user.type().dtype() == mm.storage()
                    && g.type(last).dtype() == DType.F32) {
                library.add(user.id());
                return user.id();
            } else {
                break;
            }
            library.add(user.id());
            last = user.id();
        }
        return last;
    }

    private static Instr onlyUser(Graph g, FusionGroup group, int value) {
        for (int m : group.members()) {
            if (g.instr(m).args().contains(value)) {
                return g.instr(m);
            }
        }
        return null;
    }

    private static boolean isScale(FusionPlan plan, Instr user, int value) {
        if (!(user.op() instanceof Op.Binary b && b.fn() == BinaryFn.MUL) || user.type().dtype() != DType.F32) {
            return false;
        }
        int other = user.arg(0) == value ? user.arg(1) : user.arg(0);
        Instr s = plan.graph().instr(other);
        boolean scalarParam = s.op() instanceof Op.Parameter p && plan.graph().params().get(p.index()).scalar();
        return s.type().rank() == 0 && s.type().dtype() == DType.F32
                && (plan.hostValues().contains(other) || scalarParam);
    }

    /** An add of a vector over the last axis, read from a buffer of the product's storage dtype. */
    private static boolean bias(FusionGroup group, Graph g, Instr user, int value, Set<Integer> library) {
        if (!(user.op() instanceof Op.Binary b && b.fn() == BinaryFn.ADD) || user.type().dtype() != DType.F32
                || user.arg(0) == user.arg(1) || !user.type().shape().equals(g.type(value).shape())) {
            return false;
        }
        int other = user.arg(0) == value ? user.arg(1) : user.arg(0);
        Shape out = user.type().shape();
        Instr v = g.instr(other);
        List<Integer> chain = new ArrayList<>();
        if (!group.inputs().contains(other) && v.op() instanceof Op.Cast && isHalf(g.type(v.arg(0)).dtype())) {
            chain.add(other);
            v = g.instr(v.arg(0));
        }
        boolean fits = group.inputs().contains(v.id()) && !(v.op() instanceof Op.Constant)
                && v.storage() == g.instr(value).storage() && v.type().rank() == 1
                && v.type().shape().dim(0).equals(out.dim(out.rank() - 1));
        if (fits) {
            library.addAll(chain);
        }
        return fits;
    }

    private static boolean readBy(Graph g, Iterable<Integer> members, int value) {
        for (int m : members) {
            if (g.instr(m).args().contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** What the library does not compute, and the free values (views, constants) that work reads. */
    private static List<Integer> epilogueMembers(Graph g, FusionGroup group, Set<Integer> library, boolean[] free) {
        List<Integer> members = group.members();
        Set<Integer> epilogue = new TreeSet<>();
        for (int k = members.size() - 1; k >= 0; k--) { // users come after what they read
            int m = members.get(k);
            if (!library.contains(m) || free[m] && readBy(g, epilogue, m)) {
                epilogue.add(m);
            }
        }
        return List.copyOf(epilogue);
    }

    private static boolean isHalf(DType t) {
        return t == DType.F16 || t == DType.BF16;
    }
}
