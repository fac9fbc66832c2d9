// Expressions of the .tm language as the parser saw them, each with its source span.
package dev.tmc.compiler.ast;

import dev.tmc.compiler.source.SourceSpan;

import java.util.List;
import java.util.Optional;

public sealed interface Expr {
    SourceSpan span();

    record IntLit(long value, SourceSpan span) implements Expr {
    }

    record FloatLit(double value, SourceSpan span) implements Expr {
    }

    record BoolLit(boolean value, SourceSpan span) implements Expr {
    }

    record Name(String name, SourceSpan span) implements Expr {
    }

    record Unary(UnaryOperator op, Expr operand, SourceSpan span) implements Expr {
    }

    record Binary(BinaryOperator op, Expr left, Expr right, SourceSpan opSpan, SourceSpan span)
            implements Expr {
    }

    /** {@code x as f16}. */
    record Cast(Expr operand, String dtype, SourceSpan dtypeSpan, SourceSpan span) implements Expr {
    }

    /** {@code name(args)}: a builtin, a prelude fn or a fn of the file. */
    record Call(String callee, SourceSpan calleeSpan, List<Arg> args, SourceSpan span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code x[0:4, :, 2]}, the same as {@code slice(x, 0:4, :, 2)}. */
    record Index(Expr base, List<Arg> indices, SourceSpan span) implements Expr {
        public Index {
            indices = List.copyOf(indices);
        }
    }

    /** {@code [0, 1]}: axis lists, permutations and shapes. */
    record ListLit(List<Expr> items, SourceSpan span) implements Expr {
        public ListLit {
            items = List.copyOf(items);
        }
    }

    /** {@code (a, b)}: only meaningful as the value of a return. */
    record Tuple(List<Expr> items, SourceSpan span) implements Expr {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    /** {@code start:stop:step}, each part optional; only meaningful as a slice argument. */
    record Range(Optional<Expr> start, Optional<Expr> stop, Optional<Expr> step, SourceSpan span)
            implements Expr {
    }
}
