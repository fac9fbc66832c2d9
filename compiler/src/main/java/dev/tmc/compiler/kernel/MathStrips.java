// The pointwise loop of a target with a strip math runtime (Target.mathStrip): the run of elements goes in strips;
// per strip, one loop computes each exp or erf argument into an array, the runtime maps the array in one call
// (KStmt.ArrayMap, SIMD on the CPU), and a last loop computes the rest from the mapped values. f16 buffers are
// converted a strip at once before and after the loops (HalfStrips); in a row reduction's walks f32 buffers are copied
// the same way, and lane accumulations reduce a strip at once (LaneStrips). Every loop is a plain
// counted array loop without calls, the shape the JVM vectorizes; the cheap operations are recomputed, not stored.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class MathStrips {
    private MathStrips() {
    }

    /** The loop in strips, or null where it has no f32 exp or erf nor f16 operand of its own, or is not a straight line. */
    record Lowered(List<KStmt> arrays, List<KStmt> loop) {
    }

    /** The functions the runtime maps over an array: exp and erf of f32, and rounding to f16. */
    static boolean mapped(KStmt s) {
        return function(s) != null;
    }

    /**
     * What a mapped declaration applies to its argument: a UnaryFn, or DType.F16 for an f16 operation computed in f32
     * and rounded (+ - * / of two f16 values: rounding the f32 result to f16 gives the directly rounded value, as
     * f32 has more than twice f16's precision plus two bits); null where it is not mapped.
     */
    private static Object function(KStmt s) {
        if (!(s instanceof KStmt.Declare d)) {
            return null;
        }
        if (d.init() instanceof KExpr.Unary u && u.type() == DType.F32 && u.x().type() == DType.F32
                && (u.fn() == UnaryFn.EXP || u.fn() == UnaryFn.ERF)) {
            return u.fn();
        }
        if (d.type() == DType.F16 && d.init() instanceof KExpr.Convert c && c.type() == DType.F16
                && c.x().type() == DType.F32) {
            return DType.F16;
        }
        if (d.type() == DType.F16 && d.init() instanceof KExpr.Binary b && b.type() == DType.F16
                && b.a().type() == DType.F16 && b.b().type() == DType.F16 && (b.fn() == BinaryFn.ADD
                || b.fn() == BinaryFn.SUB || b.fn() == BinaryFn.MUL || b.fn() == BinaryFn.DIV)) {
            return DType.F16;
        }
        return null;
    }

    /** The f32 value a mapped declaration applies its function to. */
    private static KExpr argument(KStmt s) {
        KExpr init = ((KStmt.Declare) s).init();
        if (init instanceof KExpr.Unary u) {
            return u.x();
        }
        if (init instanceof KExpr.Convert c) {
            return c.x();
        }
        KExpr.Binary b = (KExpr.Binary) init;
        return new KExpr.Binary(b.fn(), new KExpr.Convert(b.a(), DType.F32), new KExpr.Convert(b.b(), DType.F32),
                DType.F32);
    }

    /** The statement applying {@code function} to {@code array[from .. to)}. */
    private static KStmt map(Object function, String array, KExpr from, KExpr to) {
        return function instanceof UnaryFn fn ? new KStmt.ArrayMap(fn, array, from, to)
                : new KStmt.ArrayRound((DType) function, array, from, to);
    }

    /**
     * {@code body} runs for element {@code i} of [first, end), with {@code axes} (the element's index along each
     * axis of {@code domain}, read from axis {@code outermost} on; -1: none) declared by the caller's counters.
     * Here each strip declares them itself: a strip never crosses the end of the last axis, so along it the index
     * is the strip's start plus the position in the strip, and the other axes are the strip's.
     */
    static Lowered lower(KernelContext ctx, Shape domain, KExpr first, KExpr end, KExpr.Var i, List<KExpr.Var> axes,
                         int outermost, List<KStmt> body) {
        int calls = (int) body.stream().filter(MathStrips::mapped).count();
        boolean straight = body.stream().allMatch(s -> s instanceof KStmt.Declare || s instanceof KStmt.Store);
        int last = domain.rank() - 1;
        if (!straight || (outermost >= 0 && Idx.isLit(ctx.size(domain.dim(last)), 1))) {
            return null;
        }
        // Along the strip move the flat index and, where the axes are counted, the last axis.
        Set<String> moving = new HashSet<>(Set.of(i.name()));
        if (outermost >= 0) {
            moving.add(axes.get(axes.size() - 1).name());
        }
        if (calls == 0 && HalfStrips.runs(body, moving, 1, name -> name, HalfStrips.HALF).isEmpty()) {
            return null;
        }
        int strip = ctx.target.mathStrip();
        Block outer = new Block(ctx.names);
        // In strips, the f32 operands too: then every loop of the strip reads and writes arrays at one index.
        List<HalfStrips.Run> runs = HalfStrips.runs(body, moving, 1, outer::fresh, HalfStrips.HALF_AND_FLOAT);
        List<KStmt> arrays = new ArrayList<>();
        for (HalfStrips.Run r : runs) {
            arrays.add(new KStmt.LocalArray(r.array(), r.type(), r.arrayLength(strip, 1)));
        }
        List<String> scratch = new ArrayList<>();
        for (int q = 0; q < calls; q++) {
            scratch.add(outer.fresh("strip"));
            arrays.add(new KStmt.LocalArray(scratch.get(q), DType.F32, strip));
        }
        if (outermost < 0) {
            KExpr.Var s = new KExpr.Var(outer.fresh("s"), DType.I32);
            Block in = outer.child();
            KExpr len = in.bind(Idx.sub(Idx.min(Idx.add(s, Idx.lit(strip)), end), s), "len");
            strips(s, len, i, List.of(), List.of(), body, scratch, runs, in);
            return new Lowered(arrays, List.of(new KStmt.For(s.name(), first, end, Idx.lit(strip), in.stmts(), false)));
        }
        // Rows of the last axis: [row * size, row * size + size) cut to [first, end).
        KExpr size = ctx.size(domain.dim(last));
        KExpr.Var row = new KExpr.Var(outer.fresh("row"), DType.I32);
        Block inRow = outer.child();
        KExpr rowStart = Idx.mul(row, size);
        KExpr rowEnd = inRow.bind(Idx.min(Idx.add(rowStart, size), end), "rowEnd");
        KExpr.Var s = new KExpr.Var(inRow.fresh("s"), DType.I32);
        Block in = inRow.child();
        KExpr len = in.bind(Idx.sub(Idx.min(Idx.add(s, Idx.lit(strip)), rowEnd), s), "len");
        Coords at = Coords.ofFlat(s, domain);
        List<KExpr.Var> used = axes.subList(outermost, axes.size());
        List<KExpr> starts = new ArrayList<>();
        for (int k = outermost; k <= last; k++) {
            starts.add(in.bind(at.axis(k, ctx, in), "cs"));
        }
        strips(s, len, i, used, starts, body, scratch, runs, in);
        KExpr from = new KExpr.Binary(BinaryFn.MAX, rowStart, first, DType.I32);
        inRow.add(new KStmt.For(s.name(), from, rowEnd, Idx.lit(strip), in.stmts(), false));
        KExpr rows = Idx.div(Idx.add(end, Idx.sub(size, Idx.lit(1))), size);
        return new Lowered(arrays, List.of(new KStmt.For(row.name(), Idx.div(first, size), rows, Idx.lit(1),
                inRow.stmts(), false)));
    }

    /** One strip [s, s + len): a loop and an ArrayMap per mapped call, then the loop that stores. */
    private static void strips(KExpr.Var s, KExpr len, KExpr.Var i, List<KExpr.Var> axes, List<KExpr> starts,
                               List<KStmt> elementBody, List<String> scratch, List<HalfStrips.Run> runs, Block in) {
        KExpr.Var j = new KExpr.Var(in.fresh("j"), DType.I32);
        // Where the strip starts along each axis, for the first element of a converted run.
        Map<String, KExpr> at = new HashMap<>(Map.of(i.name(), s));
        for (int k = 0; k < axes.size(); k++) {
            at.put(axes.get(k).name(), starts.get(k));
        }
        for (HalfStrips.Run r : runs) {
            if (!r.store()) {
                in.add(new KStmt.LoadStrip(r.array(), r.buffer(), r.type(),
                        HalfStrips.substitute(r.first(at.get(r.var())), at), r.length(len, 1)));
            }
        }
        List<KStmt> body = HalfStrips.rewrite(elementBody, runs, q -> Idx.add(j, Idx.lit(q)));
        List<KStmt> replaced = new ArrayList<>();
        int q = 0;
        for (KStmt st : body) {
            if (mapped(st)) {
                KStmt.Declare d = (KStmt.Declare) st;
                KExpr arg = argument(d);
                List<KStmt> compute = new ArrayList<>(slice(replaced, arg));
                compute.add(new KStmt.StoreArray(scratch.get(q), j, arg));
                in.add(new KStmt.For(j.name(), Idx.lit(0), len, Idx.lit(1), prologue(s, j, i, axes, starts, compute), false));
                in.add(map(function(d), scratch.get(q), Idx.lit(0), len));
                replaced.add(new KStmt.Declare(d.name(), d.type(), new KExpr.LoadArray(scratch.get(q), j, d.type())));
                q++;
            } else {
                replaced.add(st);
            }
        }
        in.add(new KStmt.For(j.name(), Idx.lit(0), len, Idx.lit(1), prologue(s, j, i, axes, starts, live(replaced)),
                false));
        for (HalfStrips.Run r : runs) {
            if (r.store()) {
                in.add(new KStmt.StoreStrip(r.buffer(), r.type(), HalfStrips.substitute(r.first(at.get(r.var())), at),
                        r.array(), r.length(len, 1)));
            }
        }
    }

    /**
     * {@code body} with every loop that calls exp or erf per iteration (a row reduction's walks) run in strips:
     * per strip of iterations, a loop per call stores its arguments, an ArrayMap maps them, and the loop itself
     * then reads them. The arrays it needs are added to {@code arrays}, for the kernel's top.
     */
    static List<KStmt> loops(KernelContext ctx, List<KStmt> body, List<KStmt> arrays) {
        return loops(ctx, body, new StripArrays(arrays));
    }

    private static List<KStmt> loops(KernelContext ctx, List<KStmt> body, StripArrays arrays) {
        List<KStmt> out = new ArrayList<>();
        for (KStmt s : body) {
            if (s instanceof KStmt.For f && f.step() instanceof KExpr.Lit step && stripped(f, (int) step.value())) {
                out.add(loop(ctx, f, (int) step.value(), arrays));
            } else if (s instanceof KStmt.For f) {
                out.add(new KStmt.For(f.var(), f.from(), f.to(), f.step(), loops(ctx, f.body(), arrays), f.unroll()));
            } else if (s instanceof KStmt.If i) {
                out.add(new KStmt.If(i.cond(), loops(ctx, i.then(), arrays), loops(ctx, i.otherwise(), arrays)));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * A straight line of declarations, stores and accumulations that calls a mapped function, has f16 runs, f32
     * accumulations for lanes (LaneStrips) or stores a float buffer at the element (copied, so that the loops read
     * and write local arrays at one index alone: the JVM does not vectorize a loop whose loads sit at another
     * offset than its stores).
     */
    private static boolean stripped(KStmt.For f, int step) {
        List<KStmt> body = f.body();
        // A mapped argument is computed for the whole strip first: it must not read what the loop assigns.
        Set<String> assigned = new HashSet<>();
        body.stream().filter(s -> s instanceof KStmt.Assign).forEach(s -> assigned.add(((KStmt.Assign) s).name()));
        boolean ahead = body.stream().filter(MathStrips::mapped).allMatch(s -> {
            Set<String> read = new HashSet<>();
            Reads.reads(argument(s), read);
            return read.stream().noneMatch(assigned::contains);
        });
        LaneStrips.Accumulation lanes = step == 1 ? LaneStrips.find(body, f.var()) : null;
        return ahead && body.stream().allMatch(s -> s instanceof KStmt.Declare || s instanceof KStmt.Store
                || s instanceof KStmt.Assign || lanes != null && s == lanes.statement())
                && (body.stream().anyMatch(MathStrips::mapped)
                || !HalfStrips.runs(body, Set.of(f.var()), step, name -> name, HalfStrips.HALF).isEmpty()
                || lanes != null && Idx.isLit(f.from(), 0)
                || HalfStrips.runs(body, Set.of(f.var()), step, name -> name, HalfStrips.HALF_AND_FLOAT).stream()
                .anyMatch(HalfStrips.Run::store));
    }

    /** {@code for (e = from; e < to; e += step)} as strips of {@code mathStrip / step} iterations. */
    private static KStmt loop(KernelContext ctx, KStmt.For f, int step, StripArrays arrays) {
        Block outer = new Block(ctx.names);
        int length = ctx.target.rowStrip() > 0 ? ctx.target.rowStrip() : ctx.target.mathStrip();
        int iterations = Math.max(1, length / step);
        KExpr.Var s = new KExpr.Var(outer.fresh("s"), DType.I32);
        Block in = outer.child();
        KExpr stripEnd = Idx.min(Idx.add(s, Idx.lit((long) iterations * step)), f.to());
        KExpr count = in.bind(Idx.div(Idx.add(Idx.sub(stripEnd, s), Idx.lit(step - 1)), Idx.lit(step)), "len");
        KExpr.Var j = new KExpr.Var(in.fresh("j"), DType.I32);
        KStmt element = new KStmt.Declare(f.var(), DType.I32, Idx.add(s, Idx.mul(j, Idx.lit(step))));
        List<HalfStrips.Run> runs = HalfStrips.runs(f.body(), Set.of(f.var()), step, name -> name, HalfStrips.HALF_AND_FLOAT)
                .stream().map(r -> new HalfStrips.Run(r.buffer(), r.type(), r.var(), r.base(), r.store(), r.low(), r.high(),
                        arrays.take(outer, r.array(), r.type(), r.arrayLength(iterations, step)))).toList();
        for (HalfStrips.Run r : runs) {
            if (!r.store()) {
                in.add(new KStmt.LoadStrip(r.array(), r.buffer(), r.type(), r.first(s), r.length(count, step)));
            }
        }
        List<KStmt> body = HalfStrips.rewrite(f.body(), runs, q -> Idx.add(Idx.mul(j, Idx.lit(step)), Idx.lit(q)));
        List<KStmt> replaced = new ArrayList<>();
        for (int k = 0; k < body.size(); k++) {
            if (!mapped(body.get(k))) {
                replaced.add(body.get(k));
                continue;
            }
            // A batch: this call and the next ones of the same function whose arguments need none of them, as
            // the copies of one call in a loop unrolled over accumulators are; their arguments go side by side.
            List<KStmt.Declare> batch = batch(body, k);
            String strip = arrays.take(outer, "strip", DType.F32, iterations * batch.size());
            List<KStmt> compute = new ArrayList<>(List.of(element));
            // What the arguments need: earlier statements, and those between the batch's calls (none of which
            // depends on a call of the batch).
            List<KStmt> before = new ArrayList<>(replaced);
            body.subList(k, body.size()).stream().filter(st -> !batch.contains(st) && !mapped(st)).forEach(before::add);
            Set<KStmt> needed = new HashSet<>();
            for (KStmt.Declare d : batch) {
                needed.addAll(slice(before, argument(d)));
            }
            compute.addAll(before.stream().filter(needed::contains).toList());
            for (int q = 0; q < batch.size(); q++) {
                KExpr at = Idx.add(Idx.mul(j, Idx.lit(batch.size())), Idx.lit(q));
                compute.add(new KStmt.StoreArray(strip, at, argument(batch.get(q))));
            }
            in.add(new KStmt.For(j.name(), Idx.lit(0), count, Idx.lit(1), compute, false));
            in.add(map(function(batch.get(0)), strip, Idx.lit(0),
                    Idx.mul(count, Idx.lit(batch.size()))));
            int q = 0;
            for (; k < body.size() && q < batch.size(); k++) {
                KStmt st = body.get(k);
                if (st == batch.get(q)) {
                    KExpr at = Idx.add(Idx.mul(j, Idx.lit(batch.size())), Idx.lit(q++));
                    KStmt.Declare d = batch.get(q - 1);
                    replaced.add(new KStmt.Declare(d.name(), d.type(), new KExpr.LoadArray(strip, at, d.type())));
                } else {
                    replaced.add(st);
                }
            }
            k--;
        }
        List<KStmt> last = live(replaced);
        // A stored run whose values already sit side by side in an array is converted or copied from that array.
        Map<String, String> storedFrom = step == 1 ? StripStores.forwarded(last, runs, j) : Map.of();
        last = live(last.stream().filter(st -> !(st instanceof KStmt.StoreArray sa && storedFrom.containsKey(sa.array())))
                .toList());
        storedFrom.keySet().forEach(arrays::giveBack);
        // Strips start at multiples of the strip from 0, so position j of a strip is element e's lane e % count.
        LaneStrips.Accumulation acc = step == 1 && Idx.isLit(f.from(), 0) ? LaneStrips.find(last, f.var()) : null;
        String reduced = null;
        if (acc != null && iterations % acc.count() == 0) {
            reduced = LaneStrips.source(last, acc, j);
            boolean stored = reduced == null;
            if (stored) {
                reduced = arrays.take(outer, "strip", DType.F32, iterations);
            }
            last = live(LaneStrips.rewrite(last, acc, j, stored ? reduced : null));
        } else {
            acc = null;
        }
        if (last.stream().anyMatch(st -> !(st instanceof KStmt.Declare))) {
            List<KStmt> loop = new ArrayList<>(List.of(element));
            loop.addAll(last);
            in.add(new KStmt.For(j.name(), Idx.lit(0), count, Idx.lit(1), loop, false));
        }
        if (acc != null) {
            in.add(new KStmt.ArrayReduce(acc.combine(), acc.lanes(), reduced, Idx.lit(0), count));
        }
        for (HalfStrips.Run r : runs) {
            if (r.store()) {
                in.add(new KStmt.StoreStrip(r.buffer(), r.type(), r.first(s), storedFrom.getOrDefault(r.array(), r.array()),
                        r.length(count, step)));
            }
        }
        arrays.endWalk();
        return new KStmt.For(s.name(), f.from(), f.to(), Idx.lit((long) iterations * step), StripStores.withoutRoundsBeforeStores(in.stmts()),
                false);
    }

    /** The mapped call at {@code first} and the later ones of its function that depend on none of the batch. */
    private static List<KStmt.Declare> batch(List<KStmt> body, int first) {
        KStmt.Declare head = (KStmt.Declare) body.get(first);
        Object fn = function(head);
        List<KStmt.Declare> batch = new ArrayList<>(List.of(head));
        Set<String> tainted = new HashSet<>(Set.of(head.name()));
        for (int k = first + 1; k < body.size(); k++) {
            KStmt st = body.get(k);
            Set<String> read = new HashSet<>();
            Reads.reads(st, read);
            boolean dependent = read.stream().anyMatch(tainted::contains);
            if (mapped(st) && !dependent && function(st) == fn) {
                batch.add((KStmt.Declare) st);
                tainted.add(((KStmt.Declare) st).name());
            } else if (dependent && st instanceof KStmt.Declare d) {
                tainted.add(d.name());
            } else if (mapped(st)) {
                break;
            }
        }
        return batch;
    }

    /** The stores and accumulations of {@code stmts} and the declarations they depend on (not a call's arguments). */
    private static List<KStmt> live(List<KStmt> stmts) {
        Set<String> needed = new HashSet<>();
        List<KStmt> out = new ArrayList<>();
        for (int k = stmts.size() - 1; k >= 0; k--) {
            KStmt st = stmts.get(k);
            if (st instanceof KStmt.Store || st instanceof KStmt.StoreArray || st instanceof KStmt.Assign
                    || st instanceof KStmt.Declare d && needed.contains(d.name())) {
                out.add(0, st);
                Reads.reads(st, needed);
            }
        }
        return out;
    }

    /** The element's flat index and axes, those of {@code stmts} reads, declared ahead of them. */
    private static List<KStmt> prologue(KExpr.Var s, KExpr.Var j, KExpr.Var i, List<KExpr.Var> axes,
                                        List<KExpr> starts, List<KStmt> stmts) {
        Set<String> read = Reads.names(stmts);
        List<KStmt> out = new ArrayList<>();
        if (read.contains(i.name())) {
            out.add(new KStmt.Declare(i.name(), DType.I32, Idx.add(s, j)));
        }
        for (int k = 0; k < axes.size(); k++) {
            if (read.contains(axes.get(k).name())) {
                KExpr value = k == axes.size() - 1 ? Idx.add(starts.get(k), j) : starts.get(k);
                out.add(new KStmt.Declare(axes.get(k).name(), DType.I32, value));
            }
        }
        out.addAll(stmts);
        return out;
    }

    /** The declarations of {@code stmts} that {@code value} depends on, in order. */
    private static List<KStmt> slice(List<KStmt> stmts, KExpr value) {
        Set<String> needed = new HashSet<>();
        Reads.reads(value, needed);
        List<KStmt> out = new ArrayList<>();
        for (int k = stmts.size() - 1; k >= 0; k--) {
            if (stmts.get(k) instanceof KStmt.Declare d && needed.contains(d.name())) {
                out.add(0, d);
                Reads.reads(d.init(), needed);
            }
        }
        return out;
    }
}
