// Generates elementwise constructs: operators, math builtins, min/max/clamp, where, casts and
// literals, typing each result as docs/language.md says (promotion, weak literals, broadcasting).
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.tmc.compiler.testing.Construct.*;

final class ElementwiseOps {
    private ElementwiseOps() {
    }

    private static final List<String> ARITHMETIC = List.of("+", "-", "*", "/", "%");
    private static final List<Construct> ARITHMETIC_USES = List.of(ADD, SUB, MUL, DIV, MOD);
    private static final List<String> COMPARISONS = List.of("==", "!=", "<", "<=", ">", ">=");
    private static final List<Construct> COMPARISON_USES = List.of(EQ, NE, LT, LE, GT, GE);
    private static final List<String> MATH = List.of("exp", "exp2", "log", "log2", "log1p", "sqrt", "rsqrt",
            "sin", "cos", "tanh", "sigmoid", "erf", "abs", "sign", "floor", "ceil", "round");
    private static final List<Construct> MATH_USES = List.of(EXP, EXP2, LOG, LOG2, LOG1P, SQRT, RSQRT, SIN, COS,
            TANH, SIGMOID, ERF, ABS, SIGN, FLOOR, CEIL, ROUND);
    /** Functions defined only for positive (or > -1) arguments. */
    private static final Set<String> DOMAIN = Set.of("log", "log2", "log1p", "sqrt", "rsqrt");
    /** Functions that keep the dtype (the rest turn integers into f32). */
    private static final Set<String> KEEP_DTYPE = Set.of("abs", "sign", "floor", "ceil", "round");
    /** Functions whose result jumps: a tiny change of the operand can change the result a lot. */
    private static final Set<String> STEPS = Set.of("sign", "floor", "ceil", "round");

    // ---- steps

    static Optional<Val> arithmetic(BodyGen g) {
        int i = g.weighted(4, 4, 4, 2, 1);
        Val a = g.anyValue();
        Val b = partner(g, a);
        return g.chance(0.3) ? binary(g, ARITHMETIC.get(i), ARITHMETIC_USES.get(i), b, a)
                : binary(g, ARITHMETIC.get(i), ARITHMETIC_USES.get(i), a, b);
    }

    static Optional<Val> compare(BodyGen g) {
        Val a = g.anyValue();
        Val b = partner(g, a);
        int i = g.below(COMPARISONS.size());
        return g.chance(0.3) ? comparison(g, i, b, a) : comparison(g, i, a, b);
    }

