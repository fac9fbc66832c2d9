// The names visible in one pipeline or fn body: parameters and lets, plus the pipeline's dims.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.source.SourceSpan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class Scope {
    /** A named value and where it was defined; {@code used} feeds the unused-value warning. */
    static final class Binding {
        final String name;
        final Lowered value;
        final SourceSpan span;
        final boolean isLet;
        boolean used;

        Binding(String name, Lowered value, SourceSpan span, boolean isLet) {
            this.name = name;
            this.value = value;
            this.span = span;
            this.isLet = isLet;
        }
    }

    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final Set<String> dims;

    Scope(Set<String> dims) {
        this.dims = Set.copyOf(dims);
    }

    Optional<Binding> lookup(String name) {
        Binding b = bindings.get(name);
        if (b != null) {
            b.used = true;
        }
        return Optional.ofNullable(b);
    }

    Optional<Binding> existing(String name) {
        return Optional.ofNullable(bindings.get(name));
    }

    void define(String name, Lowered value, SourceSpan span, boolean isLet) {
        bindings.put(name, new Binding(name, value, span, isLet));
    }

    boolean isDim(String name) {
        return dims.contains(name);
    }

    List<Binding> bindings() {
        return new ArrayList<>(bindings.values());
    }

    /** Every name a user could have meant, for "did you mean" hints. */
    List<String> candidates() {
        List<String> all = new ArrayList<>(bindings.keySet());
        all.addAll(dims);
        return all;
    }
}
