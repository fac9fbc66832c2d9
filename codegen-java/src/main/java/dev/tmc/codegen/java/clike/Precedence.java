// Operator precedence levels of C-like languages (Java's here; C's order is the same for the
// operators kernels use). Higher binds tighter.
package dev.tmc.codegen.java.clike;

public final class Precedence {
    public static final int PRIMARY = 16;
    /** Unary operators and casts. */
    public static final int PREFIX = 14;
    public static final int MULTIPLICATIVE = 13;
    public static final int ADDITIVE = 12;
    public static final int RELATIONAL = 10;
    public static final int EQUALITY = 9;
    public static final int BITWISE_AND = 8;
    public static final int BITWISE_OR = 6;
    public static final int LOGICAL_AND = 5;
    public static final int LOGICAL_OR = 4;
    public static final int CONDITIONAL = 3;

    private Precedence() {
    }

    /** Comparisons. */
    static boolean isComparison(int precedence) {
        return precedence == RELATIONAL || precedence == EQUALITY;
    }

    /** Boolean and bitwise connectives. */
    static boolean isConnective(int precedence) {
        return precedence >= LOGICAL_OR && precedence <= BITWISE_AND;
    }

    /**
     * Whether an operand at {@code child} level under an operator at {@code parent} level mixes
     * operators in a way a reader would have to look up: a comparison of a comparison (a < b == c),
     * or two different connectives (a && b || c). A comparison under a connective reads plainly, and
     * so does a left-leaning chain of one connective.
     */
    static boolean mixes(int parent, int child, boolean leftOperand) {
        if (isComparison(parent) && isComparison(child)) {
            return true;
        }
        if (isConnective(parent) && isConnective(child)) {
            return parent != child || !leftOperand;
        }
        return false;
    }
}
