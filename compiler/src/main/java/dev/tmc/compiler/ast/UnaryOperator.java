// Prefix operators of the language.
package dev.tmc.compiler.ast;

public enum UnaryOperator {
    NEG("-"),
    NOT("!");

    private final String spelling;

    UnaryOperator(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
