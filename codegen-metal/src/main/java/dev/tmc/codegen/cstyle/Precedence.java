// C operator precedence levels, the ones kernel IR prints with (higher binds tighter); Java's
// order is the same for these operators.
package dev.tmc.codegen.cstyle;

public final class Precedence {
    public static final int PRIMARY = 16;
    public static final int PREFIX = 15;
    public static final int MULTIPLICATIVE = 13;
    public static final int ADDITIVE = 12;
    public static final int RELATIONAL = 10;
    public static final int EQUALITY = 9;
    public static final int BITWISE_AND = 8;
    public static final int BITWISE_OR = 6;
    public static final int LOGICAL_AND = 5;
    public static final int LOGICAL_OR = 4;
    public static final int CONDITIONAL = 3;
    public static final int NONE = 0;

    private Precedence() {
    }

    static boolean isComparison(int precedence) {
        return precedence == RELATIONAL || precedence == EQUALITY;
    }

    /** Boolean and bitwise connectives: && || & |. */
    static boolean isConnective(int precedence) {
        return precedence >= LOGICAL_OR && precedence <= BITWISE_AND;
    }
}
