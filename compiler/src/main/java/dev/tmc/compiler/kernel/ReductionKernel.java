// The reduction templates. A "row" is one output position (the kept axes), its elements the
// reduced positions. Each reduction walks its row (threads of a threadgroup striding it where
// the target cooperates, one thread per row otherwise), the per-row values follow, and a last
// walk stores the per-element outputs. A costly value a later walk needs again is stashed in an
// output by the walk that computes it (RowStash); a thread alone on a row keeps several accumulators (f32 sums,
// maxima and minima in lanes of a local array, which LaneStrips reduces a strip at once).
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class ReductionKernel {
    final KernelContext ctx;
    private final Shape domain;
    private final List<Integer> axes;
    private final boolean cooperative;
    final List<KStmt> declarations = new ArrayList<>();
    private final ValueEmitter values;
    KExpr row;
    KExpr tid;
    KExpr stride;
    /** Elements of the row each thread keeps in registers (0: every walk reads memory). */
    final int registers;
    /** In register mode: per buffer read at the row's elements, the per-thread array holding them. */
    final Map<String, String> rowArrays = new LinkedHashMap<>();
    /** In register mode: the per-thread arrays of the row's values and stashes, declared first. */
    final List<KStmt> registerArrays = new ArrayList<>();

    /**
     * In register mode: the row fills every place of its threads (its length is threads x
     * registers), so walks and fills test no element against the row's length.
     */
    boolean whole;

    /** Threads cooperating on a row (a threadgroup) where they cooperate. */
    final int rowThreads;
    /** In register mode: consecutive elements a thread holds, one vector access of the narrowest buffer (1: none). */
    final int run;

    ReductionKernel(KernelContext ctx, int registers, int rowThreads) {
        this(ctx, registers, rowThreads, false);
    }

    /** {@code byRuns}: a held row moves by vectors where the target has them ({@link #run}). */
    ReductionKernel(KernelContext ctx, int registers, int rowThreads, boolean byRuns) {
        this.ctx = ctx;
        this.registers = registers;
        this.rowThreads = rowThreads;
        this.domain = ctx.group.domain();
        this.axes = ctx.group.reduceAxes();
        this.cooperative = ctx.target.cooperative() && ctx.group.template() == Template.ROW_REDUCTION;
        this.values = new ValueEmitter(ctx);
        int vector = ctx.target.vectorBytes();
        int narrowest = ctx.buffers().stream().mapToInt(b -> b.dtype().byteSize()).min().orElse(1);
        int perVector = vector / narrowest;
        this.run = byRuns && registers > 0 && perVector > 1 && registers % perVector == 0 ? perVector : 1;
    }

    static Kernel lower(KernelContext ctx, String source) {
        boolean row = ctx.target.cooperative() && ctx.group.template() == Template.ROW_REDUCTION;
        // A kernel that also keeps a costly value per element needs about twice the registers per element.
        boolean keeps = row && ctx.target.rowRegisters() > 0 && !RowStash.inRegisters(ctx.graph, ctx.group).isEmpty();
        int registers = !row ? 0 : keeps ? ctx.target.rowStashRegisters() : ctx.target.rowRegisters();
        int threads = keeps ? ctx.target.rowStashThreads() : ctx.target.rowThreads();
        if (registers > 0) {
            // Runs of vectors for rows that keep no costly value: H100, rms_norm 0.103 -> 0.095 ms, but
            // softmax 0.135 -> 0.140 (64 x 16, 47 -> 48 registers; docs/gpu-benchmarks.md).
            return RowRegisterKernel.lower(ctx, source, registers, threads, !keeps);
        }
        return new ReductionKernel(ctx, 0, threads).lower(source);
    }

    /**
     * The start of a walk over the row: a fresh element variable, and in register mode a fresh
     * place in the per-thread arrays, from which loads at the element then read.
     */
    private Walk startWalk(Block rowBlock) {
        KExpr.Var e = new KExpr.Var(rowBlock.fresh("e"), DType.I32);
        if (registers == 0) {
            return new Walk(e, null);
        }
        KExpr.Var j = new KExpr.Var(rowBlock.fresh("j"), DType.I32);
        values.inRun(Idx.add(Idx.mul(row, ctx.size(reduced().elementCount())), e), j, rowArrays);
        return new Walk(e, j);
    }

    /**
     * The element at place {@code j} of this thread's registers: runs of {@code run} consecutive
     * elements, a simdgroup's runs side by side, so each run is one aligned vector access.
     */
    KExpr elementAt(KExpr j) {
        if (run == 1) {
            return Idx.add(tid, Idx.mul(j, stride));
        }
        KExpr first = Idx.add(Idx.mul(Idx.div(j, Idx.lit(run)), Idx.lit((long) rowThreads * run)), Idx.mul(tid, Idx.lit(run)));
        return Idx.add(first, Idx.mod(j, Idx.lit(run)));
    }

    /** The loop of a walk whose body is {@code loop}: strided over the row, or over the registers. */
    private KStmt endWalk(Walk w, Block loop, KExpr length) {
        if (registers == 0) {
            return new KStmt.For(w.e.name(), tid, length, stride, loop.stmts(), false);
        }
        List<KStmt> stmts = new ArrayList<>();
        stmts.add(new KStmt.Declare(w.e.name(), DType.I32, elementAt(w.place)));
        stmts.addAll(inRow(w.e, length, loop.stmts()));
        return new KStmt.For(w.place.name(), Idx.lit(0), Idx.lit(registers), Idx.lit(1), stmts, true);
    }

    /** {@code stmts} under the test that element {@code e} lies in the row; alone where the row is {@link #whole}. */
    List<KStmt> inRow(KExpr e, KExpr length, List<KStmt> stmts) {
        return whole ? stmts : List.of(new KStmt.If(Idx.lt(e, length), stmts, List.of()));
    }

    /** A walk's element variable and, in register mode, its place in the per-thread arrays. */
    private record Walk(KExpr.Var e, KExpr.Var place) {
    }

    Shape outer() {
        List<DimExpr> dims = new ArrayList<>();
        for (int a = 0; a < domain.rank(); a++) {
            if (!axes.contains(a)) {
                dims.add(domain.dim(a));
            }
        }
        return new Shape(dims);
    }

    Shape reduced() {
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
        int threads = cooperative ? rowThreads : ctx.target.threadsPerThreadgroup();
        if (cooperative) {
            Block top = body;
            body = top.child();
            placeRows(top, rows);
            walk(body, length);
            return finish(source, guardRows(top, rows, body), launch());
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
    }

    /**
     * Rows of a threadgroup: one per simdgroup where a row's threads are one simdgroup (its
     * combinations are then simd reductions alone, with no threadgroup memory or barrier), else one.
     */
    int rowsPerThreadgroup() {
        int simd = ctx.target.simdWidth();
        return rowThreads == simd && ctx.target.threadsPerThreadgroup() > simd ? ctx.target.threadsPerThreadgroup() / simd : 1;
    }

    /** Sets this kernel's row, thread in the row and stride; {@code rows} counts the rows. */
    void placeRows(Block top, KExpr rows) {
        int packed = rowsPerThreadgroup();
        KExpr group = new KExpr.ThreadIndex(ThreadAxis.THREADGROUP_IN_GRID);
        if (packed == 1) {
            row = group;
            tid = new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_THREADGROUP);
        } else {
            row = top.bind(Idx.add(Idx.mul(group, Idx.lit(packed)),
                    new KExpr.ThreadIndex(ThreadAxis.SIMDGROUP_IN_THREADGROUP)), "row");
            tid = new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_SIMDGROUP);
        }
        stride = Idx.lit(rowThreads);
    }

    /** {@code top}'s statements, then {@code body}'s, under a test that the row exists where rows are packed. */
    Block guardRows(Block top, KExpr rows, Block body) {
        if (rowsPerThreadgroup() == 1) {
            body.stmts().forEach(top::add);
        } else {
            // Simdgroups past the last row skip it whole; nothing below waits for them.
            top.add(new KStmt.If(Idx.lt(row, rows), body.stmts(), List.of()));
        }
        return top;
    }

    Kernel.Launch launch() {
        int packed = rowsPerThreadgroup();
        int threads = rowThreads * packed;
        // Rows are memory-bound: enough warps in flight per multiprocessor bound the registers.
        int perCore = ctx.target.rowWarpsPerCore() / (threads / ctx.target.simdWidth());
        return new Kernel.Launch(outer().elementCount().ceilDiv(packed), threads, perCore);
    }

    Kernel finish(String source, Block body, Kernel.Launch launch) {
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

    /** A new per-thread array of {@code registers} values of {@code type}, declared before the walks. */
    private String registerArray(Block b, DType type) {
        String name = b.fresh("held");
        registerArrays.add(new KStmt.LocalArray(name, type, registers));
        return name;
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

    void walk(Block rowBlock, KExpr length) {
        Map<Integer, Integer> stashes = registers > 0 ? Map.of() : RowStash.plan(ctx.graph, ctx.group);
        Set<Integer> held = registers > 0 ? RowStash.inRegisters(ctx.graph, ctx.group) : Set.of();
        values.perRow(rowBlock, Map.of(Space.KEPT, Coords.ofFlat(row, kept()), Space.SQUEEZED,
                Coords.ofFlat(row, outer())));
        for (int m : ctx.group.members()) {
            Instr i = ctx.graph.instr(m);
            if (i.op() instanceof Op.Reduce r) {
                Integer stash = stashes.get(i.id());
                String array = held.contains(i.id()) ? registerArray(rowBlock, ctx.graph.type(i.arg(0)).dtype()) : null;
                reduce(i, r, rowBlock, length, stash == null ? array : ctx.name(ctx.writeRoles(stash).get(0)));
            }
        }
        Block loop = rowBlock.child();
        Walk w = startWalk(rowBlock);
        KExpr.Var e = w.e;
        boolean anyFull = false;
        List<KStmt> perRowStores = new ArrayList<>();
        Block storeBlock = rowBlock.child();
        // A stash is overwritten only after every output that loads it has been computed.
        Set<String> stashBuffers = new HashSet<>();
        stashes.values().forEach(out -> stashBuffers.add(ctx.name(ctx.writeRoles(out).get(0))));
        List<KStmt> overwritesOfStashes = new ArrayList<>();
        Map<String, String> storedRuns = new LinkedHashMap<>();
        for (int out : ctx.group.outputs()) {
            Space space = ctx.group.space(out);
            if (space == Space.FULL) {
                anyFull = true;
                Coords at = element(e, loop);
                KExpr value = values.stored(out, at, loop);
                for (Kernel.BufferRole role : ctx.writeRoles(out)) {
                    DType stored = value.type();
                    if (registers > 0 && RowRegisterKernel.byVectors(this, stored)) {
                        // Stored after the walk, a run at a time (no stashes in register mode).
                        String array = storedRuns.computeIfAbsent(ctx.name(role), n -> registerArray(rowBlock, stored));
                        loop.add(new KStmt.StoreArray(array, w.place, value));
                        continue;
                    }
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
            rowBlock.add(endWalk(w, loop, length));
            storedRuns.forEach((buffer, array) -> RowRegisterKernel.storeRuns(this, rowBlock, length, buffer, array));
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
            Walk w = startWalk(rowBlock);
            KExpr x = values.emit(input, element(w.e, loop), loop);
            argReduce(i, r, rowBlock, loop, w, x, length, ctx.graph.type(input).dtype());
            return;
        }
        Combine combine = Combines.of(r.fn());
        int count = cooperative ? 1 : ctx.target.accumulators();
        KExpr.Var acc;
        if (count == 1) {
            Block loop = rowBlock.child();
            Walk w = startWalk(rowBlock);
            Coords at = element(w.e, loop);
            KExpr x = values.emit(input, at, loop);
            acc = rowBlock.declare("acc", dtype, new KExpr.Lit(dtype, combine.identity(dtype)));
            if (registers > 0 && stash != null) {
                loop.add(new KStmt.StoreArray(stash, w.place, x));
                loop.add(new KStmt.Assign(acc.name(), Combines.apply(combine, acc, x, acc.type())));
            } else {
                stashAndCombine(loop, at, x, acc, combine, stash);
            }
            rowBlock.add(endWalk(w, loop, length));
        } else if (inLanes(dtype, combine)) {
            acc = accumulateInLanes(rowBlock, length, count, input, combine, stash);
        } else {
            List<KExpr.Var> accs = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                accs.add(rowBlock.declare("acc", dtype, new KExpr.Lit(dtype, combine.identity(dtype))));
            }
            acc = accumulateUnrolled(rowBlock, length, accs, input, combine, stash);
        }
        if (stash != null && registers > 0) {
            values.stashInRegisters(input, stash);
        } else if (stash != null) {
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

    /** f32 sums, maxima and minima keep their accumulators in a local array (LaneStrips gives it SIMD strips). */
    private static boolean inLanes(DType dtype, Combine combine) {
        return dtype == DType.F32 && combine != Combine.PROD;
    }

    /**
     * A thread alone on its row, with {@code count} accumulators in a local array: element e goes to accumulator
     * e % count, and the accumulators are combined pairwise. A loop of one element per iteration, so a strip of it
     * is one plain array loop (LaneStrips), not {@code count} copies of the element's statements.
     */
    private KExpr.Var accumulateInLanes(Block rowBlock, KExpr length, int count, int input, Combine combine,
                                        String stash) {
        String lanes = rowBlock.fresh("lanes");
        declarations.add(new KStmt.LocalArray(lanes, DType.F32, count));
        for (int k = 0; k < count; k++) {
            rowBlock.add(new KStmt.StoreArray(lanes, Idx.lit(k), new KExpr.Lit(DType.F32, combine.identity(DType.F32))));
        }
        Block loop = rowBlock.child();
        KExpr.Var e = new KExpr.Var(rowBlock.fresh("e"), DType.I32);
        Coords at = element(e, loop);
        KExpr x = values.emit(input, at, loop);
        if (stash != null) {
            loop.add(new KStmt.Store(stash, at.flat(ctx, loop), x));
        }
        KExpr lane = Idx.mod(e, Idx.lit(count));
        loop.add(new KStmt.StoreArray(lanes, lane, Combines.apply(combine, new KExpr.LoadArray(lanes, lane, DType.F32), x,
                DType.F32)));
        rowBlock.add(new KStmt.For(e.name(), Idx.lit(0), length, Idx.lit(1), loop.stmts(), false));
        List<KExpr> partials = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            partials.add(new KExpr.LoadArray(lanes, Idx.lit(k), DType.F32));
        }
        while (partials.size() > 1) {
            List<KExpr> halves = new ArrayList<>();
            for (int k = 0; k + 1 < partials.size(); k += 2) {
                halves.add(Combines.apply(combine, partials.get(k), partials.get(k + 1), DType.F32));
            }
            if (partials.size() % 2 == 1) {
                halves.add(partials.get(partials.size() - 1));
            }
            partials = halves;
        }
        return rowBlock.declare("acc", DType.F32, partials.get(0));
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

    private void argReduce(Instr i, Op.Reduce r, Block rowBlock, Block loop, Walk w,
                           KExpr x, KExpr length, DType in) {
        KExpr.Var e = w.e;
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
        rowBlock.add(endWalk(w, loop, length));
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
        int groups = rowThreads / simd;
        if (groups == 1 && rowsPerThreadgroup() > 1) {
            b.add(new KStmt.Assign(acc.name(), b.bind(simdReduce(combine, acc, b), "simd")));
            return;
        }
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
