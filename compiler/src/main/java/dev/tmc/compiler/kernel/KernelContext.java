// What one kernel under construction binds: buffer arguments for the values it loads and stores,
// scalar arguments for dims and host values, and index arithmetic over the dims.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.fusion.FusionGroup;
import dev.tmc.compiler.fusion.FusionPlan;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class KernelContext {
    final Graph graph;
    final FusionPlan plan;
    final FusionGroup group;
    final Target target;
    final Block.Names names = new Block.Names();
    private final Map<String, Kernel.ScalarArg> dims = new TreeMap<>();
    private final Map<Integer, Kernel.ScalarArg> values = new TreeMap<>();

    KernelContext(FusionPlan plan, FusionGroup group, Target target) {
        this.graph = plan.graph();
        this.plan = plan;
        this.group = group;
        this.target = target;
    }

    /** The buffer a value is read from: its parameter, the output it was stored to, or t<id>. */
    String inputName(int value) {
        return name(readRole(value));
    }

    private Kernel.BufferRole readRole(int value) {
        Instr i = graph.instr(value);
        if (i.op() instanceof Op.Parameter p) {
            return new Kernel.ParamBuffer(p.index(), value);
        }
        List<Kernel.BufferRole> written = writeRoles(value);
        return written.get(0);
    }

    /** The buffers a stored value goes to: every output it is, else its arena slot. */
    List<Kernel.BufferRole> writeRoles(int value) {
        List<Kernel.BufferRole> roles = new ArrayList<>();
        for (int k = 0; k < graph.outputs().size(); k++) {
            if (graph.outputs().get(k).value() == value) {
                roles.add(new Kernel.OutputBuffer(k, value));
            }
        }
        if (roles.isEmpty()) {
            roles.add(new Kernel.ArenaBuffer(value));
        }
        return roles;
    }

    String name(Kernel.BufferRole role) {
        if (role instanceof Kernel.ParamBuffer p) {
            return "in_" + graph.params().get(p.index()).name();
        }
        if (role instanceof Kernel.OutputBuffer o) {
            return "out_" + graph.outputs().get(o.index()).name();
        }
        return "t" + role.value();
    }

    /** Values passed as scalar arguments rather than buffers: scalar parameters and host values. */
    boolean isScalarArgument(int value) {
        Instr i = graph.instr(value);
        if (i.op() instanceof Op.Parameter p) {
            return graph.params().get(p.index()).scalar();
        }
        return plan.hostValues().contains(value);
    }

    KExpr scalarValue(int value) {
        Kernel.ScalarArg arg = values.computeIfAbsent(value, v -> new Kernel.ScalarArg(scalarName(v),
                graph.type(v).dtype(), new Kernel.ValueSource(v)));
        return new KExpr.Var(arg.name(), arg.type());
    }

    private String scalarName(int value) {
        Instr i = graph.instr(value);
        return i.op() instanceof Op.Parameter p ? "s_" + graph.params().get(p.index()).name() : "h" + value;
    }

    KExpr dim(String name) {
        Kernel.ScalarArg arg = dims.computeIfAbsent(name, n -> new Kernel.ScalarArg("d_" + n, DType.I32,
                new Kernel.DimSource(n)));
        return new KExpr.Var(arg.name(), DType.I32);
    }

    /** A dim expression as i32 index arithmetic. */
    KExpr size(DimExpr d) {
        KExpr sum = Idx.lit(0);
        for (DimExpr.Term t : d.terms()) {
            KExpr product = Idx.lit(t.coef());
            for (DimExpr.Atom a : t.atoms()) {
                KExpr factor = a instanceof DimExpr.Sym s ? dim(s.name())
                        : Idx.div(size(((DimExpr.FloorDiv) a).num()), Idx.lit(((DimExpr.FloorDiv) a).den()));
                product = Idx.mul(product, factor);
            }
            sum = Idx.add(sum, product);
        }
        return sum;
    }

    /** Row-major strides of a shape, outermost first. */
    List<KExpr> strides(Shape shape) {
        List<KExpr> out = new ArrayList<>();
        DimExpr acc = DimExpr.of(1);
        for (int k = shape.rank() - 1; k >= 0; k--) {
            out.add(0, size(acc));
            acc = acc.times(shape.dim(k));
        }
        return out;
    }

    /** Scalar arguments in a stable order: dims by name, then values by id. */
    List<Kernel.ScalarArg> scalars() {
        List<Kernel.ScalarArg> out = new ArrayList<>(dims.values());
        out.addAll(values.values());
        return out;
    }

    /** Buffer arguments: every tensor the group loads, then every tensor it stores, by value id. */
    List<Kernel.BufferArg> buffers() {
        List<Kernel.BufferArg> out = new ArrayList<>();
        for (int in : group.inputs()) {
            if (!isScalarArgument(in) && !(graph.instr(in).op() instanceof Op.Constant)) {
                Kernel.BufferRole role = readRole(in);
                out.add(new Kernel.BufferArg(name(role), graph.instr(in).storage(), false, role));
            }
        }
        for (int o : group.outputs()) {
            for (Kernel.BufferRole role : writeRoles(o)) {
                out.add(new Kernel.BufferArg(name(role), graph.instr(o).storage(), true, role));
            }
        }
        return out;
    }
}
