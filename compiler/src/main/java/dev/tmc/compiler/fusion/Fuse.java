// Analysis "fuse": partitions a pipeline's instructions into fusion groups, one kernel each, in
// the templates of DESIGN.md. Greedy in graph order: matmuls and reductions anchor groups,
// elementwise work joins a group of one of its operands when the template allows it and no
// cycle between groups arises; independent compatible groups merge. Must run after inline
// (no calls) and canonicalize; Schedule orders the groups it finds.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class Fuse {
    /** A group while it is being formed; {@code absorbedInto} >= 0 once merged away. */
    static final class Draft {
        final int id;
        Template template;
        final Shape domain;
        final List<Integer> axes;
        final Map<Integer, Space> members = new LinkedHashMap<>();
        int absorbedInto = -1;

        Draft(int id, Template template, Shape domain, List<Integer> axes) {
            this.id = id;
            this.template = template;
            this.domain = domain;
            this.axes = List.copyOf(axes);
        }

        boolean isReduction() {
            return template == Template.ROW_REDUCTION || template == Template.REDUCTION;
        }

        Shape kept() {
            List<DimExpr> dims = new ArrayList<>(domain.dims());
            axes.forEach(a -> dims.set(a, DimExpr.of(1)));
            return new Shape(dims);
        }

        Shape squeezed() {
            List<DimExpr> dims = new ArrayList<>();
            for (int a = 0; a < domain.rank(); a++) {
                if (!axes.contains(a)) {
                    dims.add(domain.dim(a));
                }
            }
            return new Shape(dims);
        }
    }

    private final Graph g;
    private final boolean[] free;
    private final boolean[] host;
    private final int[] groupOf;
    private final List<Draft> drafts = new ArrayList<>();

    private Fuse(Graph g) {
        this.g = g;
        this.free = OpClass.free(g);
        this.host = OpClass.host(g);
        this.groupOf = new int[g.body().size()];
        java.util.Arrays.fill(groupOf, -1);
    }

    public static FusionPlan run(Graph g) {
        Fuse f = new Fuse(g);
        for (Instr i : g.body()) {
            f.place(i);
        }
        f.coverOutputs();
        List<Integer> hostValues = new ArrayList<>();
        for (Instr i : g.body()) {
            if (f.host[i.id()] && !f.free[i.id()] && !OpClass.isParameter(i)) {
                hostValues.add(i.id());
            }
        }
        return new FusionPlan(g, hostValues, GroupSummary.summarise(g, f.free, f.liveDrafts()));
    }

    private void place(Instr i) {
        if (OpClass.isParameter(i) || free[i.id()] || host[i.id()]) {
            return;
        }
        if (i.op() instanceof Op.Call) {
            throw new InternalCompilerError("fuse runs after inline, but found a call in " + g.name());
        }
        if (OpClass.isMatMul(i)) {
            Draft d = newDraft(Template.MATMUL, i.type().shape(), List.of());
            for (int operand : i.args()) {
                absorbOperandConversion(operand, i, d);
            }
            assign(i.id(), d, Space.FULL);
        } else if (OpClass.isReduce(i)) {
            placeReduce(i);
        } else if (OpClass.isElementwise(i)) {
            placeElementwise(i);
        } else {
            throw new InternalCompilerError("fuse has no template for " + i.op().mnemonic());
        }
    }

    private void placeReduce(Instr i) {
        Op.Reduce r = (Op.Reduce) i.op();
        int input = i.arg(0);
        Shape domain = g.type(input).shape();
        Space space = r.keepDims() ? Space.KEPT : Space.SQUEEZED;
        Draft holder = draftOf(input);
        if (holder != null && holder.isReduction() && holder.domain.equals(domain) && holder.axes.equals(r.axes())
                && holder.members.get(input) == Space.FULL && !cycles(i, holder)) {
            assign(i.id(), holder, space);
            return;
        }
        // Another reduction over the same rows of the same input: one walk reads it for both.
        for (Draft d : drafts) {
            if (d.absorbedInto < 0 && d.isReduction() && d.domain.equals(domain) && d.axes.equals(r.axes())
                    && readsDirectly(d, input) && !cycles(i, d)) {
                assign(i.id(), d, space);
                return;
            }
        }
        boolean trailing = true;
        for (int k = 0; k < r.axes().size(); k++) {
            trailing &= r.axes().get(r.axes().size() - 1 - k) == domain.rank() - 1 - k;
        }
        Draft d = newDraft(trailing ? Template.ROW_REDUCTION : Template.REDUCTION, domain, r.axes());
        if (holder != null && holder.template == Template.POINTWISE && holder.domain.equals(domain)) {
            absorb(holder, d, Space.FULL); // the prologue: computed per element of the row
        }
        assign(i.id(), d, space);
    }

    private void placeElementwise(Instr i) {
        List<Draft> candidates = new ArrayList<>();
        for (int a : i.args()) {
            Draft d = draftOf(a);
            if (d != null && !candidates.contains(d)) {
                candidates.add(d);
            }
        }
        // Anchored groups first (an epilogue beats a new kernel), then the most recent.
        candidates.sort(Comparator.comparing((Draft d) -> d.template == Template.POINTWISE)
                .thenComparing(d -> -d.id));
        Draft home = null;
        Space space = Space.FULL;
        for (Draft c : candidates) {
            Space s = fits(i, c);
            if (s != null && !cycles(i, c)) {
                home = c;
                space = s;
                break;
            }
        }
        if (home == null) {
            home = newDraft(Template.POINTWISE, i.type().shape(), List.of());
        }
        // Independent groups this value joins together become one kernel (exp(x) + exp(y)).
        for (Draft other : candidates) {
            // i will read from home; none of its other operand groups may depend on what merges in.
            if (other != home && other.absorbedInto < 0 && mergeable(home, other) && !cycles(i, other)) {
                absorb(other, home, null);
            }
        }
        assign(i.id(), home, space);
    }

    /** The space {@code i} would have in {@code d}, or null when the template cannot hold it. */
    private Space fits(Instr i, Draft d) {
        Shape s = i.type().shape();
        List<Space> argSpaces = new ArrayList<>();
        for (int a : i.args()) {
            if (groupOf[a] == d.id) {
                argSpaces.add(d.members.get(a));
            }
        }
        if (OpClass.isView(i) && !argSpaces.isEmpty() && d.template != Template.POINTWISE) {
            return null; // views of computed values need index remapping only pointwise kernels do
        }
        switch (d.template) {
            case POINTWISE:
                return s.equals(d.domain) ? Space.FULL : null;
            case MATMUL:
                return s.equals(d.domain) && argSpaces.stream().allMatch(x -> x == Space.FULL) ? Space.FULL : null;
            default:
                if (s.equals(d.domain) && !argSpaces.contains(Space.SQUEEZED)) {
                    return Space.FULL;
                }
                if (s.equals(d.kept()) && argSpaces.stream().allMatch(x -> x == Space.KEPT)) {
                    return Space.KEPT;
                }
                if (s.equals(d.squeezed()) && argSpaces.stream().allMatch(x -> x == Space.SQUEEZED)) {
                    return Space.SQUEEZED;
                }
                return null;
        }
    }

    /** Whether two independent groups can become one kernel. */
    private boolean mergeable(Draft into, Draft other) {
        if (depends(into, other) || depends(other, into)) {
            return false;
        }
        if (other.template == Template.POINTWISE) {
            return into.domain.equals(other.domain); // its values join as per-element work
        }
        return into.isReduction() && other.isReduction() && into.domain.equals(other.domain)
                && into.axes.equals(other.axes);
    }

    /**
     * A matmul operand computed only by conversions and views of loads (the casts precision
     * promotion inserts, a transposed key) is read through them instead of being stored first.
     */
    private void absorbOperandConversion(int operand, Instr matmul, Draft d) {
        Draft p = draftOf(operand);
        if (p == null || p.template != Template.POINTWISE || users(operand) != 1) {
            return;
        }
        for (Map.Entry<Integer, Space> m : p.members.entrySet()) {
            Instr member = g.instr(m.getKey());
            boolean conversion = member.op() instanceof Op.Cast || OpClass.isView(member);
            if (!conversion || (m.getKey() != operand && users(m.getKey()) != 1)) {
                return;
            }
        }
        absorb(p, d, Space.OPERAND);
    }

    private int users(int value) {
        int n = 0;
        for (Instr i : g.body()) {
            for (int a : i.args()) {
                n += a == value ? 1 : 0;
            }
        }
        for (var o : g.outputs()) {
            n += o.value() == value ? 1 : 0;
        }
        return n;
    }

    /** Would putting {@code i} into {@code d} make some other group both feed and consume d? */
    private boolean cycles(Instr i, Draft d) {
        for (int a : i.args()) {
            Draft h = draftOf(a);
            if (h != null && h != d && depends(h, d)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code a} reads, directly or through other groups, something {@code b} computes. */
    private boolean depends(Draft a, Draft b) {
        Set<Integer> seen = new HashSet<>();
        List<Draft> work = new ArrayList<>(List.of(a));
        while (!work.isEmpty()) {
            Draft x = work.remove(work.size() - 1);
            if (!seen.add(x.id)) {
                continue;
            }
            for (int m : x.members.keySet()) {
                for (int arg : g.instr(m).args()) {
                    Draft y = draftOf(arg);
                    if (y == b && x != b) {
                        return true;
                    }
                    if (y != null && y != x) {
                        work.add(y);
                    }
                }
            }
        }
        return false;
    }

    private boolean readsDirectly(Draft d, int value) {
        for (int m : d.members.keySet()) {
            if (g.instr(m).op() instanceof Op.Reduce && g.instr(m).arg(0) == value) {
                return true;
            }
        }
        return false;
    }

    /** A pipeline output no kernel computes (a parameter, a free or host value) gets a copy kernel. */
    private void coverOutputs() {
        for (var o : g.outputs()) {
            if (groupOf[o.value()] < 0) {
                Draft d = newDraft(Template.POINTWISE, g.type(o.value()).shape(), List.of());
                d.members.put(o.value(), Space.FULL);
            }
        }
    }

    private Draft newDraft(Template t, Shape domain, List<Integer> axes) {
        Draft d = new Draft(drafts.size(), t, domain, axes);
        drafts.add(d);
        return d;
    }

    private void assign(int id, Draft d, Space s) {
        groupOf[id] = d.id;
        d.members.put(id, s);
    }

    /** Moves every member of {@code from} into {@code into}, keeping their spaces unless given one. */
    private void absorb(Draft from, Draft into, Space space) {
        for (Map.Entry<Integer, Space> m : from.members.entrySet()) {
            assign(m.getKey(), into, space != null ? space : m.getValue());
        }
        from.members.clear();
        from.absorbedInto = into.id;
    }

    private Draft draftOf(int value) {
        return groupOf[value] < 0 ? null : drafts.get(groupOf[value]);
    }

    private List<Draft> liveDrafts() {
        List<Draft> out = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.absorbedInto < 0 && !d.members.isEmpty()) {
                out.add(d);
            }
        }
        return out;
    }
}
