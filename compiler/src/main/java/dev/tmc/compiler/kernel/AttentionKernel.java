// Lowering of an ATTENTION group (pass fuse-attention formed it): one KStmt.Attention per
// threadgroup of Target.attentionRows query rows, 16 rows a simdgroup (the shape of CUDA's
// tmc_attention in the prelude); the heads are the product of the batch dims.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.fusion.FuseAttention;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
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
        int result = ctx.group.outputs().get(0);
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
        KExpr scale = new KExpr.Lit(DType.F32, 1.0);
        if (m.scale() >= 0) {
            Instr s = ctx.graph.instr(m.scale());
            scale = s.op() instanceof Op.Constant c ? new KExpr.Lit(DType.F32, c.value()) : ctx.scalarValue(m.scale());
        }
        KStmt.Attention call = new KStmt.Attention(ctx.inputName(m.q()), ctx.inputName(m.k()), ctx.inputName(m.v()),
                ctx.name(ctx.writeRoles(result).get(0)), scale, ctx.size(heads), ctx.size(q.dim(r - 2)),
                ctx.size(k.dim(r - 2)), ctx.size(q.dim(r - 1)), rows, ctx.graph.instr(result).storage());
        Kernel.Launch launch = new Kernel.Launch(heads.times(q.dim(r - 2).ceilDiv(rows)), threads,
                ctx.target.attentionPerCore());
        return new Kernel(ctx.group.name(), ctx.group.template(), source, ctx.buffers(), ctx.scalars(), launch,
                List.of(new KStmt.Comment(source), call));
    }
}
