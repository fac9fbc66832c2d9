// The diagnostics of one compilation, collected in the order they were found.
package dev.tmc.compiler.diag;

import dev.tmc.compiler.source.SourceSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

public final class Diagnostics {
    private final List<Diagnostic> all;
    private final UnaryOperator<Diagnostic> rewrite;

    public Diagnostics() {
        this(new ArrayList<>(), UnaryOperator.identity());
    }

    private Diagnostics(List<Diagnostic> all, UnaryOperator<Diagnostic> rewrite) {
        this.all = all;
        this.rewrite = rewrite;
    }

    /**
     * A view onto the same list that rewrites each diagnostic before recording it; used to anchor
     * errors found while instantiating a fn body at the user's call site.
     */
    public Diagnostics adjusted(UnaryOperator<Diagnostic> inner) {
        return new Diagnostics(all, d -> rewrite.apply(inner.apply(d)));
    }

    public void report(Diagnostic d) {
        Diagnostic adjusted = rewrite.apply(d);
        if (!all.contains(adjusted)) {
            all.add(adjusted);
        }
    }

    public void error(SourceSpan span, String message) {
        report(Diagnostic.error(span, message));
    }

    public void warning(SourceSpan span, String message) {
        report(Diagnostic.warning(span, message));
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) all.stream().filter(Diagnostic::isError).count();
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }
}
