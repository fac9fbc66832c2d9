// Precision profiles: how much f16/bf16 arithmetic the compiler may use (docs/precision.md).
package dev.tmc.compiler.ir.graph;

import java.util.Locale;
import java.util.Optional;

public enum Precision {
    STRICT, BALANCED, FAST;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Precision> fromSpelling(String s) {
        for (Precision p : values()) {
            if (p.spelling().equals(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
