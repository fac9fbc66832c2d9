// Pass "fuse-attention": on a target with a fused attention routine (Target.fusedAttention), the
// groups that compute softmax(scale * q @ k^T, last axis) @ v over 16-bit buffers (two matmuls, the
// softmax's max/sub/exp/sum/div between them, an optional scale by a rank-0 host value or constant,
// k^T a last-two-axes transpose of a buffer) become one ATTENTION group, whose kernel never stores
// the scores; a LIBRARY_ATTENTION group where the target's runtime has an attention library
// (Target.libraryAttention: the same kernel, as the library's fallback). Anything else in those
// groups, another reader of an intermediate, or operands of other shapes or dtypes leave them as
// they are. Other targets get the plan back unchanged (the same object). Runs after fuse and before
// use-library-matmuls (which would take the two matmuls).
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

public final class FuseAttention {
    private FuseAttention() {
    }

    /**
     * A matched attention: the buffers it reads (k as {@code [..., cols, headDim]}), the scale (a
     * rank-0 value, or -1 for none), the stored result and every instruction of the chain.
     */
    public record Match(int q, int k, int v, int scale, int result, Set<Integer> chain) {
    }

    public static FusionPlan run(FusionPlan plan, Target target) {
        if (!target.fusedAttention()) {
            return plan;
        }
        Template template = target.libraryAttention() ? Template.LIBRARY_ATTENTION : Template.ATTENTION;
        FusionPlan current = plan;
        for (Instr i : plan.graph().body()) {
            if (OpClass.isMatMul(i)) {
                Optional<Match> m = match(current, i);
                Optional<FusionPlan> fused = m.isPresent() ? fuse(current, m.get(), template) : Optional.empty();
                if (fused.isPresent()) {
                    current = fused.get();
                }
            }
        }
        return current;
    }

    /** The attention whose second matmul is {@code mm2}, if the graph computes one there. */
    public static Optional<Match> match(FusionPlan plan, Instr mm2) {
        Graph g = plan.graph();
        int[] uses = g.useCounts();
        Set<Integer> chain = new LinkedHashSet<>();
        Instr div = g.instr(mm2.arg(0));
        if (!binary(div, BinaryFn.DIV) || uses[div.id()] != 1) {
            return Optional.empty();
        }
        Instr exp = g.instr(div.arg(0));
        Instr sum = g.instr(div.arg(1));
        if (!(exp.op() instanceof Op.Unary u && u.fn() == UnaryFn.EXP) || uses[exp.id()] != 2
                || !lastAxis(sum, ReduceFn.SUM) || sum.arg(0) != exp.id() || uses[sum.id()] != 1) {
            return Optional.empty();
        }
        Instr sub = g.instr(exp.arg(0));
        if (!binary(sub, BinaryFn.SUB) || uses[sub.id()] != 1) {
            return Optional.empty();
        }
        Instr x = g.instr(sub.arg(0));
        Instr max = g.instr(sub.arg(1));
        if (!lastAxis(max, ReduceFn.MAX) || max.arg(0) != x.id() || uses[max.id()] != 1 || uses[x.id()] != 2) {
            return Optional.empty();
        }
        chain.addAll(List.of(div.id(), exp.id(), sum.id(), sub.id(), max.id(), x.id(), mm2.id()));
        int scale = -1;
        Instr mm1 = x;
        if (binary(x, BinaryFn.MUL)) {
            int other = g.type(x.arg(0)).rank() == 0 ? x.arg(0) : x.arg(1);
            mm1 = g.instr(x.arg(0) == other ? x.arg(1) : x.arg(0));
            if (!isScale(plan, other)) {
                return Optional.empty();
            }
            scale = other;
        }
        // A product rounded to its storage dtype before the scale: the fused kernel keeps the f32
        // sum, as balanced precision allows at any fusion boundary.
        if (mm1.op() instanceof Op.Cast && mm1.type().dtype() == DType.F32 && g.type(mm1.arg(0)).dtype() == DType.F32
                && uses[mm1.id()] == 1) {
            chain.add(mm1.id());
            mm1 = g.instr(mm1.arg(0));
        }
        if (!OpClass.isMatMul(mm1) || mm1.type().dtype() != DType.F32 || x.type().dtype() != DType.F32
                || uses[mm1.id()] != 1 && mm1 != x) {
            return Optional.empty();
        }
        chain.add(mm1.id());
        Optional<int[]> q = operand(g, mm1.arg(0), false, chain);
        Optional<int[]> k = operand(g, mm1.arg(1), true, chain);
        Optional<int[]> v = operand(g, mm2.arg(1), false, chain);
        if (q.isEmpty() || k.isEmpty() || v.isEmpty()) {
            return Optional.empty();
        }
        int result = mm2.id();
        Instr only = onlyUser(g, mm2.id());
        if (uses[mm2.id()] == 1 && only != null && only.op() instanceof Op.Cast && isHalf(only.type().dtype())) {
            result = only.id();
            chain.add(result);
        }
        DType dtype = g.instr(q.get()[0]).storage();
        boolean types = isHalf(dtype) && g.instr(k.get()[0]).storage() == dtype
                && g.instr(v.get()[0]).storage() == dtype && g.instr(result).storage() == dtype
                && mm2.type().dtype() == DType.F32;
        boolean shapes = shapesFit(g.type(q.get()[0]).shape(), g.type(k.get()[0]).shape(),
                g.type(v.get()[0]).shape(), g.type(result).shape());
        int resultId = result;
        boolean output = g.outputs().stream().anyMatch(o -> chain.contains(o.value()) && o.value() != resultId)
                || g.outputs().stream().filter(o -> o.value() == resultId).count() > 1;
        if (!types || !shapes || output) {
            return Optional.empty();
        }
        return Optional.of(new Match(q.get()[0], k.get()[0], v.get()[0], scale, resultId, Set.copyOf(chain)));
    }

