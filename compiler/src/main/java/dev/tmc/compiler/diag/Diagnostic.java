// One message about the user's program, anchored at a source span, with optional notes.
package dev.tmc.compiler.diag;

import dev.tmc.compiler.source.SourceSpan;

import java.util.ArrayList;
import java.util.List;

public record Diagnostic(Severity severity, String message, SourceSpan span, List<Diagnostic> notes) {

    public Diagnostic {
        notes = List.copyOf(notes);
    }

    public static Diagnostic error(SourceSpan span, String message) {
        return new Diagnostic(Severity.ERROR, message, span, List.of());
    }

    public static Diagnostic warning(SourceSpan span, String message) {
        return new Diagnostic(Severity.WARNING, message, span, List.of());
    }

    public static Diagnostic note(SourceSpan span, String message) {
        return new Diagnostic(Severity.NOTE, message, span, List.of());
    }

    public Diagnostic withNote(Diagnostic note) {
        List<Diagnostic> all = new ArrayList<>(notes);
        all.add(note);
        return new Diagnostic(severity, message, span, all);
    }

    public Diagnostic withSpanAndMessage(SourceSpan newSpan, String newMessage) {
        return new Diagnostic(severity, newMessage, newSpan, notes);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message}, without the source excerpt. */
    public String headline() {
        return span.location() + ": " + severity.label() + ": " + message;
    }
}
