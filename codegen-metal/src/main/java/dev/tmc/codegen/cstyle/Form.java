// How a C-like target writes one operation of kernel IR: an entry of a printer's spelling table.
// Forms nest: a target that needs more than one operator for an operation (a rounding call around
// an addition, a cast of a cast) writes the tree, and the printer places the parentheses.
package dev.tmc.codegen.cstyle;

import java.util.List;

public sealed interface Form {

    /** Operand {@code index} of the operation (0 for the first). */
    record Operand(int index) implements Form {
    }

    /** Fixed text, e.g. {@code 0} or {@code 1.0f}; it binds as a primary, or as a prefix when it starts with "-". */
    record Text(String text) implements Form {
    }

    /** {@code left op right}; precedence as in C (higher binds tighter, see {@link Precedence}). */
    record Infix(String op, int precedence, Form left, Form right) implements Form {
        /** The operation's two operands, in order. */
        public Infix(String op, int precedence) {
            this(op, precedence, new Operand(0), new Operand(1));
        }
    }

    /** {@code op operand}: a unary operator or a cast such as {@code (int) }. */
    record Prefix(String op, Form operand) implements Form {
        /** Of the operation's operand. */
        public Prefix(String op) {
            this(op, new Operand(0));
        }
    }

    /** {@code function(args...)}; no args: the operation's operands, in order. */
    record Call(String function, List<Form> args) implements Form {
        public Call {
            args = List.copyOf(args);
        }

        public Call(String function) {
            this(function, List.of());
        }

        /** {@code function(arg)}. */
        public Call(String function, Form arg) {
            this(function, List.of(arg));
        }
    }

    /** {@code condition ? a : b}. */
    record Conditional(Form condition, Form a, Form b) implements Form {
    }

    /**
     * A fixed pattern around the operands, {@code $0} and {@code $1}, that delimits itself (the
     * holes sit inside its parentheses), e.g. {@code half(precise::exp(float($0)))}.
     */
    record Pattern(String pattern) implements Form {
    }

    /** The operand itself: an operation that is the identity for this type (floor of an i32). */
    record Same() implements Form {
    }
}
