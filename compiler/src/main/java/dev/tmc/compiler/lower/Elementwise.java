// Type rules and IR construction for elementwise operations: operators, math functions, where, casts.
// Literal-only arithmetic is folded in f64 here, as Python folds scalar arithmetic.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.OpSemantics;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.Optional;

final class Elementwise {
    private final Emitter e;

    Elementwise(Emitter emitter) {
        this.e = emitter;
    }

    Lowered binary(BinaryFn fn, Operand a, Operand b, String spelling, SourceSpan span) {
        if (a.isInvalid() || b.isInvalid()) {
            return Lowered.INVALID;
        }
        Optional<Promotion.Kind> ka = Emitter.kindOf(a.value());
        Optional<Promotion.Kind> kb = Emitter.kindOf(b.value());
        if (ka.isEmpty() || kb.isEmpty()) {
            Operand bad = ka.isEmpty() ? a : b;
            return e.error(bad.span(), "operator " + spelling + " cannot take " + Lowered.describe(bad.value()));
        }
        if (fn.kind() == BinaryFn.Kind.LOGICAL) {
            for (Operand o : List.of(a, b)) {
                if (Emitter.kindOf(o.value()).orElseThrow().dtype() != DType.BOOL) {
                    return e.error(o.span(), "operator " + spelling + " needs bool operands, found "
                            + Lowered.describe(o.value()));
                }
            }
        }
        Promotion.Kind kind = Promotion.promote(ka.get(), kb.get());
        if (fn.kind() == BinaryFn.Kind.ARITHMETIC && kind.dtype() == DType.BOOL
                && fn != BinaryFn.MIN && fn != BinaryFn.MAX) {
            return e.error(span, "arithmetic operator " + spelling + " on bool operands; cast them first,"
                    + " e.g. `x as i32`");
        }
        if (fn == BinaryFn.POW && !kind.dtype().isFloat()) {
            Optional<DimExpr> exponent = Lowered.asDim(b.value());
            if (exponent.isPresent() && exponent.get().isConstant() && exponent.get().constant() < 0) {
                return e.error(b.span(), "integer power with a negative exponent; use a float base, e.g. 2.0");
            }
        }
        if (Emitter.isCompileTime(a.value()) && Emitter.isCompileTime(b.value())) {
            Optional<Lowered> folded = Folding.binary(fn, a.value(), b.value());
            if (folded.isPresent()) {
                return folded.get();
            }
            if (fn == BinaryFn.MOD && Lowered.asDim(b.value()).filter(d -> d.isConstant() && d.constant() == 0)
                    .isPresent()) {
                return e.error(b.span(), "modulo by zero");
            }
        }
        DType compute = kind.dtype();
        boolean weak = kind.weak();
        if (fn == BinaryFn.DIV && !compute.isFloat()) {
            compute = DType.F32;
        }
        Optional<Shape> shape = e.broadcast(List.of(Emitter.shapeOf(a.value()), Emitter.shapeOf(b.value())),
                List.of(a.span(), b.span()), span);
        if (shape.isEmpty()) {
            return Lowered.INVALID;
        }
        int ia = e.materialize(a.value(), compute, a.span());
        int ib = e.materialize(b.value(), compute, b.span());
        DType result = fn.kind() == BinaryFn.Kind.ARITHMETIC ? compute : DType.BOOL;
        weak = weak && fn.kind() == BinaryFn.Kind.ARITHMETIC && shape.get().rank() == 0;
        int id = e.builder.add(new Op.Binary(fn), new TensorType(result, shape.get()), span, ia, ib);
        return e.value(id, weak);
    }

    Lowered unary(UnaryFn fn, Operand a, String spelling, SourceSpan span) {
        if (a.isInvalid()) {
            return Lowered.INVALID;
        }
        Optional<Promotion.Kind> k = Emitter.kindOf(a.value());
        if (k.isEmpty()) {
            return e.error(a.span(), spelling + " cannot take " + Lowered.describe(a.value()));
        }
        DType dtype = k.get().dtype();
        if (fn == UnaryFn.NOT) {
            if (dtype != DType.BOOL) {
                return e.error(a.span(), "operator ! needs a bool operand, found " + Lowered.describe(a.value()));
            }
        } else if (dtype == DType.BOOL) {
            return e.error(a.span(), spelling + " needs a number, found " + Lowered.describe(a.value())
                    + "; cast it first, e.g. `x as f32`");
        }
        if (Emitter.isCompileTime(a.value())) {
            Optional<Lowered> folded = Folding.unary(fn, a.value());
            if (folded.isPresent()) {
                return folded.get();
            }
        }
        if (!dtype.isFloat() && (fn == UnaryFn.FLOOR || fn == UnaryFn.CEIL || fn == UnaryFn.ROUND)) {
            return a.value();
        }
        DType compute = fn.isTranscendental() && !dtype.isFloat() ? DType.F32 : dtype;
        Lowered.Value v = e.materialize(a.value(), a.span());
        int in = e.materialize(v, compute, a.span());
        int id = e.builder.add(new Op.Unary(fn), new TensorType(compute, v.type().shape()), span, in);
        return e.value(id, k.get().weak() && v.type().rank() == 0);
    }

