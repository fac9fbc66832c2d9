// Generates fns written in the program itself: expression fns and block fns whose bodies are
// generated like pipeline bodies (without dim names), and fns with compile-time parameters
// (axis, keepdims) passed through to a reduction or a prelude fn.
package dev.tmc.compiler.testing;

import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.tmc.compiler.testing.Construct.*;

final class UserFns {
    private UserFns() {
    }

    /** How deep fns may call fns. */
    private static final int MAX_DEPTH = 2;

    static Optional<Val> call(BodyGen g) {
        if (g.depth >= MAX_DEPTH || !g.allowed(USER_FN)) {
            return Optional.empty();
        }
        if (g.chance(0.3)) {
            Optional<Val> again = callAgain(g);
            if (again.isPresent()) {
                return again;
            }
        }
        return g.chance(0.35) && g.allowed(USER_FN_COMPILE_TIME_ARG) ? axisFn(g) : expressionFn(g);
    }

    /** Calls a fn this pipeline already has, with pool values of the types it was written for. */
    private static Optional<Val> callAgain(BodyGen g) {
        for (FileState.UserFn fn : g.file.fns) {
            if (fn.pipeline() != g.pipe) {
                continue;
            }
            List<Val> args = new ArrayList<>();
            for (Ty t : fn.argTypes()) {
                g.pool.stream().filter(v -> v.named() && !v.weak() && v.ty().equals(t)).findFirst().ifPresent(args::add);
            }
            if (args.size() == fn.argTypes().size()) {
                Val v = fn.call(g, args);
                if (v != null) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    /** A fn whose body is generated from its parameters, typed for the arguments at hand. */
    private record ExpressionFn(String name, PipelineState pipeline, List<Ty> argTypes, List<Boolean> argExact,
                                Val result, Set<Construct> uses) implements FileState.UserFn {
        @Override
        public Val call(BodyGen g, List<Val> args) {
            for (int i = 0; i < args.size(); i++) {
                if (argExact.get(i) && !args.get(i).exact()) {
                    return null; // the body may decide on this argument; only exact ones may be fed
                }
            }
            EnumSet<Construct> all = Val.copy(uses);
            args.forEach(a -> all.addAll(a.uses()));
            boolean exact = result.exact() && args.stream().allMatch(Val::exact);
            return new Val(name + "(" + CallOps.join(args) + ")", result.ty(), result.weak(), false, false, exact, all);
        }
    }

    private static Optional<Val> expressionFn(BodyGen g) {
        List<Val> args = new ArrayList<>();
        args.add(g.take(v -> !v.weak()).orElseThrow());
        if (g.chance(0.5)) {
            g.take(v -> !v.weak()).ifPresent(args::add);
        }
        String name = g.file.freshFnName();
        BodyGen inner = new BodyGen(g.file, g.pipe, false, false, g.depth + 1);
        List<String> params = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            params.add("x" + i);
            inner.pool.add(Val.name("x" + i, args.get(i).ty(), args.get(i).exact(), Set.of()));
        }
        Val result = inner.run(g.between(1, 3), 0.3);
        EnumSet<Construct> uses = Val.copy(result.uses());
        uses.addAll(inner.letUses);
        uses.add(USER_FN);
        String head = "fn " + name + "(" + String.join(", ", params) + ")";
        if (inner.lets.isEmpty() && g.chance(0.8)) {
            g.file.fnDecls.add(head + " = " + result.text() + ";");
        } else {
            StringBuilder body = new StringBuilder(head).append(" {\n");
            inner.lets.forEach(l -> body.append("  ").append(l).append('\n'));
            body.append("  return ").append(result.text()).append(";\n}");
            g.file.fnDecls.add(body.toString());
            uses.add(USER_FN_BLOCK);
        }
        ExpressionFn fn = new ExpressionFn(name, g.pipe, args.stream().map(Val::ty).toList(),
                args.stream().map(Val::exact).toList(), result, uses);
        g.file.fns.add(fn);
        return Optional.of(fn.call(g, args));
    }

    /**
     * A fn with compile-time parameters: {@code fn u(x0, axis = -1, keep = false) = sum(t, axis =
     * axis, keepdims = keep);} where t is an elementwise function of x0.
     */
    private record AxisFn(String name, PipelineState pipeline, List<Ty> argTypes, Val inner, String op,
                          int defaultAxis, boolean hasKeep) implements FileState.UserFn {
        @Override
        public Val call(BodyGen g, List<Val> args) {
            Val x = args.get(0);
            if (inner.exact() && !x.exact()) {
                return null;
            }
            int rank = x.rank();
            int axis = g.chance(0.4) ? defaultAxis : g.below(rank) - (g.chance(0.3) ? rank : 0);
            boolean keep = hasKeep && g.chance(0.4);
            String text = name + "(" + x.text();
            if (axis != defaultAxis) {
                text += g.chance(0.5) ? ", " + axis : ", axis = " + axis;
            }
            if (keep) {
                text += ", keep = true";
            }
            int normalized = axis < 0 ? axis + rank : axis;
            Val typed = typeOf(g, Set.of(normalized), keep);
            if (typed == null) {
                return null;
            }
            EnumSet<Construct> all = Val.copy(typed.uses());
            all.addAll(x.uses());
            all.add(USER_FN);
            all.add(USER_FN_COMPILE_TIME_ARG);
            return new Val(text + ")", typed.ty(), false, false, false, typed.exact() && x.exact(), all);
        }

        private Val typeOf(BodyGen g, Set<Integer> axes, boolean keep) {
            Ty t = inner.ty();
            switch (op) {
                case "softmax":
                    return Val.of("", t.withDType(PromotionTable.floating(t.dtype())), false, false, SOFTMAX, inner);
                case "argmax":
                    return g.decides(inner) ? Val.of("", new Ty(DType.I32, Shapes.reduced(t.shape(), axes, false)),
                            false, true, ARGMAX, inner) : null;
                case "logsumexp":
                    return Val.of("", new Ty(PromotionTable.floating(t.dtype()), Shapes.reduced(t.shape(), axes, keep)),
                            false, false, LOGSUMEXP, inner);
                default:
                    return ReduceOps.reduction(g, op, inner, new ReduceOps.Axes("0", axes, Set.of(AXIS_INT)), keep,
                            false).orElse(null);
            }
        }
    }

    private static Optional<Val> axisFn(BodyGen g) {
        Optional<Val> x = g.take(v -> !v.weak() && v.rank() > 0 && v.dtype() != DType.BOOL);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        BodyGen inner = new BodyGen(g.file, g.pipe, false, false, g.depth + 1);
        Val param = Val.name("x0", x.get().ty(), x.get().exact(), Set.of());
        Optional<Val> t = g.chance(0.5)
                ? ElementwiseOps.unary(inner, g.oneOf("exp", "abs", "tanh", "sqrt", "sin"), param)
                : ElementwiseOps.binary(inner, "*", MUL, param, ElementwiseOps.literal(inner));
        String op = g.oneOf("sum", "max", "mean", "softmax", "logsumexp", "argmax");
        Construct opUse = List.of(SUM, MAX, MEAN, SOFTMAX, LOGSUMEXP, ARGMAX)
                .get(List.of("sum", "max", "mean", "softmax", "logsumexp", "argmax").indexOf(op));
        if (t.isEmpty() || !g.allowed(opUse) || !g.allowed(AXIS_INT)) {
            return Optional.empty();
        }
        boolean hasKeep = !op.equals("softmax") && !op.equals("argmax");
        int defaultAxis = g.chance(0.5) ? -1 : 0;
        String name = g.file.freshFnName();
        String keepParam = hasKeep ? ", keep = false" : "";
        String keepArg = hasKeep ? ", keepdims = keep" : "";
        AxisFn fn = new AxisFn(name, g.pipe, List.of(x.get().ty()), t.get(), op, defaultAxis, hasKeep);
        Val call = fn.call(g, List.of(x.get()));
        if (call == null) {
            return Optional.empty();
        }
        g.file.fnDecls.add("fn " + name + "(x0, axis = " + defaultAxis + keepParam + ") = " + op + "(" + t.get().text()
                + ", axis = axis" + keepArg + ");");
        g.file.fns.add(fn);
        return Optional.of(call);
    }
}
