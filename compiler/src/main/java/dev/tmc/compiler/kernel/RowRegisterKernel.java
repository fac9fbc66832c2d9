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
    static Kernel lower(KernelContext ctx, String source, int registers, int threads) {
        ReductionKernel held = new ReductionKernel(ctx, registers, threads);
        ReductionKernel walked = new ReductionKernel(ctx, 0, threads);
        Block top = new Block(ctx.names);
        KExpr rows = held.rowsPerThreadgroup() == 1 ? null : top.bind(ctx.size(held.outer().elementCount()), "rows");
        held.placeRows(top, rows);
        walked.row = held.row;
        walked.tid = held.tid;
        walked.stride = held.stride;
        Block body = top.child();
        KExpr length = body.bind(ctx.size(held.reduced().elementCount()), "len");
        Block fits = body.child();
        held.walk(fits, length);
        List<KStmt> registerWalks = new ArrayList<>(held.registerArrays);
        registerWalks.addAll(fill(held, body, length));
        registerWalks.addAll(fits.stmts());
        Block memory = body.child();
        walked.walk(memory, length);
        int most = threads * registers;
        body.add(new KStmt.If(Idx.lt(length, Idx.lit(most + 1)), registerWalks, memory.stmts()));
        held.declarations.addAll(walked.declarations);
        return held.finish(source, held.guardRows(top, rows, body), held.launch());
    }

    /** Loads the row's elements this thread visits into the per-thread arrays, all loads at once. */
    private static List<KStmt> fill(ReductionKernel k, Block body, KExpr length) {
        Block loop = body.child();
        KExpr.Var j = new KExpr.Var(body.fresh("j"), DType.I32);
        KExpr e = loop.bind(Idx.add(k.tid, Idx.mul(j, k.stride)), "e");
        KExpr flat = Idx.add(Idx.mul(k.row, k.ctx.size(k.reduced().elementCount())), e);
        List<KStmt> arrays = new ArrayList<>();
        List<KStmt> loads = new ArrayList<>();
        Map<String, DType> dtypes = new HashMap<>();
        k.ctx.buffers().forEach(b -> dtypes.put(b.name(), b.dtype()));
        k.rowArrays.forEach((buffer, array) -> {
            arrays.add(new KStmt.LocalArray(array, dtypes.get(buffer), k.registers));
            loads.add(new KStmt.StoreArray(array, j, new KExpr.Load(buffer, flat, dtypes.get(buffer))));
        });
        List<KStmt> stmts = new ArrayList<>(loop.stmts());
        stmts.add(new KStmt.If(Idx.lt(e, length), loads, List.of()));
        arrays.add(new KStmt.For(j.name(), Idx.lit(0), Idx.lit(k.registers), Idx.lit(1), stmts, true));
        return arrays;
    }
}
