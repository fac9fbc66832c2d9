// Elementwise functions of one operand in the graph IR.
package dev.tmc.compiler.ir.graph;

import java.util.Optional;

public enum UnaryFn {
    NEG("neg", false), NOT("not", false),
    ABS("abs", false), SIGN("sign", false), FLOOR("floor", false), CEIL("ceil", false), ROUND("round", false),
    EXP("exp", true), EXP2("exp2", true), LOG("log", true), LOG2("log2", true), LOG1P("log1p", true),
    SQRT("sqrt", true), RSQRT("rsqrt", true), SIN("sin", true), COS("cos", true), TANH("tanh", true),
    SIGMOID("sigmoid", true), ERF("erf", true);

    private final String spelling;
    private final boolean transcendental;

    UnaryFn(String spelling, boolean transcendental) {
        this.spelling = spelling;
        this.transcendental = transcendental;
    }

    public String spelling() {
        return spelling;
    }

    /** Functions that need a float operand and lose accuracy when computed in f16. */
    public boolean isTranscendental() {
        return transcendental;
    }

    /** The builtin of the language with this name, if any (neg and not are operators). */
    public static Optional<UnaryFn> builtin(String name) {
        for (UnaryFn f : values()) {
            if (f != NEG && f != NOT && f.spelling.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
