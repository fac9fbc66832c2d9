// The pointwise template: each thread computes a run of consecutive elements of the domain
// (as many as the target wants per thread; the last run is cut at the end) and stores every
// output there. Where the target has vector accesses, a whole run is loaded and stored by them.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class PointwiseKernel {
    private PointwiseKernel() {
    }

    static Kernel lower(KernelContext ctx, String source) {
        Shape domain = ctx.group.domain();
        int perThread = perThread(ctx);
        Block body = new Block(ctx.names);
        KExpr total = body.bind(ctx.size(domain.elementCount()), "n");
        KExpr first = body.bind(Idx.mul(new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_GRID), Idx.lit(perThread)), "first");
        KExpr end = body.bind(Idx.min(Idx.add(first, Idx.lit(perThread)), total), "end");
        // The position along each axis is divided out once per thread, then counted forward (where
        // exp or erf go over strips, each strip finds its own position instead).
        List<KExpr.Var> axes = new ArrayList<>();
        Coords start = Coords.ofFlat(first, domain);
        Block counters = body.child();
        for (int k = 0; k < domain.rank(); k++) {
            axes.add(counters.declare("c", DType.I32, start.axis(k, ctx, counters)));
        }
        List<KStmt> arrays = new ArrayList<>();
        if (perThread == ctx.target.elementsPerThread()) {
            ElementBody element = elementBody(ctx, body, axes);
            MathStrips.Lowered strips = ctx.target.mathStrip() == 0 ? null : MathStrips.lower(ctx, domain, first, end,
                    element.i(), axes, usedAxes(element.stmts(), axes), element.stmts());
            if (strips != null) {
                arrays.addAll(strips.arrays());
                strips.loop().forEach(body::add);
            } else {
                counters.stmts().forEach(body::add);
                body.add(elementLoop(ctx, axes, element, first, end, perThread));
            }
        } else {
            counters.stmts().forEach(body::add);
            // A whole run moves through per-thread arrays by vector accesses; the last, cut one element by
            // element. Where the last axis is a multiple of the run, a run lies in one row of it, so
            // operands broadcast along the rows (a bias) are whole aligned runs too.
            KExpr isWhole = Idx.eq(Idx.sub(end, first), Idx.lit(perThread));
            List<KStmt> inRow = domain.rank() == 0 ? null : wholeRun(ctx, body, axes, first, perThread, true);
            List<KStmt> whole = wholeRun(ctx, body, axes, first, perThread, false);
            List<KStmt> cut = List.of(elementLoop(ctx, axes, elementBody(ctx, body, axes), first, end, perThread));
            List<KStmt> otherwise = List.of(new KStmt.If(isWhole, whole, cut));
            if (inRow != null) {
                KExpr rowsAligned = Idx.eq(Idx.mod(ctx.size(domain.dim(domain.rank() - 1)), Idx.lit(perThread)),
                        Idx.lit(0));
                body.add(new KStmt.If(Idx.and(isWhole, rowsAligned), inRow, otherwise));
            } else {
                otherwise.forEach(body::add);
            }
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

    /**
     * The target's elements per thread, or with vector accesses enough that a run of the narrowest
     * buffer fills one vector (8 bf16 in 16 bytes); wider buffers then take whole vectors too.
     */
    static int perThread(KernelContext ctx) {
        int vector = ctx.target.vectorBytes();
        if (vector == 0) {
            return ctx.target.elementsPerThread();
        }
        int narrowest = ctx.buffers().stream().mapToInt(b -> b.dtype().byteSize()).min().orElse(vector);
        return Math.max(ctx.target.elementsPerThread(), vector / narrowest);
    }

    /** One element's loads, values and stores, at loop variable {@code i}. */
    private record ElementBody(KExpr.Var i, List<KStmt> stmts) {
    }

    private static ElementBody elementBody(KernelContext ctx, Block body, List<KExpr.Var> axes) {
        Block loop = body.child();
        KExpr.Var i = new KExpr.Var(body.fresh("e"), DType.I32);
        ValueEmitter values = new ValueEmitter(ctx);
        Coords at = Coords.ofFlatAndAxes(i, new ArrayList<>(axes), ctx.group.domain());
        for (int out : ctx.group.outputs()) {
            KExpr value = values.stored(out, at, loop);
            for (Kernel.BufferRole role : ctx.writeRoles(out)) {
                loop.add(new KStmt.Store(ctx.name(role), i, value));
            }
        }
        return new ElementBody(i, loop.stmts());
    }

    /** Elements first .. end - 1 one at a time, each loaded and stored where it is. */
    private static KStmt elementLoop(KernelContext ctx, List<KExpr.Var> axes, ElementBody element, KExpr first,
                                     KExpr end, int perThread) {
        List<KStmt> stmts = new ArrayList<>(element.stmts());
        stmts.addAll(advance(ctx, ctx.group.domain(), axes, usedAxes(element.stmts(), axes)));
        return new KStmt.For(element.i().name(), first, end, Idx.lit(1), stmts, perThread <= 8);
    }

    /**
     * A whole run of {@code length} elements from {@code first}: every buffer read at the element
     * itself is loaded into a per-thread array first and every output stored from one after, each
     * by {@link KStmt.LoadRun}/{@link KStmt.StoreRun}; the loop between has a constant trip count.
     * {@code inRow}: the run lies in one row of the last axis, and buffers read at the element's
     * position along that axis are loaded whole too (null when there are none).
     */
    private static List<KStmt> wholeRun(KernelContext ctx, Block body, List<KExpr.Var> axes, KExpr first, int length,
                                        boolean inRow) {
        Shape domain = ctx.group.domain();
        Map<String, DType> dtypes = new HashMap<>();
        ctx.buffers().forEach(b -> dtypes.put(b.name(), b.dtype()));
        Block loop = body.child();
        KExpr.Var k = new KExpr.Var(body.fresh("k"), DType.I32);
        KExpr e = loop.bind(Idx.add(first, k), "e");
        Map<String, String> loaded = new LinkedHashMap<>();
        Map<String, String> alongRow = new LinkedHashMap<>();
        ValueEmitter values = new ValueEmitter(ctx);
        values.inRun(e, k, loaded);
        List<KExpr> position = new ArrayList<>(axes);
        KExpr.Var last = inRow ? axes.get(axes.size() - 1) : null;
        if (inRow) {
            // The run does not wrap: the last axis counts up from its value at the run's start.
            KExpr column = Idx.add(last, k);
            position.set(axes.size() - 1, column);
            values.alsoInRun(column, alongRow);
        }
        Coords at = Coords.ofFlatAndAxes(e, position, domain);
        Map<String, String> stored = new LinkedHashMap<>();
        for (int out : ctx.group.outputs()) {
            KExpr value = values.stored(out, at, loop);
            for (Kernel.BufferRole role : ctx.writeRoles(out)) {
                String buffer = ctx.name(role);
                loop.add(new KStmt.StoreArray(stored.computeIfAbsent(buffer, n -> body.fresh(n + "_run")), k, value));
            }
        }
        if (inRow && alongRow.isEmpty()) {
            return null; // nothing is read along the row: the run needs no case of its own
        }
        List<KStmt> stmts = new ArrayList<>(loop.stmts());
        if (!inRow) {
            stmts.addAll(advance(ctx, domain, axes, usedAxes(loop.stmts(), axes)));
        }
        List<KStmt> run = new ArrayList<>();
        loaded.forEach((buffer, array) -> {
            run.add(new KStmt.LocalArray(array, dtypes.get(buffer), length));
            run.add(new KStmt.LoadRun(array, buffer, first, length));
        });
        alongRow.forEach((buffer, array) -> {
            run.add(new KStmt.LocalArray(array, dtypes.get(buffer), length));
            run.add(new KStmt.LoadRun(array, buffer, last, length));
        });
        stored.forEach((buffer, array) -> run.add(new KStmt.LocalArray(array, dtypes.get(buffer), length)));
        run.add(new KStmt.For(k.name(), Idx.lit(0), Idx.lit(length), Idx.lit(1), stmts, true));
        stored.forEach((buffer, array) -> run.add(new KStmt.StoreRun(buffer, first, array, length)));
        return run;
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