    static Optional<Val> logical(BodyGen g) {
        Construct c = g.chance(0.5) ? AND : OR;
        Optional<Val> a = boolValue(g);
        if (a.isEmpty() || !g.allowed(c)) {
            return Optional.empty();
        }
        Optional<Val> b = g.chance(0.15) && g.allowed(BOOL_LITERAL)
                ? Optional.of(Val.literal(g.chance(0.5) ? "true" : "false", DType.BOOL, BOOL_LITERAL))
                : boolPartner(g, a.get());
        if (b.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<DimExpr>> shape = Shapes.broadcast(a.get().ty().shape(), b.get().ty().shape());
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        Val v = Val.of("(" + a.get().text() + (c == AND ? " && " : " || ") + b.get().text() + ")",
                new Ty(DType.BOOL, shape.get()), false, a.get().exact() && b.get().exact(), c, a.get(), b.get());
        return Optional.of(annotate(v, a.get(), b.get()));
    }

    static Optional<Val> negateOrNot(BodyGen g) {
        if (g.chance(0.5)) {
            return boolValue(g).filter(b -> g.allowed(NOT)).map(b -> Val.of("(!" + b.text() + ")", b.ty(), false,
                    b.exact(), NOT, b));
        }
        return g.allowed(NEG) ? Optional.of(negate(numeric(g))) : Optional.empty();
    }

    static Optional<Val> math(BodyGen g) {
        return unary(g, g.oneOf(MATH), numeric(g));
    }

    static Optional<Val> pow(BodyGen g) {
        Val x = numeric(g);
        if (g.chance(0.6)) {
            return binary(g, "**", POW_INT, x, Val.literal(g.chance(0.6) ? "2" : "3", DType.I32, INT_LITERAL));
        }
        return unary(g, "abs", x).flatMap(a -> binary(g, "**", POW_HALF, a,
                Val.literal("0.5", DType.F32, FLOAT_LITERAL)));
    }

    static Optional<Val> minMax(BodyGen g) {
        Construct c = g.chance(0.5) ? MIN2 : MAX2;
        Val a = g.anyValue();
        Val b = g.chance(0.05) && g.allowed(NAMED_CONSTANT)
                ? Val.literal(c == MIN2 ? "inf" : "(-inf)", DType.F32, NAMED_CONSTANT) : partner(g, a);
        return g.chance(0.3) ? minMax(g, c, b, a) : minMax(g, c, a, b);
    }

    static Optional<Val> clamp(BodyGen g) {
        Val x = numeric(g);
        Val lo;
        Val hi;
        if (g.chance(0.8)) {
            boolean floats = g.chance(0.5);
            lo = Val.literal(floats ? "(-0.5)" : "(-1)", floats ? DType.F32 : DType.I32, floats ? FLOAT_LITERAL
                    : INT_LITERAL);
            hi = Val.literal(floats ? "1.5" : "2", floats ? DType.F32 : DType.I32, floats ? FLOAT_LITERAL
                    : INT_LITERAL);
        } else {
            lo = partner(g, x);
            hi = partner(g, x);
        }
        Optional<Val> low = minMax(g, MAX2, x, lo);
        if (low.isEmpty() || !g.allowed(CLAMP)) {
            return Optional.empty();
        }
        Optional<Val> typed = minMax(g, MIN2, low.get(), hi);
        return typed.map(t -> Val.of("clamp(" + x.text() + ", " + lo.text() + ", " + hi.text() + ")", t.ty(),
                t.weak(), t.exact(), CLAMP, x, lo, hi));
    }

    static Optional<Val> where(BodyGen g) {
        Val a = g.anyValue();
        Optional<Val> c = boolPartner(g, a);
        if (c.isEmpty() || !g.allowed(WHERE)) {
            return Optional.empty();
        }
        Val b = partner(g, a);
        if (g.chance(0.1)) {
            a = literal(g);
        }
        if (g.chance(0.5)) {
            Val t = a;
            a = b;
            b = t;
        }
        Optional<List<DimExpr>> shape = Shapes.broadcast(List.of(c.get().ty().shape(), a.ty().shape(),
                b.ty().shape()));
        if (shape.isEmpty() || !g.fits(new Ty(DType.F32, shape.get()))) {
            return Optional.empty();
        }
        PromotionTable.Kind k = PromotionTable.promote(a.kind(), b.kind());
        Ty t = new Ty(k.dtype(), shape.get());
        Val v = Val.of("where(" + c.get().text() + ", " + a.text() + ", " + b.text() + ")", t,
                k.weak() && t.rank() == 0, a.exact() && b.exact() && c.get().exact(), WHERE, c.get(), a, b);
        return Optional.of(annotate(v, a, b));
    }

    static Optional<Val> cast(BodyGen g) {
        Val x = g.anyValue();
        DType to = Synth.randomDType(g, d -> d != x.dtype() || g.chance(0.1));
        if (x.dtype().isFloat() && !to.isFloat() && !g.decides(x)) {
            return Optional.empty();
        }
        return g.allowed(CAST) ? Optional.of(castTo(x, to)) : Optional.empty();
    }

    // ---- typed builders

    static Val castTo(Val x, DType to) {
        return Val.of("(" + x.text() + " as " + to.spelling() + ")", x.ty().withDType(to), false, x.exact(), CAST, x);
    }

    static Val negate(Val x) {
        return Val.of("(-" + x.text() + ")", x.ty(), x.weak() && x.rank() == 0, x.exact(), NEG, x);
    }

    /** {@code a op b} for an arithmetic operator (+ - * / % **); bool operands are cast to i32 first. */
    static Optional<Val> binary(BodyGen g, String op, Construct c, Val a, Val b) {
        if (!g.allowed(c)) {
            return Optional.empty();
        }
        if (PromotionTable.promote(a.kind(), b.kind()).dtype() == DType.BOOL) {
            a = castTo(a, DType.I32);
        }
        PromotionTable.Kind k = PromotionTable.promote(a.kind(), b.kind());
        if (op.equals("%") && !g.decides(a, b)) {
            return Optional.empty();
        }
        Optional<List<DimExpr>> shape = Shapes.broadcast(a.ty().shape(), b.ty().shape());
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        DType dtype = op.equals("/") && !k.dtype().isFloat() ? DType.F32 : k.dtype();
        Ty t = new Ty(dtype, shape.get());
        if (!g.fits(t)) {
            return Optional.empty();
        }
        boolean exact = a.exact() && b.exact() && !dtype.isFloat();
        Val v = Val.of("(" + a.text() + " " + op + " " + b.text() + ")", t, k.weak() && t.rank() == 0, exact, c,
                a, b);
        return Optional.of(annotate(v, a, b));
    }

    static Optional<Val> comparison(BodyGen g, int op, Val a, Val b) {
        Optional<List<DimExpr>> shape = Shapes.broadcast(a.ty().shape(), b.ty().shape());
        if (shape.isEmpty() || !g.decides(a, b) || !g.allowed(COMPARISON_USES.get(op))
                || !g.fits(new Ty(DType.BOOL, shape.get()))) {
            return Optional.empty();
        }
        Val v = Val.of("(" + a.text() + " " + COMPARISONS.get(op) + " " + b.text() + ")",
                new Ty(DType.BOOL, shape.get()), false, a.exact() && b.exact(), COMPARISON_USES.get(op), a, b);
        return Optional.of(annotate(v, a, b));
    }

    static Optional<Val> minMax(BodyGen g, Construct c, Val a, Val b) {
        Optional<List<DimExpr>> shape = Shapes.broadcast(a.ty().shape(), b.ty().shape());
        if (shape.isEmpty() || !g.allowed(c) || !g.fits(new Ty(DType.F32, shape.get()))) {
            return Optional.empty();
        }
        PromotionTable.Kind k = PromotionTable.promote(a.kind(), b.kind());
        Ty t = new Ty(k.dtype(), shape.get());
        Val v = Val.of((c == MIN2 ? "min(" : "max(") + a.text() + ", " + b.text() + ")", t,
                k.weak() && t.rank() == 0, a.exact() && b.exact(), c, a, b);
        return Optional.of(annotate(v, a, b));
    }

    /** {@code fn(x)} for an elementwise builtin; log, sqrt and friends get abs(x) + 1 unless unsafe. */
    static Optional<Val> unary(BodyGen g, String fn, Val x) {
        Construct c = MATH_USES.get(MATH.indexOf(fn));
        if (!g.allowed(c) || x.dtype() == DType.BOOL || STEPS.contains(fn) && !g.decides(x)) {
            return Optional.empty();
        }
        Construct unsafe = null;
        if (DOMAIN.contains(fn)) {
            if (g.chance(g.options.unsafeDomainRate()) && g.allowed(UNSAFE_DOMAIN)) {
                unsafe = UNSAFE_DOMAIN;
            } else {
                Optional<Val> safe = unary(g, "abs", x).flatMap(a -> binary(g, "+", ADD, a,
                        Val.literal("1", DType.I32, INT_LITERAL)));
                if (safe.isEmpty()) {
                    return Optional.empty();
                }
                x = safe.get();
            }
        }
        boolean keep = KEEP_DTYPE.contains(fn);
        DType dtype = keep ? x.dtype() : PromotionTable.floating(x.dtype());
        Val v = Val.of(fn + "(" + x.text() + ")", x.ty().withDType(dtype), x.weak() && x.rank() == 0,
                keep && x.exact(), c, x);
        return Optional.of(unsafe == null ? v : v.with(unsafe));
    }

    // ---- operands

    /** A second operand for an elementwise op with {@code a}: a literal, or a value that broadcasts. */
    static Val partner(BodyGen g, Val a) {
        if (g.chance(0.3)) {
            return literal(g);
        }
        return Synth.partner(g, a.ty().shape()).orElseGet(() -> literal(g));
    }

    static Val literal(BodyGen g) {
        int kind = g.weighted(45, 40, 8, 3);
        if (kind == 2 && g.dimsInScope && !g.pipe.boundSymbols().isEmpty() && g.allowed(DIM_VALUE)) {
            String d = g.oneOf(g.pipe.boundSymbols());
            if (g.chance(0.3) && g.allowed(RSQRT) && g.allowed(SQRT)) {
                boolean r = g.chance(0.5);
                // math on a dim is a weak f32 value at run time, not a compile-time literal
                return new Val((r ? "rsqrt(" : "sqrt(") + d + ")", Ty.scalar(DType.F32), true, false, false, false,
                        Set.of(DIM_VALUE, r ? RSQRT : SQRT));
            }
            return Val.literal(d, DType.I32, DIM_VALUE);
        }
        if (kind == 3 && g.allowed(NAMED_CONSTANT)) {
            return Val.literal("pi", DType.F32, NAMED_CONSTANT);
        }
        if (kind == 0 || !g.allowed(FLOAT_LITERAL)) {
            return Val.literal(g.oneOf("1", "2", "3", "0", "4", "5", "(-1)", "(-2)", "1_0"), DType.I32, INT_LITERAL);
        }
        return Val.literal(g.oneOf("0.5", "1.5", "2.0", "0.25", "3.0", "(-0.5)", "(-1.25)", "1e-3", "0.1",
                "2.5e-1", ".75", "4."), DType.F32, FLOAT_LITERAL);
    }

    static Val numeric(BodyGen g) {
        Optional<Val> v = g.chance(0.85) ? g.take(x -> x.dtype() != DType.BOOL) : Optional.empty();
        return v.orElseGet(() -> {
            Val x = g.anyValue();
            return x.dtype() == DType.BOOL ? castTo(x, g.chance(0.5) ? DType.I32 : DType.F32) : x;
        });
    }

    /** A bool value: from the pool, or a comparison made for the purpose. */
    static Optional<Val> boolValue(BodyGen g) {
        if (g.chance(0.6)) {
            Optional<Val> b = g.take(v -> v.dtype() == DType.BOOL);
            if (b.isPresent()) {
                return b;
            }
        }
        return compare(g);
    }

    /** A bool value that broadcasts with {@code a}. */
    static Optional<Val> boolPartner(BodyGen g, Val a) {
        Optional<Val> v = Synth.partner(g, a.ty().shape());
        if (v.isEmpty() || v.get().dtype() == DType.BOOL) {
            return v;
        }
        return comparison(g, g.below(COMPARISONS.size()), v.get(), literal(g));
    }

    /** Notes how a binary op broadcast and promoted its operands. */
    static Val annotate(Val v, Val a, Val b) {
        if (!a.literal() && !b.literal()) {
            if (a.rank() != b.rank()) {
                v = v.with(BROADCAST_RANK);
            }
            if (stretchesOne(a, v) || stretchesOne(b, v)) {
                v = v.with(BROADCAST_ONE);
            }
        }
        if (!a.weak() && !b.weak() && a.dtype().isFloat() && b.dtype().isFloat()
                && a.dtype() != b.dtype() && a.dtype() != DType.F32 && b.dtype() != DType.F32) {
            v = v.with(PROMOTE_F16_BF16);
        }
        if (a.weak() && !a.literal() || b.weak() && !b.literal()) {
            v = v.with(WEAK_RANK0);
        }
        return v;
    }

    private static boolean stretchesOne(Val operand, Val result) {
        List<DimExpr> s = operand.ty().shape();
        List<DimExpr> r = result.ty().shape();
        for (int i = 0; i < s.size(); i++) {
            if (Shapes.isOne(s.get(i)) && !Shapes.isOne(r.get(i + r.size() - s.size()))) {
                return true;
            }
        }
        return false;
    }
}
