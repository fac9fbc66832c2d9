// Elementwise functions of two operands in the graph IR (NumPy broadcasting between operands).
package dev.tmc.compiler.ir.graph;

public enum BinaryFn {
    ADD("add", Kind.ARITHMETIC), SUB("sub", Kind.ARITHMETIC), MUL("mul", Kind.ARITHMETIC),
    DIV("div", Kind.ARITHMETIC), MOD("mod", Kind.ARITHMETIC), POW("pow", Kind.ARITHMETIC),
    MIN("min", Kind.ARITHMETIC), MAX("max", Kind.ARITHMETIC),
    EQ("eq", Kind.COMPARISON), NE("ne", Kind.COMPARISON), LT("lt", Kind.COMPARISON),
    LE("le", Kind.COMPARISON), GT("gt", Kind.COMPARISON), GE("ge", Kind.COMPARISON),
    AND("and", Kind.LOGICAL), OR("or", Kind.LOGICAL);

    public enum Kind { ARITHMETIC, COMPARISON, LOGICAL }

    private final String spelling;
    private final Kind kind;

    BinaryFn(String spelling, Kind kind) {
        this.spelling = spelling;
        this.kind = kind;
    }

    public String spelling() {
        return spelling;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isCommutative() {
        return this == ADD || this == MUL || this == MIN || this == MAX || this == EQ || this == NE
                || this == AND || this == OR;
    }
}