    /** where(cond, a, b): cond must be bool; a and b promote; all three broadcast. */
    Lowered select(Operand cond, Operand a, Operand b, SourceSpan span) {
        if (cond.isInvalid() || a.isInvalid() || b.isInvalid()) {
            return Lowered.INVALID;
        }
        Optional<Promotion.Kind> kc = Emitter.kindOf(cond.value());
        if (kc.isEmpty() || kc.get().dtype() != DType.BOOL) {
            return e.error(cond.span(), "the condition of where must be bool, found " + Lowered.describe(cond.value()));
        }
        Optional<Promotion.Kind> ka = Emitter.kindOf(a.value());
        Optional<Promotion.Kind> kb = Emitter.kindOf(b.value());
        if (ka.isEmpty() || kb.isEmpty()) {
            Operand bad = ka.isEmpty() ? a : b;
            return e.error(bad.span(), "where cannot take " + Lowered.describe(bad.value()));
        }
        Promotion.Kind kind = Promotion.promote(ka.get(), kb.get());
        if (cond.value() instanceof Lowered.Bool c && Emitter.isCompileTime(a.value())
                && Emitter.isCompileTime(b.value())) {
            return c.value() ? a.value() : b.value();
        }
        Optional<Shape> shape = e.broadcast(List.of(Emitter.shapeOf(cond.value()), Emitter.shapeOf(a.value()),
                Emitter.shapeOf(b.value())), List.of(cond.span(), a.span(), b.span()), span);
        if (shape.isEmpty()) {
            return Lowered.INVALID;
        }
        int ic = e.materialize(cond.value(), DType.BOOL, cond.span());
        int ia = e.materialize(a.value(), kind.dtype(), a.span());
        int ib = e.materialize(b.value(), kind.dtype(), b.span());
        int id = e.builder.add(new Op.Select(), new TensorType(kind.dtype(), shape.get()), span, ic, ia, ib);
        return e.value(id, kind.weak() && shape.get().rank() == 0);
    }

    /** {@code x as T}: any dtype to any dtype; the result is strongly typed. */
    Lowered cast(Operand a, DType to, SourceSpan span) {
        if (a.isInvalid()) {
            return Lowered.INVALID;
        }
        if (Emitter.kindOf(a.value()).isEmpty()) {
            return e.error(a.span(), "cannot cast " + Lowered.describe(a.value()) + " to " + to.spelling());
        }
        if (a.value() instanceof Lowered.Value v) {
            // Kept even to the value's own dtype: an explicit cast is a rounding point, and an f16
            // value computed in f64 (as the reference does) is not yet an f16 until it is rounded.
            int id = v.type().dtype() == to ? e.builder.add(new Op.Cast(), v.type(), span, v.id())
                    : e.cast(v.id(), to, span);
            return e.value(id, false);
        }
        return e.value(e.materialize(a.value(), to, span), false);
    }

    /** Literal-only arithmetic, folded exactly as the language defines it. */
    static final class Folding {
        private Folding() {
        }

        static Optional<Lowered> binary(BinaryFn fn, Lowered a, Lowered b) {
            if (a instanceof Lowered.Bool x && b instanceof Lowered.Bool y) {
                switch (fn) {
                    case AND: return Optional.of(new Lowered.Bool(x.value() && y.value()));
                    case OR: return Optional.of(new Lowered.Bool(x.value() || y.value()));
                    case EQ: return Optional.of(new Lowered.Bool(x.value() == y.value()));
                    case NE: return Optional.of(new Lowered.Bool(x.value() != y.value()));
                    default: return Optional.empty();
                }
            }
            Optional<DimExpr> da = Lowered.asDim(a);
            Optional<DimExpr> db = Lowered.asDim(b);
            boolean symbolic = a instanceof Lowered.Dim || b instanceof Lowered.Dim;
            if (da.isPresent() && db.isPresent() && symbolic
                    && !(da.get().isConstant() && db.get().isConstant())) {
                switch (fn) {
                    case ADD: return Optional.of(new Lowered.Dim(da.get().plus(db.get())));
                    case SUB: return Optional.of(new Lowered.Dim(da.get().minus(db.get())));
                    case MUL: return Optional.of(new Lowered.Dim(da.get().times(db.get())));
                    default: return Optional.empty();
                }
            }
            Optional<Double> x = number(a);
            Optional<Double> y = number(b);
            if (x.isEmpty() || y.isEmpty()) {
                return Optional.empty();
            }
            boolean integral = isIntegral(a) && isIntegral(b);
            return integral ? integerBinary(fn, x.get().longValue(), y.get().longValue())
                    : Optional.of(floatBinary(fn, x.get(), y.get()));
        }

