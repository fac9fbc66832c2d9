// The pointwise template: each thread computes a run of consecutive elements of the domain
// (as many as the target wants per thread; the last run is cut at the end) and stores every
// output there.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;

import java.util.List;

final class PointwiseKernel {
    private PointwiseKernel() {
    }

    static Kernel lower(KernelContext ctx, String source) {
        Shape domain = ctx.group.domain();
        int perThread = ctx.target.elementsPerThread();
        Block body = new Block(ctx.names);
        KExpr total = body.bind(ctx.size(domain.elementCount()), "n");
        KExpr first = body.bind(Idx.mul(new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_GRID), Idx.lit(perThread)), "first");
        KExpr end = body.bind(Idx.min(Idx.add(first, Idx.lit(perThread)), total), "end");
        Block loop = body.child();
        KExpr.Var i = new KExpr.Var(body.fresh("e"), dev.tmc.runtime.DType.I32);
        ValueEmitter values = new ValueEmitter(ctx);
        Coords at = Coords.ofFlat(i, domain);
        for (int out : ctx.group.outputs()) {
            KExpr value = values.stored(out, at, loop);
            for (Kernel.BufferRole role : ctx.writeRoles(out)) {
                loop.add(new KStmt.Store(ctx.name(role), i, value));
            }
        }
        body.add(new KStmt.For(i.name(), first, end, Idx.lit(1), loop.stmts(), perThread <= 8));
        DimExpr threads = domain.elementCount().ceilDiv(perThread);
        Kernel.Launch launch = new Kernel.Launch(threads.ceilDiv(ctx.target.threadsPerThreadgroup()),
                ctx.target.threadsPerThreadgroup());
        List<KStmt> stmts = new java.util.ArrayList<>();
        stmts.add(new KStmt.Comment(source));
        stmts.addAll(body.stmts());
        return new Kernel(ctx.group.name(), ctx.group.template(), source, ctx.buffers(), ctx.scalars(), launch, stmts);
    }
}
