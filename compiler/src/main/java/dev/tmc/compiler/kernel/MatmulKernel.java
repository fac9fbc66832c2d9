// The matmul template: accumulate in the matmul's compute dtype (f32 for f16/bf16 after
// precision promotion), then apply the fused epilogue per output element before the one store.
// Where threads cooperate: output tiles per threadgroup, slices of both operands staged in
// threadgroup memory; on simdgroup matrices tiled as the target says (Target.MatrixTiles), else
// 32x32 tiles, 16 deep, 2x2 outputs per thread. Otherwise: a run of rows per task,
// 64 columns at a time in a local accumulator array.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;

final class MatmulKernel {
    private static final int TILE = 32;
    private static final int DEPTH = 16;
    private static final int COLUMNS = 64;

    private final KernelContext ctx;
    private final Instr matmul;
    private final Shape result;
    private final Shape batch;
    private final DType acc;
    private final ValueEmitter values;
    private final List<KStmt> declarations = new ArrayList<>();

    private MatmulKernel(KernelContext ctx) {
        this.ctx = ctx;
        this.matmul = ctx.group.members().stream().map(ctx.graph::instr).filter(i -> i.op() instanceof Op.MatMul)
                .findFirst().orElseThrow();
        this.result = matmul.type().shape();
        this.batch = new Shape(result.dims().subList(0, result.rank() - 2));
        this.acc = matmul.type().dtype();
        this.values = new ValueEmitter(ctx);
    }

    static Kernel lower(KernelContext ctx, String source) {
        MatmulKernel m = new MatmulKernel(ctx);
        if (!ctx.target.cooperative()) {
            return m.rowsPerTask(source);
        }
        // Simdgroup matrices exist for float and half; integer matmuls take the plain tiles. Matrix
        // units that read f32 as tf32 are exact only for operands holding f16 or bf16 values.
        boolean matrices = ctx.target.simdgroupMatrix() && (ctx.target.matrixOperandsTf32()
                ? m.acc == DType.F32 && m.holdsHalfPrecision(0) && m.holdsHalfPrecision(1)
                : m.acc == DType.F32 || m.acc == DType.F16);
        return matrices ? m.simdgroupMatrices(source) : m.tiled(source);
    }

    /**
     * Whether operand {@code which} holds only f16 or bf16 values: through layout operations and a
     * widening to f32, a value of such a dtype, or one read from a buffer that stores it so.
     */
    private boolean holdsHalfPrecision(int which) {
        Instr operand = ctx.graph.instr(matmul.arg(which));
        while (true) {
            if (ctx.group.inputs().contains(operand.id())) {
                return isHalf(operand.storage()); // read from its buffer
            }
            if (isHalf(operand.type().dtype())) {
                return true;
            }
            Op op = operand.op();
            boolean movesValues = op instanceof Op.Transpose || op instanceof Op.Reshape || op instanceof Op.BroadcastTo
                    || op instanceof Op.Slice;
            boolean widens = op instanceof Op.Cast && operand.type().dtype() == DType.F32;
            if (!movesValues && !widens) {
                return false;
            }
            operand = ctx.graph.instr(operand.arg(0));
        }
    }

    private static boolean isHalf(DType t) {
        return t == DType.F16 || t == DType.BF16;
    }

    private DimExpr m() {
        return result.dim(result.rank() - 2);
    }

    private DimExpr n() {
        return result.dim(result.rank() - 1);
    }

    private DimExpr k() {
        Shape a = ctx.graph.type(matmul.arg(0)).shape();
        return a.dim(a.rank() - 1);
    }

    /** Operand {@code which} (0: A[.., i, k], 1: B[.., k, j]) of batch {@code b} at a row and column. */
    private KExpr operand(int which, KExpr b, KExpr row, KExpr col, Block block) {
        int id = matmul.arg(which);
        Shape s = ctx.graph.type(id).shape();
        Coords batchAt = Coords.ofFlat(b, batch);
        List<KExpr> axes = new ArrayList<>();
        int offset = batch.rank() - (s.rank() - 2);
        for (int x = 0; x < s.rank() - 2; x++) {
            DimExpr d = s.dim(x);
            axes.add(d.isConstant() && d.constant() == 1 ? Idx.lit(0) : batchAt.axis(x + offset, ctx, block));
        }
        axes.add(row);
        axes.add(col);
        return values.emit(id, Coords.ofAxes(axes, s), block);
    }

