// Prints diagnostics the way rustc and clang do: file:line:col: error: message, the line, a caret.
package dev.tmc.compiler.diag;

import dev.tmc.compiler.source.SourceSpan;

import java.util.List;

public final class DiagnosticRenderer {
    private DiagnosticRenderer() {
    }

    public static String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            render(d, out);
        }
        return out.toString();
    }

    public static String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        render(d, out);
        return out.toString();
    }

    private static void render(Diagnostic d, StringBuilder out) {
        SourceSpan span = d.span();
        if (span.isNone()) {
            out.append(d.severity().label()).append(": ").append(d.message()).append('\n');
        } else {
            out.append(d.headline()).append('\n');
            excerpt(span, out);
        }
        for (Diagnostic note : d.notes()) {
            render(note, out);
        }
    }

    /** The source line, then a caret line that keeps the line's tabs so the carets align. */
    private static void excerpt(SourceSpan span, StringBuilder out) {
        int line = span.line();
        String text = span.file().lineText(line);
        int col = span.column() - 1;
        int width = Math.max(1, Math.min(span.end(), span.start() + text.length() - col) - span.start());
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < col && i < text.length(); i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append("^".repeat(Math.max(1, Math.min(width, Math.max(1, text.length() - col)))));
        out.append(text).append('\n').append(caret).append('\n');
    }
}
