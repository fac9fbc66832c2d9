// Computes a fusion group's values at an element: loads of inputs (through broadcasts and views),
// elementwise ops, and the values a template provides (reduction results, matmul accumulators).
// Every value is computed once per scope and element and kept in a named local.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.fusion.Space;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

final class ValueEmitter {
    private final KernelContext ctx;
    private final Set<Integer> members;
    private final Map<Integer, KExpr> provided = new HashMap<>();
    /** Where per-row values of a reduction are computed, with the coordinates of the current row. */
    private Block rowBlock;
    private Map<Space, Coords> rowCoords = Map.of();
    /** Values an earlier walk stored at every element it visited: the buffer they are in. */
    private final Map<Integer, String> stashed = new HashMap<>();
    /** Coordinates (keys) of the row elements the walks visit, where a stashed value can be loaded. */
    private final Set<Object> walkedElements = new HashSet<>();
    /** Inside a whole run: the flat index of its element and the element's place in the run (null
     *  outside runs); per index expression of the element, the per-thread arrays (by buffer) that
     *  loads at that index read. */
    private KExpr runElement;
    private KExpr runPlace;
    private final Map<KExpr, Map<String, String>> runArrays = new HashMap<>();
    /** Values an earlier walk kept in a per-thread array at the run's places: the array. */
    private final Map<Integer, String> heldStashes = new HashMap<>();

    ValueEmitter(KernelContext ctx) {
        this.ctx = ctx;
        this.members = new TreeSet<>(ctx.group.members());
    }

    /** A value the template computes itself (an accumulator); it is the same at every element. */
    void provide(int value, KExpr expr) {
        provided.put(value, expr);
    }

    /** {@code id} is in {@code buffer} at every element a walk visits from now on; later walks load it. */
    void stash(int id, String buffer) {
        stashed.put(id, buffer);
    }

    /** {@code id} is in per-thread array {@code array} at the places of the walks from now on. */
    void stashInRegisters(int id, String array) {
        heldStashes.put(id, array);
    }

    /** The coordinates of an element of the row a walk visits. */
    void visiting(Coords element, Block b) {
        walkedElements.add(element.key(ctx, b));
    }

    /**
     * Loads at flat index {@code element} read element {@code place} of a per-thread array instead,
     * one per buffer, recorded in {@code arrays} (buffer to array) for the caller to fill.
     */
    void inRun(KExpr element, KExpr place, Map<String, String> arrays) {
        this.runElement = element;
        this.runPlace = place;
        runArrays.clear();
        runArrays.put(element, arrays);
    }

    /** Loads at index {@code index} too read element {@code place} of per-thread arrays, as {@link #inRun}. */
    void alsoInRun(KExpr index, Map<String, String> arrays) {
        runArrays.put(index, arrays);
    }

    /** Per-row members (KEPT, SQUEEZED) are computed once per row, in {@code block}, at these coords. */
    void perRow(Block block, Map<Space, Coords> coords) {
        this.rowBlock = block;
        this.rowCoords = Map.copyOf(coords);
    }

    /** The value {@code id} at {@code at}, in its compute dtype. */
    KExpr emit(int id, Coords at, Block b) {
        KExpr v = emitWide(id, at, b);
        DType dtype = ctx.graph.type(id).dtype();
        return v.type() == dtype ? v : new KExpr.Convert(v, dtype); // the rounding a value kept wide skipped
    }

    /** The value {@code id} at {@code at}: in f32 where it is kept wide ({@link WideLowMath}), else as {@link #emit}. */
    private KExpr emitWide(int id, Coords at, Block b) {
        KExpr given = provided.get(id);
        if (given != null) {
            return given;
        }
        if (perRow(id)) {
            at = rowCoords.get(ctx.group.space(id));
            b = rowBlock;
        }
        Object key = List.of(id, at.key(ctx, b));
        KExpr hit = b.cached(key);
        if (hit != null) {
            return hit;
        }
        String stash = stashed.get(id);
        String held = heldStashes.get(id);
        KExpr value;
        if (held != null && runElement != null && at.flat(ctx, b).equals(runElement)) {
            value = new KExpr.LoadArray(held, runPlace, ctx.graph.type(id).dtype());
        } else if (stash != null && walkedElements.contains(at.key(ctx, b))) {
            value = new KExpr.Load(stash, at.flat(ctx, b), ctx.graph.type(id).dtype());
        } else {
            value = compute(ctx.graph.instr(id), at, b);
        }
        KExpr named = b.bind(value, "v");
        b.cache(key, named);
        return named;
    }

