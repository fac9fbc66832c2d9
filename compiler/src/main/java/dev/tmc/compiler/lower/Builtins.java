// The builtin functions of the language: their parameters and how each lowers to graph IR.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ast.Expr;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.source.SourceSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

final class Builtins {
    private Builtins() {
    }

    private interface Lowering {
        Lowered lower(ArgBinder.Bound args, Expr.Call call, ExprLowering l);
    }

    private record Builtin(List<ArgBinder.ParamSpec> params, Lowering lowering) {
    }

    private static final Map<String, Builtin> TABLE = table();

    private static Map<String, Builtin> table() {
        Map<String, Builtin> t = new TreeMap<>();
        for (UnaryFn fn : UnaryFn.values()) {
            UnaryFn.builtin(fn.spelling()).ifPresent(f -> t.put(f.spelling(), new Builtin(ArgBinder.specs("x"),
                    (a, c, l) -> l.elementwise.unary(f, operand(a, "x", l), f.spelling(), c.span()))));
        }
        t.put("min", new Builtin(ArgBinder.specs("x", "y?", "axis?", "keepdims?"),
                (a, c, l) -> minMax(BinaryFn.MIN, ReduceFn.MIN, a, c, l)));
        t.put("max", new Builtin(ArgBinder.specs("x", "y?", "axis?", "keepdims?"),
                (a, c, l) -> minMax(BinaryFn.MAX, ReduceFn.MAX, a, c, l)));
        for (ReduceFn fn : List.of(ReduceFn.SUM, ReduceFn.MEAN, ReduceFn.PROD, ReduceFn.ARGMAX, ReduceFn.ARGMIN)) {
            t.put(fn.spelling(), new Builtin(ArgBinder.specs("x", "axis?", "keepdims?"),
                    (a, c, l) -> reduce(fn, a, c, l)));
        }
        t.put("clamp", new Builtin(ArgBinder.specs("x", "lo", "hi"), (a, c, l) -> {
            Lowered low = l.elementwise.binary(BinaryFn.MAX, operand(a, "x", l), operand(a, "lo", l), "clamp", c.span());
            return l.elementwise.binary(BinaryFn.MIN, new Operand(low, c.span()), operand(a, "hi", l), "clamp", c.span());
        }));
        t.put("where", new Builtin(ArgBinder.specs("cond", "a", "b"),
                (a, c, l) -> l.elementwise.select(operand(a, "cond", l), operand(a, "a", l), operand(a, "b", l), c.span())));
        t.put("matmul", new Builtin(ArgBinder.specs("a", "b"),
                (a, c, l) -> l.shapes.matmul(operand(a, "a", l), operand(a, "b", l), c.span())));
        t.put("transpose", new Builtin(ArgBinder.specs("x", "*axes"), Builtins::transpose));
        t.put("reshape", new Builtin(ArgBinder.specs("x", "*shape"), (a, c, l) -> {
            Optional<List<DimExpr>> dims = dims(a.rest(), c, l);
            return dims.isEmpty() ? Lowered.INVALID
                    : l.shapes.reshape(operand(a, "x", l), dims.get(), spans(a.rest(), c), c.span());
        }));
        t.put("broadcast", new Builtin(ArgBinder.specs("x", "*shape"), (a, c, l) -> {
            Optional<List<DimExpr>> dims = dims(a.rest(), c, l);
            return dims.isEmpty() ? Lowered.INVALID : l.shapes.broadcastTo(operand(a, "x", l), dims.get(), c.span());
        }));
        t.put("slice", new Builtin(ArgBinder.specs("x", "*ranges"),
                (a, c, l) -> l.shapes.slice(operand(a, "x", l), sliceSpecs(a.rest(), l), c.span())));
        t.put("concat", new Builtin(ArgBinder.specs("*tensors", "axis?"), (a, c, l) -> {
            List<Operand> parts = new ArrayList<>();
            a.rest().forEach(e -> parts.add(l.operand(e)));
            Optional<Expr> axisArg = a.get("axis");
            Optional<Long> axis = axisArg.isPresent() ? l.integer(axisArg.get(), "the axis of concat") : Optional.of(0L);
            return axis.isEmpty() ? Lowered.INVALID
                    : l.shapes.concat(parts, axis.get(), axisArg.map(Expr::span).orElse(c.span()), c.span());
        }));
        t.put("arange", new Builtin(ArgBinder.specs("n"), (a, c, l) -> {
            Optional<DimExpr> n = l.dim(a.get("n").orElseThrow());
            return n.isEmpty() ? Lowered.INVALID : l.shapes.arange(n.get(), c.span());
        }));
        return t;
    }

    static TreeSet<String> names() {
        return new TreeSet<>(TABLE.keySet());
    }