    /** q [..., T, E], k and v [..., S, E], out [..., T, E], the batch dims the same everywhere. */
    private static boolean shapesFit(Shape q, Shape k, Shape v, Shape out) {
        int r = q.rank();
        if (r < 2 || k.rank() != r || v.rank() != r || !out.equals(q) || !k.equals(v)) {
            return false;
        }
        for (int a = 0; a < r - 2; a++) {
            if (!q.dim(a).equals(k.dim(a))) {
                return false;
            }
        }
        return q.dim(r - 1).equals(k.dim(r - 1));
    }

    /**
     * Follows exact widenings (and, for k, exactly one last-two-axes transpose) back to a 16-bit
     * tensor other than a constant: its id, the instructions passed added to {@code chain}.
     */
    private static Optional<int[]> operand(Graph g, int value, boolean transposed, Set<Integer> chain) {
        Instr i = g.instr(value);
        boolean passed = false;
        int rank = i.type().rank();
        while (true) {
            if (i.op() instanceof Op.Cast && i.type().dtype() == DType.F32 && isHalf(g.type(i.arg(0)).dtype())) {
                chain.add(i.id());
            } else if (transposed && !passed && i.op() instanceof Op.Transpose t && swapsLastTwo(t.perm())) {
                chain.add(i.id());
                passed = true;
            } else {
                break;
            }
            i = g.instr(i.arg(0));
        }
        boolean fits = passed == transposed && isHalf(i.type().dtype()) && i.type().rank() == rank
                && !(i.op() instanceof Op.Constant);
        return fits ? Optional.of(new int[] {i.id()}) : Optional.empty();
    }

