// The runtime's manifest of one file (FilePlan): per pipeline its signature, the dim requirements,
// the host scalars as expression trees, the arena layout and, per target, every kernel launch with
// the tensors and scalars its arguments are bound to.
package dev.tmc.codegen.java;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.DimConstraint;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.AttentionCall;
import dev.tmc.compiler.ir.kernel.LibraryCall;
import dev.tmc.compiler.ir.kernel.MatmulCall;
import dev.tmc.compiler.memory.Allocation;
import dev.tmc.compiler.memory.MemoryPlan;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.HostExpr;
import dev.tmc.runtime.plan.PipelinePlan;
import dev.tmc.runtime.plan.SizeExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class PlanBuilder {
    private PlanBuilder() {
    }

    /** The manifest's name for a file, e.g. {@code quickstart.tmplan.json}. */
    public static String manifestName(String tmFileName) {
        return stem(tmFileName) + ".tmplan.json";
    }

    /** The Metal source resource's name for a file, e.g. {@code quickstart.metal}. */
    public static String metalSourceName(String tmFileName) {
        return stem(tmFileName) + ".metal";
    }

    /** The Metal library resource's name for a file, e.g. {@code quickstart.metallib}. */
    public static String metalLibraryName(String tmFileName) {
        return stem(tmFileName) + ".metallib";
    }

    /**
     * The CUDA source resource's name for a file, e.g. {@code quickstart.cu}; nvcc builds
     * {@code quickstart.fatbin} next to it, which the CUDA runtime loads by that convention.
     */
    public static String cudaSourceName(String tmFileName) {
        return stem(tmFileName) + ".cu";
    }

    private static String stem(String tmFileName) {
        return JavaText.baseName(tmFileName).replaceFirst("\\.tm$", "");
    }

    /**
     * @param metalSource  the .metal resource's name next to the manifest, if one is written
     * @param metalLibrary the .metallib's name, where the Metal toolchain made one
     */
    public static FilePlan build(LoweredFile file, Optional<String> metalSource, Optional<String> metalLibrary) {
        List<PipelinePlan> pipelines = new ArrayList<>();
        for (LoweredFile.Pipeline p : file.pipelines()) {
            pipelines.add(pipeline(p));
        }
        return new FilePlan(FilePlan.FORMAT, file.fileName(), file.packageName(), pipelines, metalSource, metalLibrary);
    }

    public static PipelinePlan pipeline(LoweredFile.Pipeline p) {
        CompiledPipeline c = p.compiled();
        Graph g = c.fusion().graph();
        List<PipelinePlan.Param> params = new ArrayList<>();
        for (GraphParam param : c.lowered().params()) {
            params.add(new PipelinePlan.Param(param.name(), param.type().dtype(), sizes(param.type().shape()),
                    param.scalar(), param.defaultValue()));
        }
        List<PipelinePlan.Output> outputs = new ArrayList<>();
        for (int k = 0; k < g.outputs().size(); k++) {
            GraphOutput o = g.outputs().get(k);
            DType declared = c.lowered().type(c.lowered().outputs().get(k).value()).dtype();
            DType stored = g.instr(o.value()).storage();
            if (declared != stored) {
                throw new InternalCompilerError("output " + o.name() + " of " + g.name() + " is declared " + declared
                        + " but stored as " + stored);
            }
            outputs.add(new PipelinePlan.Output(o.name(), stored, sizes(g.type(o.value()).shape())));
        }
        List<PipelinePlan.Requirement> requirements = new ArrayList<>();
        for (DimConstraint r : g.constraints()) {
            requirements.add(new PipelinePlan.Requirement(size(r.nonNegative()), r.message()));
        }
        List<PipelinePlan.HostValue> hostValues = new ArrayList<>();
        for (int v : c.fusion().hostValues()) {
            hostValues.add(new PipelinePlan.HostValue(v, host(g, v)));
        }
        Map<String, List<PipelinePlan.KernelPlan>> kernels = new TreeMap<>();
        p.kernels().forEach((target, ks) -> kernels.put(target, ks.stream().map(k -> kernel(g, k)).toList()));
        PipelinePlan.Arena shared = arena(g, c.memory());
        Map<String, PipelinePlan.Arena> arenas = new TreeMap<>();
        p.byTarget().forEach((target, own) -> {
            PipelinePlan.Arena arena = arena(g, own.memory());
            if (!arena.equals(shared)) {
                arenas.put(target, arena);
            }
        });
        return new PipelinePlan(g.name(), params, outputs, requirements, hostValues, shared, kernels, arenas);
    }

    private static PipelinePlan.Arena arena(Graph g, MemoryPlan memory) {
        List<PipelinePlan.Allocation> allocations = new ArrayList<>();
        for (Allocation a : memory.allocations()) {
            allocations.add(new PipelinePlan.Allocation(a.value(), a.slot(), size(a.offset()), size(a.bytes()),
                    g.instr(a.value()).storage()));
        }
        return new PipelinePlan.Arena(size(memory.arenaBytes()), allocations);
    }

    private static PipelinePlan.KernelPlan kernel(Graph g, Kernel k) {
        List<PipelinePlan.BufferBinding> buffers = new ArrayList<>();
        for (Kernel.BufferArg b : k.buffers()) {
            buffers.add(new PipelinePlan.BufferBinding(b.name(), b.dtype(), b.written(), bufferSource(b.role())));
        }
        List<PipelinePlan.ScalarBinding> scalars = new ArrayList<>();
        for (Kernel.ScalarArg s : k.scalars()) {
            scalars.add(new PipelinePlan.ScalarBinding(s.name(), s.type(), scalarSource(g, s.source())));
        }
        return new PipelinePlan.KernelPlan(k.name(), k.template().spelling(), size(k.launch().threadgroups()),
                k.launch().threadsPerThreadgroup(), buffers, scalars, k.library().map(PlanBuilder::library));
    }

    private static PipelinePlan.LibraryStep library(LibraryCall call) {
        if (call instanceof AttentionCall a) {
            return new PipelinePlan.AttentionStep(a.q(), a.k(), a.v(), a.out(), a.scale(), a.scaleConstant(),
                    size(a.heads()), size(a.rows()), size(a.cols()), size(a.headDim()), a.dtype());
        }
        MatmulCall m = (MatmulCall) call;
        return new PipelinePlan.MatmulStep(m.a(), m.b(), m.out(), m.bias(), m.alpha(), m.transposeA(), m.transposeB(),
                size(m.batch()), size(m.m()), size(m.n()), size(m.k()), m.dtype());
    }

    private static PipelinePlan.BufferSource bufferSource(Kernel.BufferRole role) {
        if (role instanceof Kernel.ParamBuffer p) {
            return new PipelinePlan.FromParam(p.index());
        }
        if (role instanceof Kernel.OutputBuffer o) {
            return new PipelinePlan.FromOutput(o.index());
        }
        return new PipelinePlan.FromArena(role.value());
    }

    private static PipelinePlan.ScalarSource scalarSource(Graph g, Kernel.ScalarSource source) {
        if (source instanceof Kernel.DimSource d) {
            return new PipelinePlan.FromDim(d.dim());
        }
        int v = ((Kernel.ValueSource) source).value();
        if (g.instr(v).op() instanceof Op.Parameter p) {
            return new PipelinePlan.FromScalarParam(p.index());
        }
        return new PipelinePlan.FromHostValue(v);
    }

    /** The expression tree of a host value, down to scalar parameters, constants and dims. */
    static HostExpr host(Graph g, int value) {
        Instr i = g.instr(value);
        DType dtype = i.type().dtype();
        if (i.type().rank() != 0) {
            throw new InternalCompilerError("host value %" + value + " of " + g.name() + " has rank " + i.type().rank());
        }
        Op op = i.op();
        if (op instanceof Op.Parameter p) {
            return new HostExpr.Param(p.index(), dtype);
        }
        if (op instanceof Op.Constant c) {
            return new HostExpr.Const(c.value(), dtype);
        }
        if (op instanceof Op.DimValue d) {
            return new HostExpr.DimValue(size(d.dim()), dtype);
        }
        String name;
        if (op instanceof Op.Unary u) {
            name = u.fn().spelling();
        } else if (op instanceof Op.Binary b) {
            name = b.fn().spelling();
        } else if (op instanceof Op.Select) {
            name = "select";
        } else if (op instanceof Op.Cast) {
            name = "cast";
        } else {
            throw new InternalCompilerError("%" + value + " (" + op.mnemonic() + ") of " + g.name()
                    + " is not a host value");
        }
        List<HostExpr> args = new ArrayList<>();
        for (int a : i.args()) {
            args.add(host(g, a));
        }
        return new HostExpr.Op(name, dtype, args);
    }

    static List<SizeExpr> sizes(Shape shape) {
        List<SizeExpr> out = new ArrayList<>();
        for (int k = 0; k < shape.rank(); k++) {
            out.add(size(shape.dim(k)));
        }
        return out;
    }

    /** The runtime's twin of a DimExpr: the same terms, atoms and floor divisions. */
    static SizeExpr size(DimExpr d) {
        List<SizeExpr.Term> terms = new ArrayList<>();
        for (DimExpr.Term t : d.terms()) {
            List<SizeExpr.Factor> factors = new ArrayList<>();
            for (DimExpr.Atom a : t.atoms()) {
                if (a instanceof DimExpr.Sym s) {
                    factors.add(new SizeExpr.Dim(s.name()));
                } else {
                    DimExpr.FloorDiv f = (DimExpr.FloorDiv) a;
                    factors.add(new SizeExpr.FloorDiv(size(f.num()), f.den()));
                }
            }
            terms.add(new SizeExpr.Term(t.coef(), factors));
        }
        return new SizeExpr(terms);
    }
}
