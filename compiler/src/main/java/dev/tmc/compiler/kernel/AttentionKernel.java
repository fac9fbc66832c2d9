// Lowering of an ATTENTION group (pass fuse-attention formed it): one KStmt.Attention per
// threadgroup of Target.attentionRows query rows, 16 rows a simdgroup (the shape of CUDA's
// tmc_attention in the prelude); the heads are the product of the batch dims. A LIBRARY_ATTENTION
// group's kernel is the same, with the AttentionCall it stands in for.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.fusion.FuseAttention;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.kernel.AttentionCall;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.List;

final class AttentionKernel {
    private AttentionKernel() {
    }

    static Kernel lower(KernelContext ctx, String source) {
        int rows = ctx.target.attentionRows();
        int threads = rows / 16 * ctx.target.simdWidth();
        Shapes s = shapes(ctx);
        FuseAttention.Match m = s.match();
        KExpr scale = new KExpr.Lit(DType.F32, 1.0);
        if (m.scale() >= 0) {
            Instr i = ctx.graph.instr(m.scale());
            scale = i.op() instanceof Op.Constant c ? new KExpr.Lit(DType.F32, c.value()) : ctx.scalarValue(m.scale());
        }
        KStmt.Attention call = new KStmt.Attention(ctx.inputName(m.q()), ctx.inputName(m.k()), ctx.inputName(m.v()),
                ctx.name(ctx.writeRoles(m.result()).get(0)), scale, ctx.size(s.heads()), ctx.size(s.rows()),
                ctx.size(s.cols()), ctx.size(s.headDim()), rows, ctx.graph.instr(m.result()).storage());
        Kernel.Launch launch = new Kernel.Launch(s.heads().times(s.rows().ceilDiv(rows)), threads,
                ctx.target.attentionPerCore());
        return new Kernel(ctx.group.name(), ctx.group.template(), source, ctx.buffers(), ctx.scalars(), launch,
                List.of(new KStmt.Comment(source), call));
    }

    /** The library call of a LIBRARY_ATTENTION group, over the arguments of its lowered kernel. */
    static AttentionCall call(KernelContext ctx, Kernel kernel) {
        Shapes s = shapes(ctx);
        FuseAttention.Match m = s.match();
        KStmt.Attention a = kernel.body().stream().filter(KStmt.Attention.class::isInstance)
                .map(KStmt.Attention.class::cast).findFirst().orElseThrow();
        int scale = -1;
        double constant = 1.0;
        if (a.scale() instanceof KExpr.Lit lit) {
            constant = lit.value();
        } else {
            scale = scalar(kernel, ((KExpr.Var) a.scale()).name());
        }
        return new AttentionCall(buffer(kernel, a.q()), buffer(kernel, a.k()), buffer(kernel, a.v()),
                buffer(kernel, a.out()), scale, constant, s.heads(), s.rows(), s.cols(), s.headDim(), a.dtype());
    }

    /** The matched attention and its sizes: heads are the product of the batch dims. */
    private record Shapes(FuseAttention.Match match, DimExpr heads, DimExpr rows, DimExpr cols, DimExpr headDim) {
    }

    private static Shapes shapes(KernelContext ctx) {
        Instr mm2 = ctx.group.members().stream().map(ctx.graph::instr)
                .filter(i -> i.op() instanceof Op.MatMul).reduce((a, b) -> b).orElseThrow();
        FuseAttention.Match m = FuseAttention.match(ctx.plan, mm2).orElseThrow(() ->
                new InternalCompilerError("attention group " + ctx.group.name() + " no longer matches"));
        Shape q = ctx.graph.type(m.q()).shape();
        Shape k = ctx.graph.type(m.k()).shape();
        int r = q.rank();
        DimExpr heads = DimExpr.of(1);
        for (int a = 0; a < r - 2; a++) {
            heads = heads.times(q.dim(a));
        }
        return new Shapes(m, heads, q.dim(r - 2), k.dim(r - 2), q.dim(r - 1));
    }

    private static int buffer(Kernel kernel, String name) {
        for (int b = 0; b < kernel.buffers().size(); b++) {
            if (kernel.buffers().get(b).name().equals(name)) {
                return b;
            }
        }
        throw new InternalCompilerError("kernel " + kernel.name() + " has no buffer " + name);
    }

    private static int scalar(Kernel kernel, String name) {
        for (int k = 0; k < kernel.scalars().size(); k++) {
            if (kernel.scalars().get(k).name().equals(name)) {
                return k;
            }
        }
        throw new InternalCompilerError("kernel " + kernel.name() + " has no scalar " + name);
    }
}
