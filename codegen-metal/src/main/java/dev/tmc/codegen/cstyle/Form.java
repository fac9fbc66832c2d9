// How a C-like target writes one operation of kernel IR: an entry of a printer's spelling table.
package dev.tmc.codegen.cstyle;

public sealed interface Form {

    /** {@code a op b}; precedence as in C (higher binds tighter, see {@link Precedence}). */
    record Infix(String op, int precedence) implements Form {
    }

    /** {@code op a}. */
    record Prefix(String op) implements Form {
    }

    /** {@code function(a, b)}. */
    record Call(String function) implements Form {
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
