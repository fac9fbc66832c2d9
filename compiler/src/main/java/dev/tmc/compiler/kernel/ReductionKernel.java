// The reduction templates. A "row" is one output position (the kept axes), its elements the
// reduced positions. Each reduction walks its row (threads of a threadgroup striding it where
// the target cooperates, one thread per row otherwise), the per-row values follow, and a last
// walk stores the per-element outputs. A costly value a later walk needs again is stashed in an
// output by the walk that computes it (RowStash); a thread alone on a row keeps several accumulators.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.fusion.RowStash;
import dev.tmc.compiler.fusion.Space;
import dev.tmc.compiler.fusion.Template;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class ReductionKernel {
    private final KernelContext ctx;
    private final Shape domain;
    private final List<Integer> axes;
    private final boolean cooperative;
    private final List<KStmt> declarations = new ArrayList<>();
    private final ValueEmitter values;
    private KExpr row;
    private KExpr tid;
    private KExpr stride;

    private ReductionKernel(KernelContext ctx) {
        this.ctx = ctx;
        this.domain = ctx.group.domain();
        this.axes = ctx.group.reduceAxes();
        this.cooperative = ctx.target.cooperative() && ctx.group.template() == Template.ROW_REDUCTION;
        this.values = new ValueEmitter(ctx);
    }

    static Kernel lower(KernelContext ctx, String source) {
        return new ReductionKernel(ctx).lower(source);
    }

    private Shape outer() {
        List<DimExpr> dims = new ArrayList<>();
        for (int a = 0; a < domain.rank(); a++) {
            if (!axes.contains(a)) {
                dims.add(domain.dim(a));
            }
        }
        return new Shape(dims);
    }

    private Shape reduced() {
        List<DimExpr> dims = new ArrayList<>();
        axes.forEach(a -> dims.add(domain.dim(a)));
        return new Shape(dims);
    }

    private Shape kept() {
        List<DimExpr> dims = new ArrayList<>(domain.dims());
        axes.forEach(a -> dims.set(a, DimExpr.of(1)));
        return new Shape(dims);
    }

    private Kernel lower(String source) {
        Block body = new Block(ctx.names);
        KExpr rows = body.bind(ctx.size(outer().elementCount()), "rows");
        KExpr length = body.bind(ctx.size(reduced().elementCount()), "len");
        Kernel.Launch launch;
        Block rowBlock;
        List<KStmt> rowScope;
        int threads = ctx.target.threadsPerThreadgroup();
        if (cooperative) {
            row = new KExpr.ThreadIndex(ThreadAxis.THREADGROUP_IN_GRID);
            tid = new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_THREADGROUP);
            stride = Idx.lit(threads);
            rowBlock = body;
            launch = new Kernel.Launch(outer().elementCount(), threads);
        } else {
            // One thread per row: on a GPU many rows per threadgroup; on the CPU a run of rows per task.
            tid = Idx.lit(0);
            stride = Idx.lit(1);
            int perThread = ctx.target.cooperative() ? 1 : ctx.target.rowsPerTask();
            KExpr first = body.bind(Idx.mul(new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_GRID), Idx.lit(perThread)), "first");
            KExpr end = body.bind(Idx.min(Idx.add(first, Idx.lit(perThread)), rows), "end");
            KExpr.Var r = new KExpr.Var(body.fresh("row"), DType.I32);
            row = r;
            rowBlock = body.child();
            launch = new Kernel.Launch(outer().elementCount().ceilDiv(perThread).ceilDiv(threads), threads);
            walk(rowBlock, length);
            body.add(new KStmt.For(r.name(), first, end, Idx.lit(1), rowBlock.stmts(), false));
            return finish(source, body, launch);
        }
        walk(rowBlock, length);
        return finish(source, body, launch);
    }

    private Kernel finish(String source, Block body, Kernel.Launch launch) {
        List<KStmt> stmts = new ArrayList<>();
        stmts.add(new KStmt.Comment(source));
        stmts.addAll(declarations);
        if (ctx.target.mathStrip() > 0) {
            List<KStmt> arrays = new ArrayList<>();
            List<KStmt> walks = MathStrips.loops(ctx, body.stmts(), arrays);
            stmts.addAll(arrays);
            stmts.addAll(walks);
        } else {
            stmts.addAll(body.stmts());
        }
        return new Kernel(ctx.group.name(), ctx.group.template(), source, ctx.buffers(), ctx.scalars(), launch, stmts);
    }

    /** The element {@code e} of the current row, as coordinates in the domain. */
    private Coords element(KExpr e, Block b) {
        if (ctx.group.template() == Template.ROW_REDUCTION) {
            // Trailing axes: the element's flat index is row * length + e, and with one axis on either
            // side the row and e are the positions themselves.
            KExpr flat = Idx.add(Idx.mul(row, ctx.size(reduced().elementCount())), e);
            List<KExpr> known = new ArrayList<>();
            for (int a = 0; a < domain.rank(); a++) {
                known.add(outer().rank() == 1 && a == 0 ? row : reduced().rank() == 1 && a == domain.rank() - 1 ? e : null);
            }
            return visiting(Coords.ofFlatAndAxes(flat, known, domain), b);
        }
        Coords o = Coords.ofFlat(row, outer());
        Coords r = Coords.ofFlat(e, reduced());
        List<KExpr> all = new ArrayList<>();
        int oi = 0;
        int ri = 0;
        for (int a = 0; a < domain.rank(); a++) {
            all.add(axes.contains(a) ? r.axis(ri++, ctx, b) : o.axis(oi++, ctx, b));
        }
        return visiting(Coords.ofAxes(all, domain), b);
    }

    private Coords visiting(Coords element, Block b) {
        values.visiting(element, b);
        return element;
    }

    private void walk(Block rowBlock, KExpr length) {
        Map<Integer, Integer> stashes = RowStash.plan(ctx.graph, ctx.group);
        values.perRow(rowBlock, Map.of(Space.KEPT, Coords.ofFlat(row, kept()), Space.SQUEEZED,
                Coords.ofFlat(row, outer())));
        for (int m : ctx.group.members()) {
            Instr i = ctx.graph.instr(m);
            if (i.op() instanceof Op.Reduce r) {
                Integer stash = stashes.get(i.id());
                reduce(i, r, rowBlock, length, stash == null ? null : ctx.name(ctx.writeRoles(stash).get(0)));
            }
        }
        Block loop = rowBlock.child();
        KExpr.Var e = new KExpr.Var(rowBlock.fresh("e"), DType.I32);
        boolean anyFull = false;
        List<KStmt> perRowStores = new ArrayList<>();
        Block storeBlock = rowBlock.child();
        // A stash is overwritten only after every output that loads it has been computed.
        Set<String> stashBuffers = new HashSet<>();
        stashes.values().forEach(out -> stashBuffers.add(ctx.name(ctx.writeRoles(out).get(0))));
        List<KStmt> overwritesOfStashes = new ArrayList<>();
        for (int out : ctx.group.outputs()) {
            Space space = ctx.group.space(out);
            if (space == Space.FULL) {
                anyFull = true;
                Coords at = element(e, loop);
                KExpr value = values.stored(out, at, loop);
                for (Kernel.BufferRole role : ctx.writeRoles(out)) {
                    KStmt store = new KStmt.Store(ctx.name(role), at.flat(ctx, loop), value);
                    if (stashBuffers.contains(ctx.name(role))) {
                        overwritesOfStashes.add(store);
                    } else {
                        loop.add(store);
                    }
                }
            } else {
                Coords at = Coords.ofFlat(row, space == Space.KEPT ? kept() : outer());
                KExpr value = values.stored(out, at, storeBlock);
                for (Kernel.BufferRole role : ctx.writeRoles(out)) {
                    storeBlock.add(new KStmt.Store(ctx.name(role), row, value));
                }
            }
        }
        overwritesOfStashes.forEach(loop::add);
        if (anyFull) {
            rowBlock.add(new KStmt.For(e.name(), tid, length, stride, loop.stmts(), false));
        }
        perRowStores.addAll(storeBlock.stmts());
        if (!perRowStores.isEmpty()) {
            if (cooperative) {
                rowBlock.add(new KStmt.If(Idx.eq(tid, Idx.lit(0)), perRowStores, List.of()));
            } else {
                perRowStores.forEach(rowBlock::add);
            }
        }
    }

    /**
     * One walk over the row accumulating a reduction, then its combination across the threadgroup.
     * {@code stash}, if not null, is the buffer the walk also stores the reduction's input to.
     */
    private void reduce(Instr i, Op.Reduce r, Block rowBlock, KExpr length, String stash) {
        DType dtype = i.type().dtype();
        int input = i.arg(0);
        if (r.fn().isArg()) {
            Block loop = rowBlock.child();
            KExpr.Var e = new KExpr.Var(rowBlock.fresh("e"), DType.I32);
            KExpr x = values.emit(input, element(e, loop), loop);
            argReduce(i, r, rowBlock, loop, e, x, length, ctx.graph.type(input).dtype());
            return;
        }
        Combine combine = Combines.of(r.fn());
        int count = cooperative ? 1 : ctx.target.accumulators();
        KExpr.Var acc;
        if (count == 1) {
            Block loop = rowBlock.child();
            KExpr.Var e = new KExpr.Var(rowBlock.fresh("e"), DType.I32);
            Coords at = element(e, loop);
            KExpr x = values.emit(input, at, loop);
            acc = rowBlock.declare("acc", dtype, new KExpr.Lit(dtype, combine.identity(dtype)));
            stashAndCombine(loop, at, x, acc, combine, stash);
            rowBlock.add(new KStmt.For(e.name(), tid, length, stride, loop.stmts(), false));
        } else {
            List<KExpr.Var> accs = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                accs.add(rowBlock.declare("acc", dtype, new KExpr.Lit(dtype, combine.identity(dtype))));
            }
            acc = accumulateUnrolled(rowBlock, length, accs, input, combine, stash);
        }
        if (stash != null) {
            values.stash(input, stash);
        }
        if (cooperative) {
            acrossThreadgroup(combine, acc, rowBlock);
        }
        KExpr result = acc;
        if (r.fn() == ReduceFn.MEAN) {
            result = rowBlock.bind(new KExpr.Binary(dev.tmc.compiler.ir.graph.BinaryFn.DIV, acc,
                    new KExpr.Convert(length, dtype), dtype), "mean");
        }
        values.provide(i.id(), result);
    }

    /**
     * A thread alone on its row: element e + k goes to accumulator k, the elements past the last
     * whole group of them to accumulator 0, and the accumulators are combined pairwise.
     */
    private KExpr.Var accumulateUnrolled(Block rowBlock, KExpr length, List<KExpr.Var> accs, int input,
                                         Combine combine, String stash) {
        int count = accs.size();
        KExpr whole = rowBlock.bind(Idx.sub(length, Idx.mod(length, Idx.lit(count))), "whole");
        Block loop = rowBlock.child();
        KExpr.Var e = new KExpr.Var(rowBlock.fresh("e"), DType.I32);
        for (int k = 0; k < count; k++) {
            accumulate(loop, Idx.add(e, Idx.lit(k)), accs.get(k), input, combine, stash);
        }
        rowBlock.add(new KStmt.For(e.name(), Idx.lit(0), whole, Idx.lit(count), loop.stmts(), false));
        Block rest = rowBlock.child();
        KExpr.Var t = new KExpr.Var(rowBlock.fresh("e"), DType.I32);
        accumulate(rest, t, accs.get(0), input, combine, stash);
        rowBlock.add(new KStmt.For(t.name(), whole, length, Idx.lit(1), rest.stmts(), false));
        List<KExpr> partials = new ArrayList<>(accs);
        while (partials.size() > 1) {
            List<KExpr> halves = new ArrayList<>();
            for (int k = 0; k + 1 < partials.size(); k += 2) {
                halves.add(Combines.apply(combine, partials.get(k), partials.get(k + 1), accs.get(0).type()));
            }
            if (partials.size() % 2 == 1) {
                halves.add(partials.get(partials.size() - 1));
            }
            partials = halves;
        }
        return rowBlock.declare("acc", accs.get(0).type(), partials.get(0));
    }

    /** {@code acc} combined with the reduction's input at element {@code e}, stashed first if asked. */
    private void accumulate(Block loop, KExpr e, KExpr.Var acc, int input, Combine combine, String stash) {
        Coords at = element(e, loop);
        stashAndCombine(loop, at, values.emit(input, at, loop), acc, combine, stash);
    }

    private void stashAndCombine(Block loop, Coords at, KExpr x, KExpr.Var acc, Combine combine, String stash) {
        if (stash != null) {
            loop.add(new KStmt.Store(stash, at.flat(ctx, loop), x));
        }
        loop.add(new KStmt.Assign(acc.name(), Combines.apply(combine, acc, x, acc.type())));
    }

    private void argReduce(Instr i, Op.Reduce r, Block rowBlock, Block loop, KExpr.Var e,
                           KExpr x, KExpr length, DType in) {
        boolean max = r.fn() == ReduceFn.ARGMAX;
        KExpr.Var best = rowBlock.declare("best", in, new KExpr.Lit(in, max ? Combine.MAX.identity(in)
                : Combine.MIN.identity(in)));
        KExpr.Var index = rowBlock.declare("arg", DType.I32, Idx.lit(0));
        // The first extreme wins; a NaN is the extreme that sticks, as NumPy's argmax.
        KExpr better = new KExpr.Binary(max ? dev.tmc.compiler.ir.graph.BinaryFn.GT : dev.tmc.compiler.ir.graph.BinaryFn.LT,
                x, best, DType.BOOL);
        KExpr take = Idx.and(Combines.notNan(best), new KExpr.Binary(dev.tmc.compiler.ir.graph.BinaryFn.OR, better,
                Combines.isNan(x), DType.BOOL));
        KExpr first = Idx.eq(e, tid); // the first element a thread sees also starts its best
        loop.add(new KStmt.If(new KExpr.Binary(dev.tmc.compiler.ir.graph.BinaryFn.OR, first, take, DType.BOOL),
                List.of(new KStmt.Assign(best.name(), x), new KStmt.Assign(index.name(), e)), List.of()));
        rowBlock.add(new KStmt.For(e.name(), tid, length, stride, loop.stmts(), false));
        if (cooperative) {
            Combine extreme = max ? Combine.MAX : Combine.MIN;
            KExpr.Var all = rowBlock.declare("ext", in, best);
            acrossThreadgroup(extreme, all, rowBlock);
            // Threads whose best is the row's extreme (or who saw nothing) offer their index; the least wins.
            KExpr sawSome = Idx.lt(tid, length);
            KExpr match = Idx.and(sawSome, new KExpr.Binary(dev.tmc.compiler.ir.graph.BinaryFn.OR,
                    Idx.eq(best, all), Idx.and(Combines.isNan(all), Combines.isNan(best)), DType.BOOL));
            KExpr.Var offer = rowBlock.declare("cand", DType.I32, new KExpr.Select(match, index,
                    Idx.lit(Integer.MAX_VALUE), DType.I32));
            acrossThreadgroup(Combine.MIN, offer, rowBlock);
            values.provide(i.id(), offer);
        } else {
            values.provide(i.id(), index);
        }
    }

    /** Combines each thread's {@code acc} over the threadgroup: simdgroups first, then their results. */
    private void acrossThreadgroup(Combine combine, KExpr.Var acc, Block b) {
        int simd = ctx.target.simdWidth();
        int groups = ctx.target.threadsPerThreadgroup() / simd;
        String shared = b.fresh("part");
        declarations.add(new KStmt.ThreadgroupArray(shared, acc.type(), groups));
        KExpr lane = new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_SIMDGROUP);
        KExpr group = new KExpr.ThreadIndex(ThreadAxis.SIMDGROUP_IN_THREADGROUP);
        KExpr partial = b.bind(simdReduce(combine, acc, b), "simd");
        b.add(new KStmt.If(Idx.eq(lane, Idx.lit(0)), List.of(new KStmt.StoreArray(shared, group, partial)), List.of()));
        b.add(new KStmt.Barrier());
        b.add(new KStmt.Assign(acc.name(), new KExpr.Lit(acc.type(), combine.identity(acc.type()))));
        String k = b.fresh("k");
        KExpr.Var kv = new KExpr.Var(k, DType.I32);
        b.add(new KStmt.For(k, Idx.lit(0), Idx.lit(groups), Idx.lit(1), List.of(new KStmt.Assign(acc.name(),
                Combines.apply(combine, acc, new KExpr.LoadArray(shared, kv, acc.type()), acc.type()))), true));
    }

    /**
     * Simd-group functions take numbers, not bools: a bool (any/all as max/min) combines as an i32.
     * Each step is bound on its own, so the simd-group function is the whole of its expression.
     */
    private static KExpr simdReduce(Combine combine, KExpr.Var acc, Block b) {
        if (acc.type() != DType.BOOL) {
            return new KExpr.SimdReduce(combine, acc, acc.type());
        }
        KExpr widened = b.bind(new KExpr.Convert(acc, DType.I32), "wide");
        KExpr combined = b.bind(new KExpr.SimdReduce(combine, widened, DType.I32), "simd");
        return new KExpr.Convert(combined, DType.BOOL);
    }
}