    /** The epilogue and stores of one output element whose accumulated value is {@code sum}. */
    private void epilogue(KExpr b, KExpr i, KExpr j, KExpr sum, Block block) {
        values.provide(matmul.id(), sum);
        Coords batchAt = Coords.ofFlat(b, batch);
        List<KExpr> axes = new ArrayList<>();
        for (int x = 0; x < batch.rank(); x++) {
            axes.add(batchAt.axis(x, ctx, block));
        }
        axes.add(i);
        axes.add(j);
        Coords at = Coords.ofAxes(axes, result);
        for (int out : ctx.group.outputs()) {
            KExpr value = values.stored(out, at, block);
            for (Kernel.BufferRole role : ctx.writeRoles(out)) {
                block.add(new KStmt.Store(ctx.name(role), at.flat(ctx, block), value));
            }
        }
    }

    private KExpr zero() {
        return new KExpr.Lit(acc, 0);
    }

    private KExpr fma(KExpr sum, KExpr a, KExpr b) {
        return new KExpr.Binary(BinaryFn.ADD, sum, new KExpr.Binary(BinaryFn.MUL, a, b, acc), acc);
    }

    private Kernel tiled(String source) {
        int threads = ctx.target.threadsPerThreadgroup();
        int side = TILE / 2; // threads per tile side, each computing 2x2 outputs
        Block body = new Block(ctx.names);
        KExpr tilesN = body.bind(Idx.ceilDiv(ctx.size(n()), TILE), "tilesN");
        KExpr tilesM = body.bind(Idx.ceilDiv(ctx.size(m()), TILE), "tilesM");
        KExpr tg = new KExpr.ThreadIndex(ThreadAxis.THREADGROUP_IN_GRID);
        KExpr perBatch = body.bind(Idx.mul(tilesM, tilesN), "tiles");
        KExpr b = body.bind(Idx.div(tg, perBatch), "b");
        KExpr tile = body.bind(Idx.mod(tg, perBatch), "tile");
        KExpr tm = body.bind(Idx.mul(Idx.div(tile, tilesN), Idx.lit(TILE)), "tm");
        KExpr tn = body.bind(Idx.mul(Idx.mod(tile, tilesN), Idx.lit(TILE)), "tn");
        KExpr tid = new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_THREADGROUP);
        KExpr ty = body.bind(Idx.mul(Idx.div(tid, Idx.lit(side)), Idx.lit(2)), "ty");
        KExpr tx = body.bind(Idx.mul(Idx.mod(tid, Idx.lit(side)), Idx.lit(2)), "tx");
        KExpr mSize = body.bind(ctx.size(m()), "m");
        KExpr nSize = body.bind(ctx.size(n()), "n");
        KExpr kSize = body.bind(ctx.size(k()), "k");
        String as = body.fresh("As");
        String bs = body.fresh("Bs");
        declarations.add(new KStmt.ThreadgroupArray(as, acc, TILE * DEPTH));
        declarations.add(new KStmt.ThreadgroupArray(bs, acc, DEPTH * TILE));
        KExpr.Var[] sums = new KExpr.Var[4];
        for (int s = 0; s < 4; s++) {
            sums[s] = body.declare("acc", acc, zero());
        }
        KExpr.Var k0 = new KExpr.Var(body.fresh("k0"), DType.I32);
        Block slice = body.child();
        for (int r = 0; r < TILE * DEPTH / threads; r++) {
            KExpr idx = slice.bind(Idx.add(tid, Idx.lit((long) r * threads)), "idx");
            KExpr ar = Idx.add(tm, Idx.div(idx, Idx.lit(DEPTH)));
            KExpr ak = Idx.add(k0, Idx.mod(idx, Idx.lit(DEPTH)));
            stage(as, idx, ar, ak, mSize, kSize, 0, b, slice);
            KExpr bk = Idx.add(k0, Idx.div(idx, Idx.lit(TILE)));
            KExpr bj = Idx.add(tn, Idx.mod(idx, Idx.lit(TILE)));
            stage(bs, idx, bk, bj, kSize, nSize, 1, b, slice);
        }
        slice.add(new KStmt.Barrier());
        Block inner = slice.child();
        KExpr.Var kk = new KExpr.Var(slice.fresh("kk"), DType.I32);
        KExpr[] a = new KExpr[2];
        KExpr[] bv = new KExpr[2];
        for (int d = 0; d < 2; d++) {
            a[d] = inner.bind(new KExpr.LoadArray(as, Idx.add(Idx.mul(Idx.add(ty, Idx.lit(d)), Idx.lit(DEPTH)), kk), acc), "a");
            bv[d] = inner.bind(new KExpr.LoadArray(bs, Idx.add(Idx.mul(kk, Idx.lit(TILE)), Idx.add(tx, Idx.lit(d))), acc), "bv");
        }
        for (int s = 0; s < 4; s++) {
            inner.add(new KStmt.Assign(sums[s].name(), fma(sums[s], a[s / 2], bv[s % 2])));
        }
        slice.add(new KStmt.For(kk.name(), Idx.lit(0), Idx.lit(DEPTH), Idx.lit(1), inner.stmts(), true));
        slice.add(new KStmt.Barrier());
        body.add(new KStmt.For(k0.name(), Idx.lit(0), kSize, Idx.lit(DEPTH), slice.stmts(), false));
        for (int s = 0; s < 4; s++) {
            KExpr i = body.bind(Idx.add(Idx.add(tm, ty), Idx.lit(s / 2)), "i");
            KExpr j = body.bind(Idx.add(Idx.add(tn, tx), Idx.lit(s % 2)), "j");
            Block store = body.child();
            epilogue(b, i, j, sums[s], store);
            body.add(new KStmt.If(Idx.and(Idx.lt(i, mSize), Idx.lt(j, nSize)), store.stmts(), List.of()));
        }
        DimExpr groups = batch.elementCount().times(m().ceilDiv(TILE)).times(n().ceilDiv(TILE));
        return kernel(source, body, new Kernel.Launch(groups, threads));
    }

    /**
     * The tiled kernel with 8x8 simdgroup matrices doing the multiply, tiled as the target's
     * {@link Target.MatrixTiles} say: each simdgroup owns a block of 8x8 accumulators of the
     * threadgroup's tile; the finished tile goes through threadgroup memory a band of rows at a time,
     * so the epilogue runs per element with coalesced stores.
     */
    private Kernel simdgroupMatrices(String source) {
        Target.MatrixTiles t = ctx.target.matrixTiles();
        int threads = ctx.target.threadsPerThreadgroup();
        int aStride = t.depth() + t.aPad();
        int bStride = t.cols() + t.bPad();
        Block body = new Block(ctx.names);
        KExpr tilesN = body.bind(Idx.ceilDiv(ctx.size(n()), t.cols()), "tilesN");
        KExpr tilesM = body.bind(Idx.ceilDiv(ctx.size(m()), t.rows()), "tilesM");
        KExpr tg = new KExpr.ThreadIndex(ThreadAxis.THREADGROUP_IN_GRID);
        KExpr perBatch = body.bind(Idx.mul(tilesM, tilesN), "tiles");
        KExpr b = body.bind(Idx.div(tg, perBatch), "b");
        KExpr tile = body.bind(Idx.mod(tg, perBatch), "tile");
        KExpr tm = body.bind(Idx.mul(Idx.div(tile, tilesN), Idx.lit(t.rows())), "tm");
        KExpr tn = body.bind(Idx.mul(Idx.mod(tile, tilesN), Idx.lit(t.cols())), "tn");
        KExpr tid = new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_THREADGROUP);
        KExpr sg = new KExpr.ThreadIndex(ThreadAxis.SIMDGROUP_IN_THREADGROUP);
        KExpr blockRow = body.bind(Idx.mul(Idx.div(sg, Idx.lit(t.simdgroupCols())), Idx.lit(8L * t.fragmentRows())), "br");
        KExpr blockCol = body.bind(Idx.mul(Idx.mod(sg, Idx.lit(t.simdgroupCols())), Idx.lit(8L * t.fragmentCols())), "bc");
        KExpr mSize = body.bind(ctx.size(m()), "m");
        KExpr nSize = body.bind(ctx.size(n()), "n");
        KExpr kSize = body.bind(ctx.size(k()), "k");
        String as = body.fresh("As");
        String bs = body.fresh("Bs");
        String cs = body.fresh("Cs");
        declarations.add(new KStmt.ThreadgroupArray(as, acc, t.rows() * aStride));
        declarations.add(new KStmt.ThreadgroupArray(bs, acc, t.depth() * bStride));
        declarations.add(new KStmt.ThreadgroupArray(cs, acc, t.epilogueRows() * t.cols()));
        String[][] sums = new String[t.fragmentRows()][t.fragmentCols()];
        for (String[] row : sums) {
            for (int x = 0; x < row.length; x++) {
                row[x] = body.fresh("c");
                body.add(new KStmt.SimdMatrix(row[x], acc, 0));
            }
        }
        String[] am = new String[t.fragmentRows()];
        for (int y = 0; y < am.length; y++) {
            am[y] = body.fresh("a");
            body.add(new KStmt.SimdMatrix(am[y], acc, 0));
        }
        String[] bm = new String[t.fragmentCols()];
        for (int x = 0; x < bm.length; x++) {
            bm[x] = body.fresh("bm");
            body.add(new KStmt.SimdMatrix(bm[x], acc, 0));
        }
        KExpr.Var k0 = new KExpr.Var(body.fresh("k0"), DType.I32);
        Block slice = body.child();
        int aCount = t.rows() * t.depth() / threads;
        int bCount = t.depth() * t.cols() / threads;
        if (t.prefetch()) {
            List<Staged> staged = new ArrayList<>();
            for (int r = 0; r < Math.max(aCount, bCount); r++) {
                KExpr idx = body.bind(Idx.add(tid, Idx.lit((long) r * threads)), "idx");
                if (r < aCount) {
                    staged.add(staged(as, 0, idx, t.depth(), aStride, tm));
                }
                if (r < bCount) {
                    staged.add(staged(bs, 1, idx, t.cols(), bStride, tn));
                }
            }
            List<KExpr.Var> held = new ArrayList<>();
            for (int e = 0; e < staged.size(); e++) {
                held.add(body.declare("s", acc, zero()));
            }
            Block first = body.child(); // with K = 0 the operands are empty: nothing to load
            fetch(staged, held, Idx.lit(0), b, mSize, nSize, kSize, first);
            body.add(new KStmt.If(Idx.lt(Idx.lit(0), kSize), first.stmts(), List.of()));
            for (int e = 0; e < staged.size(); e++) {
                slice.add(new KStmt.StoreArray(staged.get(e).array(), staged.get(e).slot(), held.get(e)));
            }
            slice.add(new KStmt.Barrier());
            // Most tiles lie wholly inside the operands: their loads need no bounds arithmetic.
            KExpr next = slice.bind(Idx.add(k0, Idx.lit(t.depth())), "kn");
            KExpr interior = Idx.and(Idx.and(Idx.lt(Idx.add(tm, Idx.lit(t.rows() - 1)), mSize),
                    Idx.lt(Idx.add(tn, Idx.lit(t.cols() - 1)), nSize)), Idx.lt(Idx.add(next, Idx.lit(t.depth() - 1)), kSize));
            Block inside = slice.child();
            fetchInside(staged, held, next, b, inside);
            Block edge = slice.child();
            fetch(staged, held, next, b, mSize, nSize, kSize, edge);
            slice.add(new KStmt.If(interior, inside.stmts(), edge.stmts()));
        } else {
            for (int r = 0; r < Math.max(aCount, bCount); r++) {
                KExpr idx = slice.bind(Idx.add(tid, Idx.lit((long) r * threads)), "idx");
                if (r < aCount) {
                    KExpr row = Idx.div(idx, Idx.lit(t.depth()));
                    KExpr col = Idx.mod(idx, Idx.lit(t.depth()));
                    stage(as, padded(idx, row, col, t.depth(), aStride), Idx.add(tm, row), Idx.add(k0, col),
                            mSize, kSize, 0, b, slice);
                }
                if (r < bCount) {
                    KExpr row = Idx.div(idx, Idx.lit(t.cols()));
                    KExpr col = Idx.mod(idx, Idx.lit(t.cols()));
                    stage(bs, padded(idx, row, col, t.cols(), bStride), Idx.add(k0, row), Idx.add(tn, col),
                            kSize, nSize, 1, b, slice);
                }
            }
            slice.add(new KStmt.Barrier());
        }
        for (int kk = 0; kk < t.depth(); kk += 8) {
            for (int y = 0; y < am.length; y++) {
                KExpr row = Idx.add(blockRow, Idx.lit(8L * y));
                slice.add(new KStmt.SimdMatrixLoad(am[y], as, Idx.add(Idx.mul(row, Idx.lit(aStride)), Idx.lit(kk)), aStride));
            }
            for (int x = 0; x < bm.length; x++) {
                KExpr col = Idx.add(blockCol, Idx.lit(8L * x));
                slice.add(new KStmt.SimdMatrixLoad(bm[x], bs, Idx.add(Idx.lit((long) kk * bStride), col), bStride));
                int y = 0;
                if (ctx.target.matrixRowPairs()) { // rows y and y + 1 as one 16x8 left operand
                    for (; y + 1 < am.length; y += 2) {
                        slice.add(new KStmt.SimdMatrixMultiplyAccumulatePair(sums[y][x], am[y], sums[y][x],
                                sums[y + 1][x], am[y + 1], sums[y + 1][x], bm[x]));
                    }
                }
                for (; y < am.length; y++) {
                    slice.add(new KStmt.SimdMatrixMultiplyAccumulate(sums[y][x], am[y], bm[x], sums[y][x]));
                }
            }
        }
        slice.add(new KStmt.Barrier());
        body.add(new KStmt.For(k0.name(), Idx.lit(0), kSize, Idx.lit(t.depth()), slice.stmts(), false));
        int bands = t.rows() / t.epilogueRows();
        for (int band = 0; band < bands; band++) {
            KExpr bandRow = Idx.lit((long) band * t.epilogueRows());
            Block stores = body.child();
            for (int y = 0; y < am.length; y++) {
                KExpr row = Idx.sub(Idx.add(blockRow, Idx.lit(8L * y)), bandRow);
                for (int x = 0; x < bm.length; x++) {
                    KExpr col = Idx.add(blockCol, Idx.lit(8L * x));
                    stores.add(new KStmt.SimdMatrixStore(sums[y][x], cs, Idx.add(Idx.mul(row, Idx.lit(t.cols())), col),
                            t.cols()));
                }
            }
            if (bands == 1) {
                stores.stmts().forEach(body::add);
            } else { // the simdgroups whose accumulators lie in this band; uniform within each simdgroup
                body.add(new KStmt.If(Idx.eq(Idx.div(blockRow, Idx.lit(t.epilogueRows())), Idx.lit(band)),
                        stores.stmts(), List.of()));
            }
            body.add(new KStmt.Barrier());
            for (int r = 0; r < t.epilogueRows() * t.cols() / threads; r++) {
                KExpr idx = body.bind(Idx.add(tid, Idx.lit((long) r * threads)), "o");
                KExpr i = body.bind(Idx.add(Idx.add(tm, bandRow), Idx.div(idx, Idx.lit(t.cols()))), "i");
                KExpr j = body.bind(Idx.add(tn, Idx.mod(idx, Idx.lit(t.cols()))), "j");
                Block store = body.child();
                epilogue(b, i, j, store.bind(new KExpr.LoadArray(cs, idx, acc), "sum"), store);
                body.add(new KStmt.If(Idx.and(Idx.lt(i, mSize), Idx.lt(j, nSize)), store.stmts(), List.of()));
            }
            if (band + 1 < bands) { // the next band overwrites Cs
                body.add(new KStmt.Barrier());
            }
        }
        DimExpr groups = batch.elementCount().times(m().ceilDiv(t.rows())).times(n().ceilDiv(t.cols()));
        return kernel(source, body, new Kernel.Launch(groups, threads));
    }

    /**
     * One element a thread stages each slice: its slot in threadgroup array {@code array}, and its
     * place in operand {@code which} (0: A, k along columns; 1: B, k along rows) relative to the
     * tile's corner {@code corner} (tm for A, tn for B) and the slice's first k.
     */
    private record Staged(String array, KExpr slot, int which, KExpr row, KExpr col, KExpr corner) {
    }

    private static Staged staged(String array, int which, KExpr idx, int width, int stride, KExpr corner) {
        KExpr row = Idx.div(idx, Idx.lit(width));
        KExpr col = Idx.mod(idx, Idx.lit(width));
        return new Staged(array, padded(idx, row, col, width, stride), which, row, col, corner);
    }

    /**
     * Loads each staged element of the slice starting at {@code k} into its register, zero outside
     * the operand. The load is unconditional, from coordinates clamped into the operand (which must
     * not be empty), and the zero a select: no branch sits between a load and the next, so all of a
     * thread's loads are in flight at once.
     */
    private void fetch(List<Staged> staged, List<KExpr.Var> held, KExpr k, KExpr b, KExpr mSize, KExpr nSize,
                       KExpr kSize, Block block) {
        for (int e = 0; e < staged.size(); e++) {
            Staged s = staged.get(e);
            boolean a = s.which() == 0;
            KExpr rows = a ? mSize : kSize;
            KExpr cols = a ? kSize : nSize;
            KExpr r = block.bind(a ? Idx.add(s.corner(), s.row()) : Idx.add(k, s.row()), "r");
            KExpr c = block.bind(a ? Idx.add(k, s.col()) : Idx.add(s.corner(), s.col()), "c");
            KExpr inside = block.bind(Idx.and(Idx.lt(r, rows), Idx.lt(c, cols)), "in");
            KExpr v = operand(s.which(), b, Idx.min(r, Idx.sub(rows, Idx.lit(1))), Idx.min(c, Idx.sub(cols, Idx.lit(1))),
                    block);
            block.add(new KStmt.Assign(held.get(e).name(), new KExpr.Select(inside, v, zero(), acc)));
        }
    }

    /** {@link #fetch} for a slice known to lie inside both operands. */
    private void fetchInside(List<Staged> staged, List<KExpr.Var> held, KExpr k, KExpr b, Block block) {
        for (int e = 0; e < staged.size(); e++) {
            Staged s = staged.get(e);
            boolean a = s.which() == 0;
            KExpr r = block.bind(a ? Idx.add(s.corner(), s.row()) : Idx.add(k, s.row()), "r");
            KExpr c = block.bind(a ? Idx.add(k, s.col()) : Idx.add(s.corner(), s.col()), "c");
            block.add(new KStmt.Assign(held.get(e).name(), operand(s.which(), b, r, c, block)));
        }
    }

    /** Index {@code idx} of a dense {@code width}-wide tile, in the same tile with rows {@code stride} apart. */
    private static KExpr padded(KExpr idx, KExpr row, KExpr col, int width, int stride) {
        return width == stride ? idx : Idx.add(Idx.mul(row, Idx.lit(stride)), col);
    }

    /** Copies one operand element into threadgroup memory, or zero outside the operand. */
    private void stage(String array, KExpr idx, KExpr row, KExpr col, KExpr rows, KExpr cols, int which, KExpr b,
                       Block block) {
        KExpr r = block.bind(row, "r");
        KExpr c = block.bind(col, "c");
        KExpr.Var v = block.declare("s", acc, zero());
        Block load = block.child();
        load.add(new KStmt.Assign(v.name(), operand(which, b, r, c, load)));
        block.add(new KStmt.If(Idx.and(Idx.lt(r, rows), Idx.lt(c, cols)), load.stmts(), List.of()));
        block.add(new KStmt.StoreArray(array, idx, v));
    }

    private Kernel rowsPerTask(String source) {
        int rowsPerTask = ctx.target.rowsPerTask();
        Block body = new Block(ctx.names);
        KExpr mSize = body.bind(ctx.size(m()), "m");
        KExpr nSize = body.bind(ctx.size(n()), "n");
        KExpr kSize = body.bind(ctx.size(k()), "k");
        KExpr blocks = body.bind(Idx.ceilDiv(mSize, rowsPerTask), "blocks");
        KExpr task = new KExpr.ThreadIndex(ThreadAxis.THREAD_IN_GRID);
        KExpr b = body.bind(Idx.div(task, blocks), "b");
        KExpr first = body.bind(Idx.mul(Idx.mod(task, blocks), Idx.lit(rowsPerTask)), "first");
        KExpr end = body.bind(Idx.min(Idx.add(first, Idx.lit(rowsPerTask)), mSize), "end");
        String sums = body.fresh("sums");
        declarations.add(new KStmt.LocalArray(sums, acc, COLUMNS));
        KExpr.Var i = new KExpr.Var(body.fresh("i"), DType.I32);
        Block row = body.child();
        KExpr.Var j0 = new KExpr.Var(row.fresh("j0"), DType.I32);
        Block columns = row.child();
        KExpr width = columns.bind(Idx.min(Idx.lit(COLUMNS), Idx.sub(nSize, j0)), "w");
        KExpr.Var jj = new KExpr.Var(columns.fresh("jj"), DType.I32);
        columns.add(new KStmt.For(jj.name(), Idx.lit(0), width, Idx.lit(1),
                List.of(new KStmt.StoreArray(sums, jj, zero())), false));
        KExpr.Var kv = new KExpr.Var(columns.fresh("kk"), DType.I32);
        Block depth = columns.child();
        KExpr a = operand(0, b, i, kv, depth);
        Block lane = depth.child();
        KExpr bv = operand(1, b, kv, Idx.add(j0, jj), lane);
        lane.add(new KStmt.StoreArray(sums, jj, fma(new KExpr.LoadArray(sums, jj, acc), a, bv)));
        depth.add(new KStmt.For(jj.name(), Idx.lit(0), width, Idx.lit(1), lane.stmts(), false));
        columns.add(new KStmt.For(kv.name(), Idx.lit(0), kSize, Idx.lit(1), depth.stmts(), false));
        Block store = columns.child();
        epilogue(b, i, Idx.add(j0, jj), store.bind(new KExpr.LoadArray(sums, jj, acc), "sum"), store);
        columns.add(new KStmt.For(jj.name(), Idx.lit(0), width, Idx.lit(1), store.stmts(), false));
        row.add(new KStmt.For(j0.name(), Idx.lit(0), nSize, Idx.lit(COLUMNS), columns.stmts(), false));
        body.add(new KStmt.For(i.name(), first, end, Idx.lit(1), row.stmts(), false));
        DimExpr tasks = batch.elementCount().times(m().ceilDiv(rowsPerTask));
        return kernel(source, body, new Kernel.Launch(tasks, 1));
    }

    private Kernel kernel(String source, Block body, Kernel.Launch launch) {
        List<KStmt> stmts = new ArrayList<>();
        stmts.add(new KStmt.Comment(source));
        stmts.addAll(declarations);
        stmts.addAll(body.stmts());
        return new Kernel(ctx.group.name(), ctx.group.template(), source, ctx.buffers(), ctx.scalars(), launch, stmts);
    }
}