    /** Whether {@code id} is a per-row member, computed once per row in the row's block. */
    private boolean perRow(int id) {
        Space space = ctx.group.space(id);
        if (rowBlock == null || !members.contains(id) || (space != Space.KEPT && space != Space.SQUEEZED)) {
            return false;
        }
        Coords row = rowCoords.get(space);
        return row != null && row.shape().equals(ctx.graph.type(id).shape());
    }

    /** The value converted to its storage dtype, for a store. */
    KExpr stored(int id, Coords at, Block b) {
        Instr i = ctx.graph.instr(id);
        KExpr v = emit(id, at, b);
        return i.storage() == v.type() ? v : new KExpr.Convert(v, i.storage());
    }

    private KExpr compute(Instr i, Coords at, Block b) {
        Op op = i.op();
        DType dtype = i.type().dtype();
        boolean member = members.contains(i.id()) && !(op instanceof Op.Parameter);
        if (!member || op instanceof Op.Parameter) {
            return load(i, at, b);
        }
        if (op instanceof Op.Constant c) {
            return new KExpr.Lit(dtype, c.value());
        }
        if (op instanceof Op.DimValue d) {
            KExpr size = ctx.size(d.dim());
            return dtype == DType.I32 ? size : new KExpr.Convert(size, dtype);
        }
        if (op instanceof Op.Iota io) {
            return at.axis(io.axis(), ctx, b);
        }
        if (WideLowMath.skipsRounding(ctx, i)) {
            return argWide(i, 0, at, b);
        }
        boolean wide = WideLowMath.computesWide(ctx, i);
        if (op instanceof Op.Unary u) {
            if (wide) {
                return new KExpr.Unary(u.fn(), widened(i, 0, at, b), DType.F32);
            }
            KExpr x = arg(i, 0, at, b);
            return u.fn() == UnaryFn.EXP && ApproximateMath.applies(ctx, i) ? ApproximateMath.exp(x)
                    : new KExpr.Unary(u.fn(), x, dtype);
        }
        if (op instanceof Op.Binary bin && wide) {
            return new KExpr.Binary(bin.fn(), widened(i, 0, at, b), widened(i, 1, at, b), DType.F32);
        }
        if (op instanceof Op.Select && wide) {
            return new KExpr.Select(arg(i, 0, at, b), widened(i, 1, at, b), widened(i, 2, at, b), DType.F32);
        }
        if (op instanceof Op.Binary bin) {
            KExpr x = arg(i, 0, at, b);
            KExpr y = arg(i, 1, at, b);
            if (bin.fn() == BinaryFn.DIV && perRow(i.arg(1)) && ApproximateMath.applies(ctx, i)) {
                // One division per row instead of one per element (softmax's sum).
                KExpr r = rowBlock.memo(List.of("reciprocal", i.arg(1)), "rcp", () -> ApproximateMath.reciprocal(y));
                return new KExpr.Binary(BinaryFn.MUL, x, r, dtype);
            }
            return new KExpr.Binary(bin.fn(), x, y, dtype);
        }
        if (op instanceof Op.Select) {
            return new KExpr.Select(arg(i, 0, at, b), arg(i, 1, at, b), arg(i, 2, at, b), dtype);
        }
        if (op instanceof Op.Cast) {
            KExpr x = arg(i, 0, at, b);
            return x.type() == dtype ? x : new KExpr.Convert(x, dtype);
        }
        if (op instanceof Op.BroadcastTo) {
            return arg(i, 0, at, b);
        }
        if (op instanceof Op.Transpose t) {
            return transposed(i, t, at, b);
        }
        if (op instanceof Op.Reshape) {
            Shape from = ctx.graph.type(i.arg(0)).shape();
            return emit(i.arg(0), Coords.ofFlat(at.flat(ctx, b), from), b);
        }
        if (op instanceof Op.Slice s) {
            return sliced(i, s, at, b);
        }
        if (op instanceof Op.Concat c) {
            return concatenated(i, c, at, b);
        }
        throw new InternalCompilerError("no value for " + op.mnemonic() + " %" + i.id() + " in kernel "
                + ctx.group.name());
    }

    /** Operand {@code k} at the element of {@code at}, following NumPy broadcasting. */
    private KExpr arg(Instr i, int k, Coords at, Block b) {
        int a = i.arg(k);
        return emit(a, broadcast(at, ctx.graph.type(a).shape(), b), b);
    }

    /** Operand {@code k}, in f32 where it is kept wide. */
    private KExpr argWide(Instr i, int k, Coords at, Block b) {
        int a = i.arg(k);
        return emitWide(a, broadcast(at, ctx.graph.type(a).shape(), b), b);
    }

