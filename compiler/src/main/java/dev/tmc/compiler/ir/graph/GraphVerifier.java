// Checks the invariants of graph IR that every pass must keep: each instruction's type follows
// from its op and operands. Run at entry and exit of the pass list, and after each pass in tests.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public final class GraphVerifier {
    private final Graph g;
    private final List<String> problems = new ArrayList<>();

    private GraphVerifier(Graph g) {
        this.g = g;
    }

    /** Every broken invariant, described; empty when the graph is well formed. */
    public static List<String> verify(Graph g) {
        GraphVerifier v = new GraphVerifier(g);
        for (Instr i : g.body()) {
            v.instr(i);
        }
        return v.problems;
    }

    private void problem(Instr i, String what) {
        problems.add(g.name() + " %" + i.id() + " (" + i.op().mnemonic() + "): " + what);
    }

    private TensorType arg(Instr i, int k) {
        return g.type(i.arg(k));
    }

    private void arity(Instr i, int n) {
        if (i.args().size() != n) {
            problem(i, "takes " + n + " operands, has " + i.args().size());
        }
    }

    private void instr(Instr i) {
        Op op = i.op();
        DType dtype = i.type().dtype();
        if (i.storage() != dtype && !(i.storage().isFloat() && dtype.isFloat())) {
            problem(i, "stored as " + i.storage() + " but computed as " + dtype);
        }
        if (op instanceof Op.Parameter p) {
            arity(i, 0);
            if (p.index() >= g.params().size() || !g.params().get(p.index()).type().equals(i.type())) {
                problem(i, "does not match parameter " + p.index());
            }
        } else if (op instanceof Op.Constant || op instanceof Op.DimValue) {
            arity(i, 0);
            rank0(i);
        } else if (op instanceof Op.Iota io) {
            arity(i, 0);
            if (dtype != DType.I32 || io.axis() >= i.type().rank()) {
                problem(i, "iota must be i32 with an axis inside the shape");
            }
        } else if (op instanceof Op.Unary u) {
            arity(i, 1);
            elementwise(i);
            if (arg(i, 0).dtype() != dtype || (u.fn() == UnaryFn.NOT) != (dtype == DType.BOOL)) {
                problem(i, "operand " + arg(i, 0).dtype() + " does not fit result " + dtype);
            }
        } else if (op instanceof Op.Binary b) {
            binary(i, b.fn());
        } else if (op instanceof Op.Select) {
            arity(i, 3);
            elementwise(i);
            if (arg(i, 0).dtype() != DType.BOOL || arg(i, 1).dtype() != dtype || arg(i, 2).dtype() != dtype) {
                problem(i, "select needs a bool condition and operands of the result dtype");
            }
        } else if (op instanceof Op.Cast) {
            arity(i, 1);
            if (!arg(i, 0).shape().equals(i.type().shape())) {
                problem(i, "cast changes the shape");
            }
        } else if (op instanceof Op.Reduce r) {
            reduce(i, r);
        } else if (op instanceof Op.MatMul) {
            matmul(i);
        } else if (op instanceof Op.Transpose t) {
            transpose(i, t);
        } else if (op instanceof Op.Reshape) {
            arity(i, 1);
            sameDType(i);
            if (!arg(i, 0).shape().elementCount().equals(i.type().shape().elementCount())) {
                problem(i, "reshape changes the element count");
            }
        } else if (op instanceof Op.BroadcastTo) {
            arity(i, 1);
            sameDType(i);
            if (!broadcastsTo(arg(i, 0).shape(), i.type().shape())) {
                problem(i, arg(i, 0).shape() + " does not broadcast to " + i.type().shape());
            }
        } else if (op instanceof Op.Slice s) {
            arity(i, 1);
            sameDType(i);
            if (s.starts().size() != i.type().rank() || s.steps().size() != i.type().rank()
                    || arg(i, 0).rank() != i.type().rank()) {
                problem(i, "slice must keep the rank and give a start and step per axis");
            }
        } else if (op instanceof Op.Concat c) {
            concat(i, c);
        } else if (op instanceof Op.Call c) {
            call(i, c);
        }
    }

    private void rank0(Instr i) {
        if (i.type().rank() != 0) {
            problem(i, "must be rank 0");
        }
    }

    private void sameDType(Instr i) {
        if (arg(i, 0).dtype() != i.type().dtype()) {
            problem(i, "changes the dtype from " + arg(i, 0).dtype());
        }
    }

    private void binary(Instr i, BinaryFn fn) {
        arity(i, 2);
        elementwise(i);
        DType a = arg(i, 0).dtype();
        DType b = arg(i, 1).dtype();
        DType r = i.type().dtype();
        boolean ok = operandsFit(fn, a, b, r);
        if (!ok) {
            problem(i, "operands " + a + ", " + b + " do not fit result " + r);
        }
    }

    private static boolean operandsFit(BinaryFn fn, DType a, DType b, DType r) {
        if (a != b) {
            return false;
        }
        switch (fn.kind()) {
            case ARITHMETIC: return r == a;
            case COMPARISON: return r == DType.BOOL;
            default: return r == DType.BOOL && a == DType.BOOL;
        }
    }

    /** The result shape is exactly the NumPy broadcast of the operand shapes. */
    private void elementwise(Instr i) {
        Shape result = i.type().shape();
        for (int a : i.args()) {
            if (!broadcastsTo(g.type(a).shape(), result)) {
                problem(i, "operand %" + a + " " + g.type(a).shape() + " does not broadcast to " + result);
                return;
            }
        }
        for (int axis = 0; axis < result.rank(); axis++) {
            DimExpr d = result.dim(axis);
            boolean produced = d.isConstant() && d.constant() == 1;
            for (int a : i.args()) {
                Shape s = g.type(a).shape();
                int k = axis - (result.rank() - s.rank());
                produced |= k >= 0 && s.dim(k).equals(d);
            }
            if (!produced) {
                problem(i, "result " + result + " is bigger than the broadcast of its operands");
                return;
            }
        }
    }

    static boolean broadcastsTo(Shape from, Shape to) {
        if (from.rank() > to.rank()) {
            return false;
        }
        for (int k = 0; k < from.rank(); k++) {
            DimExpr src = from.dim(k);
            DimExpr dst = to.dim(k + to.rank() - from.rank());
            if (!src.equals(dst) && !(src.isConstant() && src.constant() == 1)) {
                return false;
            }
        }
        return true;
    }

    private void reduce(Instr i, Op.Reduce r) {
        arity(i, 1);
        Shape in = arg(i, 0).shape();
        Set<Integer> axes = new HashSet<>(r.axes());
        if (axes.size() != r.axes().size() || r.axes().stream().anyMatch(a -> a < 0 || a >= in.rank())
                || (r.fn().isArg() && axes.size() != 1)) {
            problem(i, "bad axes " + r.axes());
            return;
        }
        List<DimExpr> dims = new ArrayList<>();
        for (int k = 0; k < in.rank(); k++) {
            if (!axes.contains(k)) {
                dims.add(in.dim(k));
            } else if (r.keepDims()) {
                dims.add(DimExpr.of(1));
            }
        }
        if (!new Shape(dims).equals(i.type().shape())) {
            problem(i, "result shape should be " + new Shape(dims));
        }
        DType expected = r.fn().isArg() ? DType.I32 : arg(i, 0).dtype();
        if (i.type().dtype() != expected) {
            problem(i, "result dtype should be " + expected);
        }
    }

    private void matmul(Instr i) {
        arity(i, 2);
        Shape a = arg(i, 0).shape();
        Shape b = arg(i, 1).shape();
        Shape r = i.type().shape();
        if (a.rank() < 2 || b.rank() < 2 || r.rank() < 2) {
            problem(i, "matmul operands must have rank 2 or more");
            return;
        }
        if (!a.dim(a.rank() - 1).equals(b.dim(b.rank() - 2)) || !a.dim(a.rank() - 2).equals(r.dim(r.rank() - 2))
                || !b.dim(b.rank() - 1).equals(r.dim(r.rank() - 1))) {
            problem(i, "matmul dims do not agree: " + a + " @ " + b + " -> " + r);
        }
        Shape batch = new Shape(r.dims().subList(0, r.rank() - 2));
        if (!broadcastsTo(new Shape(a.dims().subList(0, a.rank() - 2)), batch)
                || !broadcastsTo(new Shape(b.dims().subList(0, b.rank() - 2)), batch)) {
            problem(i, "matmul batch dims do not broadcast to " + batch);
        }
        if (arg(i, 0).dtype() != i.type().dtype() || arg(i, 1).dtype() != i.type().dtype()) {
            problem(i, "matmul operands must have the result dtype");
        }
    }

    private void transpose(Instr i, Op.Transpose t) {
        arity(i, 1);
        sameDType(i);
        Shape in = arg(i, 0).shape();
        if (t.perm().size() != in.rank() || new HashSet<>(t.perm()).size() != in.rank()) {
            problem(i, "bad permutation " + t.perm());
            return;
        }
        List<DimExpr> dims = new ArrayList<>();
        for (int p : t.perm()) {
            dims.add(in.dim(p));
        }
        if (!new Shape(dims).equals(i.type().shape())) {
            problem(i, "result shape should be " + new Shape(dims));
        }
    }

    private void concat(Instr i, Op.Concat c) {
        Shape r = i.type().shape();
        DimExpr total = DimExpr.of(0);
        for (int a : i.args()) {
            Shape s = g.type(a).shape();
            if (s.rank() != r.rank() || g.type(a).dtype() != i.type().dtype()) {
                problem(i, "concat operand %" + a + " has the wrong rank or dtype");
                return;
            }
            total = total.plus(s.dim(c.axis()));
        }
        if (!total.equals(r.dim(c.axis()))) {
            problem(i, "concat axis length should be " + total);
        }
    }

    private void call(Instr i, Op.Call c) {
        Graph body = c.body();
        if (body.outputs().size() != 1 || !body.type(body.outputs().get(0).value()).equals(i.type())
                || body.params().size() != i.args().size()) {
            problem(i, "call does not match the signature of " + c.callee());
            return;
        }
        for (int k = 0; k < i.args().size(); k++) {
            if (!body.params().get(k).type().equals(arg(i, k))) {
                problem(i, "argument " + k + " of " + c.callee() + " has the wrong type");
            }
        }
        for (String p : verify(body)) {
            problems.add("in " + c.callee() + ": " + p);
        }
    }
}
