// What an expression lowers to: an IR value, or a compile-time value that has no IR yet.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.source.SourceSpan;

import java.util.List;
import java.util.Optional;

sealed interface Lowered {

    /** An IR value; weak values are rank 0 and adapt their dtype to the other operand. */
    record Value(int id, TensorType type, boolean weak) implements Lowered {
    }

    /** A numeric literal or arithmetic on literals, folded in f64 as Python folds its scalars. */
    record Number(double value, boolean integral) implements Lowered {
    }

    record Bool(boolean value) implements Lowered {
    }

    /** A symbolic integer known at compile time up to the dims, e.g. {@code N - 1}. */
    record Dim(DimExpr expr) implements Lowered {
    }

    /** {@code [a, b]}: axes, permutations and shapes. */
    record ListOf(List<Lowered> items, List<SourceSpan> spans) implements Lowered {
    }

    /** {@code (a, b)}: the values of a multi-output return. */
    record Tuple(List<Lowered> items, List<SourceSpan> spans) implements Lowered {
    }

    /** {@code a:b:c} with each part lowered as a dim, absent when omitted. */
    record Range(Optional<DimExpr> start, Optional<DimExpr> stop, Optional<Long> step) implements Lowered {
    }

    /** Stands in after an error was reported, so one mistake gives one message. */
    record Invalid() implements Lowered {
    }

    Invalid INVALID = new Invalid();

    /** The value as a compile-time integer (literal or dim expression), if it is one. */
    static Optional<DimExpr> asDim(Lowered v) {
        if (v instanceof Number n && n.integral()) {
            return Optional.of(DimExpr.of((long) n.value()));
        }
        if (v instanceof Dim d) {
            return Optional.of(d.expr());
        }
        return Optional.empty();
    }

    static String describe(Lowered v) {
        if (v instanceof Value val) {
            return val.weak() ? "a " + val.type().dtype().spelling() + " literal value" : val.type().toString();
        }
        if (v instanceof Number n) {
            return n.integral() ? "an integer literal" : "a float literal";
        }
        if (v instanceof Bool) {
            return "a bool literal";
        }
        if (v instanceof Dim) {
            return "a dimension";
        }
        if (v instanceof ListOf) {
            return "a list";
        }
        if (v instanceof Tuple) {
            return "a tuple";
        }
        if (v instanceof Range) {
            return "a range";
        }
        return "an invalid value";
    }
}