    /**
     * The plan with the groups of {@code m} replaced by one ATTENTION group where the last of them
     * was; empty where those groups compute anything else.
     */
    private static Optional<FusionPlan> fuse(FusionPlan plan, Match m, Template template) {
        Graph g = plan.graph();
        boolean[] free = OpClass.free(g);
        List<FusionGroup> hit = new ArrayList<>();
        for (FusionGroup group : plan.groups()) {
            if (group.members().stream().anyMatch(x -> m.chain().contains(x) && !free[x])) {
                hit.add(group);
            }
        }
        Set<Integer> members = new TreeSet<>();
        for (FusionGroup group : hit) {
            for (int member : group.members()) {
                if (!m.chain().contains(member) && !free[member]) {
                    return Optional.empty();
                }
                members.add(member);
            }
            for (int out : group.outputs()) {
                if (out != m.result() && readOutside(g, out, m.chain())) {
                    return Optional.empty();
                }
            }
        }
        if (hit.stream().noneMatch(group -> group.outputs().contains(m.result()))) {
            return Optional.empty();
        }
        for (int c : m.chain()) {
            if (!members.contains(c) && !free[c]) {
                return Optional.empty(); // computed where this pass does not look
            }
        }
        List<Integer> inputs = new ArrayList<>(new TreeSet<>(List.of(m.q(), m.k(), m.v())));
        if (m.scale() >= 0 && hit.stream().anyMatch(group -> group.inputs().contains(m.scale()))) {
            inputs.add(m.scale());
            inputs.sort(Integer::compare);
        }
        FusionGroup last = hit.get(hit.size() - 1);
        FusionGroup fused = new FusionGroup(last.id(), last.name(), template, List.copyOf(members),
                inputs, List.of(m.result()), g.type(m.result()).shape(), List.of(), Map.of(), List.of());
        List<FusionGroup> groups = new ArrayList<>();
        for (FusionGroup group : plan.groups()) {
            if (group == last) {
                groups.add(fused);
            } else if (!hit.contains(group)) {
                groups.add(group);
            }
        }
        return Optional.of(new FusionPlan(g, plan.hostValues(), groups));
    }

    private static boolean readOutside(Graph g, int value, Set<Integer> chain) {
        for (Instr i : g.body()) {
            if (i.args().contains(value) && !chain.contains(i.id())) {
                return true;
            }
        }
        return g.outputs().stream().anyMatch(o -> o.value() == value);
    }

    private static Instr onlyUser(Graph g, int value) {
        for (Instr i : g.body()) {
            if (i.args().contains(value)) {
                return i;
            }
        }
        return null;
    }

    private static boolean binary(Instr i, BinaryFn fn) {
        return i.op() instanceof Op.Binary b && b.fn() == fn && i.type().dtype() == DType.F32;
    }

    /** A reduction over the last axis only, keeping it (so its result broadcasts along the row). */
    private static boolean lastAxis(Instr i, ReduceFn fn) {
        int r = i.type().rank();
        return i.op() instanceof Op.Reduce red && red.fn() == fn && red.keepDims() && red.axes().equals(List.of(r - 1))
                && i.type().dtype() == DType.F32;
    }

    /** A rank-0 f32 value the kernel gets as a scalar argument (host value, scalar parameter) or literal. */
    private static boolean isScale(FusionPlan plan, int value) {
        Instr s = plan.graph().instr(value);
        boolean scalarParam = s.op() instanceof Op.Parameter p && plan.graph().params().get(p.index()).scalar();
        return s.type().rank() == 0 && s.type().dtype() == DType.F32
                && (plan.hostValues().contains(value) || scalarParam || s.op() instanceof Op.Constant);
    }

    private static boolean swapsLastTwo(List<Integer> perm) {
        int r = perm.size();
        for (int a = 0; a < r - 2; a++) {
            if (perm.get(a) != a) {
                return false;
            }
        }
        return r >= 2 && perm.get(r - 2) == r - 1 && perm.get(r - 1) == r - 2;
    }

    private static boolean isHalf(DType t) {
        return t == DType.F16 || t == DType.BF16;
    }
}
