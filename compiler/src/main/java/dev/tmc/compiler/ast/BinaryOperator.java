// Infix operators of the language, as written.
package dev.tmc.compiler.ast;

public enum BinaryOperator {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("**"), MATMUL("@"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    AND("&&"), OR("||");

    private final String spelling;

    BinaryOperator(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public boolean isComparison() {
        return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }

    public static BinaryOperator fromSpelling(String s) {
        for (BinaryOperator op : values()) {
            if (op.spelling.equals(s)) {
                return op;
            }
        }
        throw new IllegalArgumentException("no operator " + s);
    }
}
