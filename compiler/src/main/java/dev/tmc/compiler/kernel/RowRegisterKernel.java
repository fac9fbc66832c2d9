// The register path of cooperative row reductions (Target.rowRegisters): a row that fits the
// threads' registers is read from memory once and its walks use the registers; a longer row walks
// memory as ReductionKernel does without them. Both share the row's placement in the grid.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class RowRegisterKernel {
    private RowRegisterKernel() {
    }

    /**
     * A row that fits the threads' registers is read from memory once, before its first walk, and
     * the walks (and stashes of costly values, of any dtype) use the registers; a longer row walks
     * memory as without them. Both kinds of walk visit a thread's elements in the same order.
     */
    static Kernel lower(KernelContext ctx, String source, int registers, int threads, boolean byRuns) {
        ReductionKernel held = new ReductionKernel(ctx, registers, threads, byRuns);
        ReductionKernel walked = new ReductionKernel(ctx, 0, threads);
        Block top = new Block(ctx.names);
        KExpr rows = held.rowsPerThreadgroup() == 1 ? null : top.bind(ctx.size(held.outer().elementCount()), "rows");
        held.placeRows(top, rows);
        walked.row = held.row;
        walked.tid = held.tid;
        walked.stride = held.stride;
        Block body = top.child();
        KExpr length = body.bind(ctx.size(held.reduced().elementCount()), "len");
        List<KStmt> registerWalks = registerWalks(held, body, length);
        Block memory = body.child();
        walked.walk(memory, length);
        int most = threads * registers;
        KStmt byLength = new KStmt.If(Idx.lt(length, Idx.lit(most + 1)), registerWalks, memory.stmts());
        if (ctx.target.wholeRows()) {
            // A row that fills every place (softmax's 1024 at 64 x 16) walks with no test per element.
            ReductionKernel whole = new ReductionKernel(ctx, registers, threads, byRuns);
            whole.row = held.row;
            whole.tid = held.tid;
            whole.stride = held.stride;
            whole.whole = true;
            Block wholeBody = body.child();
            List<KStmt> wholeWalks = registerWalks(whole, wholeBody, length);
            byLength = new KStmt.If(Idx.eq(length, Idx.lit(most)), wholeWalks, List.of(byLength));
            held.declarations.addAll(whole.declarations);
        }
        body.add(byLength);
        held.declarations.addAll(walked.declarations);
        return held.finish(source, held.guardRows(top, rows, body), held.launch());
    }

    /** The register arrays, the fill and the walks of {@code k} over a row held in registers. */
    private static List<KStmt> registerWalks(ReductionKernel k, Block body, KExpr length) {
        Block fits = body.child();
        k.walk(fits, length);
        List<KStmt> walks = new ArrayList<>(k.registerArrays);
        walks.addAll(fill(k, body, length));
        walks.addAll(fits.stmts());
        return walks;
    }

    /** Whether values of {@code dtype} move between the row and registers a run at a time. */
    static boolean byVectors(ReductionKernel k, DType dtype) {
        int vector = k.ctx.target.vectorBytes();
        return k.run > 1 && k.run * dtype.byteSize() % vector == 0;
    }

    /**
     * Loads the row's elements this thread visits into the per-thread arrays, all loads at once: a
     * run at a time as vectors where the row's length is a whole number of runs (so every row
     * starts aligned), element by element otherwise and for buffers a run is no whole vector of.
     */
    private static List<KStmt> fill(ReductionKernel k, Block body, KExpr length) {
        Map<String, DType> dtypes = new HashMap<>();
        k.ctx.buffers().forEach(b -> dtypes.put(b.name(), b.dtype()));
        List<KStmt> arrays = new ArrayList<>();
        k.rowArrays.forEach((buffer, array) -> arrays.add(new KStmt.LocalArray(array, dtypes.get(buffer), k.registers)));
        KExpr rowStart = Idx.mul(k.row, k.ctx.size(k.reduced().elementCount()));
        if (k.run == 1) {
            arrays.add(byElements(k, body, length, rowStart, Idx.lit(0), k.registers, k.rowArrays, dtypes));
            return arrays;
        }
        Map<String, String> vectors = new LinkedHashMap<>();
        Map<String, String> elements = new LinkedHashMap<>();
        k.rowArrays.forEach((buffer, array) -> (byVectors(k, dtypes.get(buffer)) ? vectors : elements).put(buffer, array));
        KExpr aligned = k.whole ? null : body.bind(Idx.eq(Idx.mod(length, Idx.lit(k.run)), Idx.lit(0)), "aligned");
        Block loop = body.child();
        KExpr.Var r = new KExpr.Var(body.fresh("r"), DType.I32);
        KExpr place = Idx.mul(r, Idx.lit(k.run));
        KExpr first = loop.bind(k.elementAt(place), "first");
        List<KStmt> whole = new ArrayList<>();
        vectors.forEach((buffer, array) -> whole.add(new KStmt.LoadRun(array, buffer, Idx.add(rowStart, first), k.run, place)));
        if (!elements.isEmpty()) {
            whole.add(byElements(k, loop, length, rowStart, place, k.run, elements, dtypes));
        }
        List<KStmt> stmts = new ArrayList<>(loop.stmts());
        if (k.whole) {
            stmts.addAll(whole); // every run lies in the row, and the row is a whole number of runs
        } else {
            List<KStmt> cut = List.of(byElements(k, loop, length, rowStart, place, k.run, k.rowArrays, dtypes));
            stmts.add(new KStmt.If(Idx.and(aligned, Idx.lt(first, length)), whole, cut));
        }
        arrays.add(new KStmt.For(r.name(), Idx.lit(0), Idx.lit(k.registers / k.run), Idx.lit(1), stmts, true));
        return arrays;
    }

    /** Loads places {@code from .. from + count - 1} of the arrays one element each, those inside the row. */
    private static KStmt byElements(ReductionKernel k, Block outer, KExpr length, KExpr rowStart, KExpr from, int count,
                                    Map<String, String> arrays, Map<String, DType> dtypes) {
        Block loop = outer.child();
        KExpr.Var j = new KExpr.Var(outer.fresh("j"), DType.I32);
        KExpr place = Idx.add(from, j);
        KExpr e = loop.bind(k.elementAt(place), "e");
        List<KStmt> loads = new ArrayList<>();
        arrays.forEach((buffer, array) -> loads.add(new KStmt.StoreArray(array, place,
                new KExpr.Load(buffer, Idx.add(rowStart, e), dtypes.get(buffer)))));
        List<KStmt> stmts = new ArrayList<>(loop.stmts());
        stmts.addAll(k.inRow(e, length, loads));
        return new KStmt.For(j.name(), Idx.lit(0), Idx.lit(count), Idx.lit(1), stmts, true);
    }

    /** Stores {@code array}, the row's values of an output, to {@code buffer} a run at a time; as {@link #fill}. */
    static void storeRuns(ReductionKernel k, Block rowBlock, KExpr length, String buffer, String array) {
        KExpr rowStart = Idx.mul(k.row, k.ctx.size(k.reduced().elementCount()));
        KExpr aligned = k.whole ? null : rowBlock.bind(Idx.eq(Idx.mod(length, Idx.lit(k.run)), Idx.lit(0)), "aligned");
        Block loop = rowBlock.child();
        KExpr.Var r = new KExpr.Var(rowBlock.fresh("r"), DType.I32);
        KExpr place = Idx.mul(r, Idx.lit(k.run));
        KExpr first = loop.bind(k.elementAt(place), "first");
        List<KStmt> whole = List.of(new KStmt.StoreRun(buffer, Idx.add(rowStart, first), array, k.run, place));
        if (k.whole) {
            List<KStmt> stmts = new ArrayList<>(loop.stmts());
            stmts.addAll(whole);
            rowBlock.add(new KStmt.For(r.name(), Idx.lit(0), Idx.lit(k.registers / k.run), Idx.lit(1), stmts, true));
            return;
        }
        Block elementLoop = loop.child();
        KExpr.Var j = new KExpr.Var(loop.fresh("j"), DType.I32);
        KExpr at = Idx.add(place, j);
        KExpr e = elementLoop.bind(k.elementAt(at), "e");
        DType dtype = k.ctx.buffers().stream().filter(b -> b.name().equals(buffer)).findFirst().orElseThrow().dtype();
        List<KStmt> inner = new ArrayList<>(elementLoop.stmts());
        inner.add(new KStmt.If(Idx.lt(e, length), List.of(new KStmt.Store(buffer, Idx.add(rowStart, e),
                new KExpr.LoadArray(array, at, dtype))), List.of()));
        List<KStmt> cut = List.of(new KStmt.For(j.name(), Idx.lit(0), Idx.lit(k.run), Idx.lit(1), inner, true));
        List<KStmt> stmts = new ArrayList<>(loop.stmts());
        stmts.add(new KStmt.If(Idx.and(aligned, Idx.lt(first, length)), whole, cut));
        rowBlock.add(new KStmt.For(r.name(), Idx.lit(0), Idx.lit(k.registers / k.run), Idx.lit(1), stmts, true));
    }
}