    static boolean exists(String name) {
        return TABLE.containsKey(name);
    }

    static Optional<Lowered> call(Expr.Call call, ExprLowering l) {
        Builtin b = TABLE.get(call.callee());
        if (b == null) {
            return Optional.empty();
        }
        Optional<ArgBinder.Bound> args = ArgBinder.bind(call.callee(), b.params(), call.args(),
                l.emitter.diagnostics, call.span());
        if (args.isEmpty()) {
            return Optional.of(Lowered.INVALID);
        }
        return Optional.of(b.lowering().lower(args.get(), call, l));
    }

    private static Operand operand(ArgBinder.Bound a, String name, ExprLowering l) {
        return l.operand(a.get(name).orElseThrow());
    }

    /** min/max: elementwise with two operands, a reduction with one. */
    private static Lowered minMax(BinaryFn fn, ReduceFn reduce, ArgBinder.Bound a, Expr.Call c, ExprLowering l) {
        Optional<Expr> y = a.get("y");
        if (y.isEmpty()) {
            return reduce(reduce, a, c, l);
        }
        for (String option : List.of("axis", "keepdims")) {
            if (a.get(option).isPresent()) {
                return l.emitter.error(a.get(option).get().span(), c.callee() + " of two operands is elementwise and"
                        + " takes no " + option);
            }
        }
        return l.elementwise.binary(fn, operand(a, "x", l), l.operand(y.get()), c.callee(), c.span());
    }

    private static Lowered reduce(ReduceFn fn, ArgBinder.Bound a, Expr.Call c, ExprLowering l) {
        Operand x = operand(a, "x", l);
        Optional<List<Long>> axes = Optional.empty();
        SourceSpan axesSpan = c.span();
        if (a.get("axis").isPresent()) {
            axesSpan = a.get("axis").get().span();
            axes = l.integers(a.get("axis").get(), "the axis of " + fn.spelling());
            if (axes.isEmpty()) {
                return Lowered.INVALID;
            }
        }
        boolean keepDims = false;
        if (a.get("keepdims").isPresent()) {
            Optional<Boolean> k = l.bool(a.get("keepdims").get(), "keepdims");
            if (k.isEmpty()) {
                return Lowered.INVALID;
            }
            keepDims = k.get();
        }
        return l.shapes.reduce(fn, x, axes, keepDims, axesSpan, c.span());
    }

    private static Lowered transpose(ArgBinder.Bound a, Expr.Call c, ExprLowering l) {
        Operand x = operand(a, "x", l);
        List<Expr> rest = a.rest();
        if (rest.isEmpty()) {
            return l.shapes.transpose(x, Optional.empty(), c.span(), c.span());
        }
        List<Long> perm = new ArrayList<>();
        for (Expr e : flatten(rest)) {
            Optional<Long> axis = l.integer(e, "the axes of transpose");
            if (axis.isEmpty()) {
                return Lowered.INVALID;
            }
            perm.add(axis.get());
        }
        SourceSpan permSpan = rest.get(0).span().to(rest.get(rest.size() - 1).span());
        return l.shapes.transpose(x, Optional.of(perm), permSpan, c.span());
    }

    /** Variadic shape arguments, or a single list literal holding them. */
    private static List<Expr> flatten(List<Expr> rest) {
        if (rest.size() == 1 && rest.get(0) instanceof Expr.ListLit list) {
            return list.items();
        }
        return rest;
    }

    private static Optional<List<DimExpr>> dims(List<Expr> rest, Expr.Call c, ExprLowering l) {
        List<DimExpr> out = new ArrayList<>();
        for (Expr e : flatten(rest)) {
            Optional<DimExpr> d = l.dim(e);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            out.add(d.get());
        }
        return Optional.of(out);
    }

    private static List<SourceSpan> spans(List<Expr> rest, Expr.Call c) {
        return flatten(rest).stream().map(Expr::span).toList();
    }

    /** Slice arguments: ranges a:b:c, or single indices that drop their axis. */
    static List<ShapeOps.SliceSpec> sliceSpecs(List<Expr> args, ExprLowering l) {
        List<ShapeOps.SliceSpec> specs = new ArrayList<>();
        for (Expr e : args) {
            if (e instanceof Expr.Range r) {
                Optional<DimExpr> start = r.start().flatMap(l::dim);
                Optional<DimExpr> stop = r.stop().flatMap(l::dim);
                Optional<Long> step = r.step().isPresent() ? l.integer(r.step().get(), "a slice step") : Optional.of(1L);
                specs.add(new ShapeOps.SliceSpec(start, stop, step.orElse(1L), false, r.span()));
            } else {
                specs.add(new ShapeOps.SliceSpec(l.dim(e), Optional.empty(), 1, true, e.span()));
            }
        }
        return specs;
    }
}
