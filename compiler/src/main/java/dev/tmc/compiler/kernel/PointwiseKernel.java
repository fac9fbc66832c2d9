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
import dev.tmc.runtime.DType;

import java.util.ArrayList;
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
        // The position along each axis is divided out once per thread, then counted forward.
        List<KExpr.Var> axes = new ArrayList<>();
        Coords start = Coords.ofFlat(first, domain);
        Block counters = body.child();
        for (int k = 0; k < domain.rank(); k++) {
            axes.add(counters.declare("c", DType.I32, start.axis(k, ctx, counters)));
        }
        Block loop = body.child();
        KExpr.Var i = new KExpr.Var(body.fresh("e"), DType.I32);
        ValueEmitter values = new ValueEmitter(ctx);
        Coords at = Coords.ofFlatAndAxes(i, new ArrayList<>(axes), domain);
        for (int out : ctx.group.outputs()) {
            KExpr value = values.stored(out, at, loop);
            for (Kernel.BufferRole role : ctx.writeRoles(out)) {
                loop.add(new KStmt.Store(ctx.name(role), i, value));
            }
        }
        int outermost = usedAxes(loop.stmts(), axes);
        MathStrips.Lowered strips = ctx.target.mathStrip() == 0 ? null
                : MathStrips.lower(ctx, domain, first, end, i, axes, outermost, loop.stmts());
        List<KStmt> arrays = new ArrayList<>();
        if (strips != null) {
            arrays.addAll(strips.arrays());
            strips.loop().forEach(body::add);
        } else {
            counters.stmts().forEach(body::add);
            List<KStmt> stmts = new ArrayList<>(loop.stmts());
            stmts.addAll(advance(ctx, domain, axes, outermost));
            body.add(new KStmt.For(i.name(), first, end, Idx.lit(1), stmts, perThread <= 8));
        }
        DimExpr threads = domain.elementCount().ceilDiv(perThread);
        Kernel.Launch launch = new Kernel.Launch(threads.ceilDiv(ctx.target.threadsPerThreadgroup()),
                ctx.target.threadsPerThreadgroup());
        List<KStmt> all = new ArrayList<>();
        all.add(new KStmt.Comment(source));
        all.addAll(arrays);
        all.addAll(body.stmts());
        return new Kernel(ctx.group.name(), ctx.group.template(), source, ctx.buffers(), ctx.scalars(), launch, all);
    }

    /** The outermost axis whose position the loop body reads (-1: none, it only uses the flat index). */
    private static int usedAxes(List<KStmt> body, List<KExpr.Var> axes) {
        java.util.Set<String> read = Reads.names(body);
        for (int k = 0; k < axes.size(); k++) {
            if (read.contains(axes.get(k).name())) {
                return k;
            }
        }
        return -1;
    }

    /** c[last] += 1, wrapping into the axes before it, down to the outermost one that is read. */
    private static List<KStmt> advance(KernelContext ctx, Shape domain, List<KExpr.Var> axes, int outermost) {
        return outermost < 0 ? List.of() : step(ctx, domain, axes, axes.size() - 1, outermost);
    }

    private static List<KStmt> step(KernelContext ctx, Shape domain, List<KExpr.Var> axes, int k, int outermost) {
        KExpr.Var c = axes.get(k);
        List<KStmt> out = new ArrayList<>();
        out.add(new KStmt.Assign(c.name(), Idx.add(c, Idx.lit(1))));
        if (k > 0) { // axis 0 never wraps: the run ends before the domain does
            List<KStmt> wrap = new ArrayList<>();
            wrap.add(new KStmt.Assign(c.name(), Idx.lit(0)));
            if (k - 1 >= outermost) {
                wrap.addAll(step(ctx, domain, axes, k - 1, outermost));
            }
            out.add(new KStmt.If(Idx.eq(c, ctx.size(domain.dim(k))), wrap, List.of()));
        }
        return out;
    }
}