        private static Optional<Lowered> integerBinary(BinaryFn fn, long x, long y) {
            try {
                switch (fn) {
                    case ADD: return integer(Math.addExact(x, y));
                    case SUB: return integer(Math.subtractExact(x, y));
                    case MUL: return integer(Math.multiplyExact(x, y));
                    case DIV: return Optional.of(new Lowered.Number((double) x / (double) y, false));
                    case MOD: return y == 0 ? Optional.empty() : integer(Math.floorMod(x, y));
                    case POW: return integer(power(x, y));
                    case MIN: return integer(Math.min(x, y));
                    case MAX: return integer(Math.max(x, y));
                    default: return Optional.of(compare(fn, x, y));
                }
            } catch (ArithmeticException overflow) {
                return Optional.of(floatBinary(fn, x, y));
            }
        }

        private static long power(long base, long exponent) {
            if (base == -1) {
                // The only base whose powers neither stick (0, 1) nor overflow within 64 steps.
                return (exponent & 1) == 0 ? 1 : -1;
            }
            long result = 1;
            for (long i = 0; i < exponent; i++) {
                result = Math.multiplyExact(result, base);
                if (result == 0 || result == 1 && base == 1) {
                    break;
                }
            }
            return result;
        }

        private static Lowered floatBinary(BinaryFn fn, double x, double y) {
            switch (fn) {
                case ADD: return new Lowered.Number(x + y, false);
                case SUB: return new Lowered.Number(x - y, false);
                case MUL: return new Lowered.Number(x * y, false);
                case DIV: return new Lowered.Number(x / y, false);
                case MOD: return new Lowered.Number(OpSemantics.floorMod(x, y), false);
                case POW: return new Lowered.Number(Math.pow(x, y), false);
                case MIN: return new Lowered.Number(OpSemantics.min(x, y), false);
                case MAX: return new Lowered.Number(OpSemantics.max(x, y), false);
                default: return compare(fn, x, y);
            }
        }

        private static Lowered compare(BinaryFn fn, double x, double y) {
            switch (fn) {
                case EQ: return new Lowered.Bool(x == y);
                case NE: return new Lowered.Bool(x != y);
                case LT: return new Lowered.Bool(x < y);
                case LE: return new Lowered.Bool(x <= y);
                case GT: return new Lowered.Bool(x > y);
                case GE: return new Lowered.Bool(x >= y);
                default: throw new IllegalArgumentException(fn.toString());
            }
        }

        static Optional<Lowered> unary(UnaryFn fn, Lowered a) {
            if (a instanceof Lowered.Bool b) {
                return fn == UnaryFn.NOT ? Optional.of(new Lowered.Bool(!b.value())) : Optional.empty();
            }
            if (a instanceof Lowered.Dim d && !d.expr().isConstant()) {
                return fn == UnaryFn.NEG ? Optional.of(new Lowered.Dim(d.expr().negate())) : Optional.empty();
            }
            Optional<Double> x = number(a);
            if (x.isEmpty()) {
                return Optional.empty();
            }
            double v = x.get();
            boolean integral = isIntegral(a);
            if (integral && !fn.isTranscendental()) {
                long n = (long) v;
                switch (fn) {
                    case NEG: return integer(-n);
                    case ABS: return integer(Math.abs(n));
                    case SIGN: return integer(Long.signum(n));
                    default: return integer(n);
                }
            }
            return Optional.of(new Lowered.Number(OpSemantics.unary(fn, v), false));
        }

        private static Optional<Lowered> integer(long v) {
            return Optional.of(new Lowered.Number(v, true));
        }

        private static Optional<Double> number(Lowered v) {
            if (v instanceof Lowered.Number n) {
                return Optional.of(n.value());
            }
            if (v instanceof Lowered.Bool b) {
                return Optional.of(b.value() ? 1.0 : 0.0);
            }
            if (v instanceof Lowered.Dim d && d.expr().isConstant()) {
                return Optional.of((double) d.expr().constant());
            }
            return Optional.empty();
        }

        private static boolean isIntegral(Lowered v) {
            return !(v instanceof Lowered.Number n) || n.integral();
        }
    }
}