    /** Operand {@code k} in f32: kept wide, or widened exactly from its 16-bit dtype. */
    private KExpr widened(Instr i, int k, Coords at, Block b) {
        KExpr x = argWide(i, k, at, b);
        if (x instanceof KExpr.Lit l && l.type() != DType.F32) {
            return new KExpr.Lit(DType.F32, l.value()); // 16-bit constants widen exactly
        }
        return x.type() == DType.F32 ? x : new KExpr.Convert(x, DType.F32);
    }

    /** Coordinates in a (smaller, right-aligned) operand shape: size-1 axes read element 0. */
    Coords broadcast(Coords at, Shape to, Block b) {
        Shape from = at.shape();
        if (to.equals(from)) {
            return at;
        }
        List<KExpr> axes = new ArrayList<>();
        int offset = from.rank() - to.rank();
        for (int k = 0; k < to.rank(); k++) {
            DimExpr d = to.dim(k);
            axes.add(d.isConstant() && d.constant() == 1 ? Idx.lit(0) : at.axis(k + offset, ctx, b));
        }
        return Coords.ofAxes(axes, to);
    }

    private KExpr load(Instr i, Coords at, Block b) {
        if (ctx.isScalarArgument(i.id())) {
            return ctx.scalarValue(i.id());
        }
        if (i.op() instanceof Op.Constant c) {
            return new KExpr.Lit(i.type().dtype(), c.value());
        }
        KExpr index = at.flat(ctx, b);
        String buffer = ctx.inputName(i.id());
        Map<String, String> arrays = runElement == null ? null : runArrays.get(index);
        KExpr loaded = arrays != null
                ? new KExpr.LoadArray(arrays.computeIfAbsent(buffer, n -> b.fresh(n + "_run")), runPlace, i.storage())
                : new KExpr.Load(buffer, index, i.storage());
        return i.storage() == i.type().dtype() ? loaded : new KExpr.Convert(loaded, i.type().dtype());
    }

    private KExpr transposed(Instr i, Op.Transpose t, Coords at, Block b) {
        Shape from = ctx.graph.type(i.arg(0)).shape();
        KExpr[] axes = new KExpr[from.rank()];
        for (int k = 0; k < t.perm().size(); k++) {
            axes[t.perm().get(k)] = at.axis(k, ctx, b);
        }
        return emit(i.arg(0), Coords.ofAxes(List.of(axes), from), b);
    }

    private KExpr sliced(Instr i, Op.Slice s, Coords at, Block b) {
        Shape from = ctx.graph.type(i.arg(0)).shape();
        List<KExpr> axes = new ArrayList<>();
        for (int k = 0; k < from.rank(); k++) {
            KExpr start = ctx.size(s.starts().get(k));
            axes.add(Idx.add(start, Idx.mul(at.axis(k, ctx, b), Idx.lit(s.steps().get(k)))));
        }
        return emit(i.arg(0), Coords.ofAxes(axes, from), b);
    }

    /** Reads the operand that holds the element; the others are not touched (no loads out of bounds). */
    private KExpr concatenated(Instr i, Op.Concat c, Coords at, Block b) {
        DType dtype = i.type().dtype();
        KExpr.Var result = b.declare("cat", dtype, new KExpr.Lit(dtype, 0));
        KExpr along = at.axis(c.axis(), ctx, b);
        List<KStmt> chain = List.of();
        List<DimExpr> starts = new ArrayList<>();
        DimExpr start = DimExpr.of(0);
        for (int a : i.args()) {
            starts.add(start);
            start = start.plus(ctx.graph.type(a).shape().dim(c.axis()));
        }
        for (int k = i.args().size() - 1; k >= 0; k--) {
            int a = i.args().get(k);
            Shape s = ctx.graph.type(a).shape();
            Block branch = b.child();
            List<KExpr> axes = new ArrayList<>();
            for (int x = 0; x < s.rank(); x++) {
                axes.add(x == c.axis() ? Idx.sub(along, ctx.size(starts.get(k))) : at.axis(x, ctx, b));
            }
            branch.add(new KStmt.Assign(result.name(), emit(a, Coords.ofAxes(axes, s), branch)));
            if (k == i.args().size() - 1) {
                chain = branch.stmts();
            } else {
                KExpr inside = Idx.lt(along, ctx.size(starts.get(k).plus(s.dim(c.axis()))));
                chain = List.of(new KStmt.If(inside, branch.stmts(), chain));
            }
        }
        chain.forEach(b::add); // the last operand needs no bound check: the element is in range
        return result;
    }
}
