// Lowers the expressions of one body to graph IR: names, literals, operators and calls.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ast.BinaryOperator;
import dev.tmc.compiler.ast.Expr;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ExprLowering {
    /** Calls of fns written in .tm (the file's and the prelude's); empty when no such fn exists. */
    interface FnCalls {
        Optional<Lowered> call(Expr.Call call, ExprLowering caller);
    }

    /** Names every program can use unless it defines them itself. */
    private static final Map<String, Double> CONSTANTS = Map.of(
            "inf", Double.POSITIVE_INFINITY, "nan", Double.NaN, "pi", Math.PI);

    final Emitter emitter;
    final Elementwise elementwise;
    final ShapeOps shapes;
    final Scope scope;
    private final FnCalls fns;

    ExprLowering(Emitter emitter, Scope scope, FnCalls fns) {
        this.emitter = emitter;
        this.elementwise = new Elementwise(emitter);
        this.shapes = new ShapeOps(emitter);
        this.scope = scope;
        this.fns = fns;
    }

    Operand operand(Expr e) {
        return new Operand(lower(e), e.span());
    }

    Lowered lower(Expr expr) {
        if (expr instanceof Expr.IntLit i) {
            return new Lowered.Number(i.value(), true);
        }
        if (expr instanceof Expr.FloatLit f) {
            return new Lowered.Number(f.value(), false);
        }
        if (expr instanceof Expr.BoolLit b) {
            return new Lowered.Bool(b.value());
        }
        if (expr instanceof Expr.Name n) {
            return name(n);
        }
        if (expr instanceof Expr.Unary u) {
            UnaryFn fn = u.op() == dev.tmc.compiler.ast.UnaryOperator.NEG ? UnaryFn.NEG : UnaryFn.NOT;
            return elementwise.unary(fn, operand(u.operand()), "operator " + u.op().spelling(), u.span());
        }
        if (expr instanceof Expr.Binary b) {
            return binary(b);
        }
        if (expr instanceof Expr.Cast c) {
            Optional<DType> to = dtype(c.dtype(), c.dtypeSpan());
            Operand value = operand(c.operand());
            return to.isEmpty() ? Lowered.INVALID : elementwise.cast(value, to.get(), c.span());
        }
        if (expr instanceof Expr.Call c) {
            return call(c);
        }
        if (expr instanceof Expr.Index ix) {
            return shapes.slice(operand(ix.base()), Builtins.sliceSpecs(ix.indices().stream()
                    .map(a -> a.value()).toList(), this), ix.span());
        }
        if (expr instanceof Expr.ListLit l) {
            List<Lowered> items = new ArrayList<>();
            List<SourceSpan> spans = new ArrayList<>();
            for (Expr item : l.items()) {
                items.add(lower(item));
                spans.add(item.span());
            }
            return new Lowered.ListOf(items, spans);
        }
        if (expr instanceof Expr.Tuple t) {
            List<Lowered> items = new ArrayList<>();
            List<SourceSpan> spans = new ArrayList<>();
            for (Expr item : t.items()) {
                items.add(lower(item));
                spans.add(item.span());
            }
            return new Lowered.Tuple(items, spans);
        }
        Expr.Range r = (Expr.Range) expr;
        return emitter.error(r.span(), "a range a:b:c can only be a slice index");
    }

    private Lowered name(Expr.Name n) {
        Optional<Scope.Binding> b = scope.lookup(n.name());
        if (b.isPresent()) {
            return b.get().value;
        }
        if (scope.isDim(n.name())) {
            return new Lowered.Dim(DimExpr.sym(n.name()));
        }
        Double constant = CONSTANTS.get(n.name());
        if (constant != null) {
            return new Lowered.Number(constant, false);
        }
        List<String> known = new ArrayList<>(scope.candidates());
        known.addAll(CONSTANTS.keySet());
        return emitter.error(n.span(), "unknown name '" + n.name() + "'" + Suggest.hint(n.name(), known));
    }

    private Lowered binary(Expr.Binary b) {
        Operand left = operand(b.left());
        Operand right = operand(b.right());
        if (b.op() == BinaryOperator.MATMUL) {
            return shapes.matmul(left, right, b.span());
        }
        return elementwise.binary(binaryFn(b.op()), left, right, b.op().spelling(), b.span());
    }

    private static BinaryFn binaryFn(BinaryOperator op) {
        switch (op) {
            case ADD: return BinaryFn.ADD;
            case SUB: return BinaryFn.SUB;
            case MUL: return BinaryFn.MUL;
            case DIV: return BinaryFn.DIV;
            case MOD: return BinaryFn.MOD;
            case POW: return BinaryFn.POW;
            case EQ: return BinaryFn.EQ;
            case NE: return BinaryFn.NE;
            case LT: return BinaryFn.LT;
            case LE: return BinaryFn.LE;
            case GT: return BinaryFn.GT;
            case GE: return BinaryFn.GE;
            case AND: return BinaryFn.AND;
            case OR: return BinaryFn.OR;
            default: throw new IllegalArgumentException(op.toString());
        }
    }

    private Lowered call(Expr.Call c) {
        Optional<Lowered> fn = fns.call(c, this);
        if (fn.isPresent()) {
            return fn.get();
        }
        Optional<Lowered> builtin = Builtins.call(c, this);
        if (builtin.isPresent()) {
            return builtin.get();
        }
        return emitter.error(c.calleeSpan(), "unknown function '" + c.callee() + "'"
                + Suggest.hint(c.callee(), Builtins.names()));
    }

    Optional<DType> dtype(String name, SourceSpan span) {
        Optional<DType> d = DType.fromSpelling(name);
        if (d.isEmpty()) {
            emitter.error(span, "unknown dtype '" + name + "'; expected f32, f16, bf16, i32 or bool");
        }
        return d;
    }

    /**
     * Lowers an expression that must be a compile-time integer: literals, dims and lets bound to
     * them, with + - * and / (floor division, as in types).
     */
    Optional<DimExpr> dim(Expr expr) {
        if (expr instanceof Expr.Binary b && b.op() == BinaryOperator.DIV) {
            Optional<DimExpr> num = dim(b.left());
            Optional<DimExpr> den = dim(b.right());
            if (num.isEmpty() || den.isEmpty()) {
                return Optional.empty();
            }
            if (!den.get().isConstant() || den.get().constant() <= 0) {
                emitter.error(b.right().span(), "a dimension can only be divided by a positive integer, found "
                        + den.get());
                return Optional.empty();
            }
            return Optional.of(num.get().floorDiv(den.get().constant()));
        }
        if (expr instanceof Expr.Binary b && (b.op() == BinaryOperator.ADD || b.op() == BinaryOperator.SUB
                || b.op() == BinaryOperator.MUL)) {
            Optional<DimExpr> l = dim(b.left());
            Optional<DimExpr> r = dim(b.right());
            if (l.isEmpty() || r.isEmpty()) {
                return Optional.empty();
            }
            switch (b.op()) {
                case ADD: return Optional.of(l.get().plus(r.get()));
                case SUB: return Optional.of(l.get().minus(r.get()));
                default: return Optional.of(l.get().times(r.get()));
            }
        }
        if (expr instanceof Expr.Unary u && u.op() == dev.tmc.compiler.ast.UnaryOperator.NEG) {
            return dim(u.operand()).map(DimExpr::negate);
        }
        Lowered v = lower(expr);
        if (v instanceof Lowered.Invalid) {
            return Optional.empty();
        }
        Optional<DimExpr> d = Lowered.asDim(v);
        if (d.isEmpty()) {
            emitter.error(expr.span(), "expected an integer known at compile time (a literal or a dimension),"
                    + " found " + Lowered.describe(v));
        }
        return d;
    }

    /** A compile-time integer that cannot depend on dims, such as an axis. */
    Optional<Long> integer(Expr expr, String what) {
        Lowered v = lower(expr);
        if (v instanceof Lowered.Invalid) {
            return Optional.empty();
        }
        Optional<DimExpr> d = Lowered.asDim(v);
        if (d.isEmpty() || !d.get().isConstant()) {
            emitter.error(expr.span(), what + " must be an integer literal, found " + Lowered.describe(v));
            return Optional.empty();
        }
        return Optional.of(d.get().constant());
    }

    /** An integer or a list of integers, e.g. an axis argument. */
    Optional<List<Long>> integers(Expr expr, String what) {
        Lowered v = lower(expr);
        if (v instanceof Lowered.ListOf list) {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                Optional<DimExpr> d = Lowered.asDim(list.items().get(i));
                if (d.isEmpty() || !d.get().isConstant()) {
                    emitter.error(list.spans().get(i), what + " must be integer literals, found "
                            + Lowered.describe(list.items().get(i)));
                    return Optional.empty();
                }
                out.add(d.get().constant());
            }
            return Optional.of(out);
        }
        if (v instanceof Lowered.Invalid) {
            return Optional.empty();
        }
        Optional<DimExpr> d = Lowered.asDim(v);
        if (d.isEmpty() || !d.get().isConstant()) {
            emitter.error(expr.span(), what + " must be an integer or a list of integers, found "
                    + Lowered.describe(v));
            return Optional.empty();
        }
        return Optional.of(List.of(d.get().constant()));
    }

    Optional<Boolean> bool(Expr expr, String what) {
        Lowered v = lower(expr);
        if (v instanceof Lowered.Bool b) {
            return Optional.of(b.value());
        }
        if (!(v instanceof Lowered.Invalid)) {
            emitter.error(expr.span(), what + " must be true or false, found " + Lowered.describe(v));
        }
        return Optional.empty();
    }
}
