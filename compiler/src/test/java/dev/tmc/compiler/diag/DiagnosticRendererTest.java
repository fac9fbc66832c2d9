// The rendered form of diagnostics: headline, source line, and a caret under the right column.
package dev.tmc.compiler.diag;

import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticRendererTest {

    private static List<Diagnostic> diagnose(String text) {
        Diagnostics d = new Diagnostics();
        Frontend.lower(new SourceFile("model.tm", text), Precision.BALANCED, d);
        return d.all();
    }

    private static Diagnostic onlyError(String text) {
        List<Diagnostic> all = diagnose(text);
        assertEquals(1, all.size(), () -> DiagnosticRenderer.render(all));
        return all.get(0);
    }

    @Test
    void unknownNameHasHeadlineLineAndCaret() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n  let z = y;\n  return x;\n}\n";
        assertEquals("model.tm:2:11: error: unknown name 'y'; did you mean 'N'?\n"
                + "  let z = y;\n"
                + "          ^\n", DiagnosticRenderer.render(onlyError(text)));
    }

    @Test
    void caretCoversTheWholeSpan() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n  return frobnicate(x);\n}\n";
        assertEquals("model.tm:2:10: error: unknown function 'frobnicate'\n"
                + "  return frobnicate(x);\n"
                + "         ^^^^^^^^^^\n", DiagnosticRenderer.render(onlyError(text)));
    }

    @Test
    void missingSemicolonPointsJustAfterThePreviousToken() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n  let a = x * 2\n  return a;\n}\n";
        assertEquals("model.tm:2:16: error: expected ';' before 'return'\n"
                + "  let a = x * 2\n"
                + "               ^\n", DiagnosticRenderer.render(onlyError(text)));
    }

    @Test
    void tabsInTheLineAreKeptSoTheCaretAligns() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n\treturn x +\tq;\n}\n";
        String rendered = DiagnosticRenderer.render(onlyError(text));
        assertEquals("model.tm:2:13: error: unknown name 'q'; did you mean 'N'?\n"
                + "\treturn x +\tq;\n"
                + "\t          \t^\n", rendered);
    }

    @Test
    void spanOverSeveralLinesUnderlinesToTheEndOfItsFirstLine() {
        String text = "pipeline P(a: f32[N], b: f32[M]) -> f32[N] {\n  return a +\n    b;\n}\n";
        String[] lines = DiagnosticRenderer.render(onlyError(text)).split("\n");
        assertEquals("  return a +", lines[1]);
        assertEquals("         ^^^", lines[2]);
    }

    @Test
    void endOfFileIsShownOnTheEmptyLastLine() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n  return x;\n";
        Diagnostic d = onlyError(text);
        assertEquals("model.tm:3:1: error: unexpected end of file; expected 'precision', 'let', 'return' or '}'\n"
                + "\n^\n", DiagnosticRenderer.render(d));
    }

    @Test
    void notesAreRenderedAfterTheirError() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n  let y = x;\n  let y = x;\n  return y;\n}\n";
        assertEquals("model.tm:3:7: error: 'y' is already defined\n"
                + "  let y = x;\n"
                + "      ^\n"
                + "model.tm:2:7: note: first defined here\n"
                + "  let y = x;\n"
                + "      ^\n", DiagnosticRenderer.render(onlyError(text)));
    }

    @Test
    void errorInAUserFnNotesTheCall() {
        String text = "fn scale(x) = x * factor;\npipeline P(x: f32[N]) -> f32[N] {\n  return scale(x);\n}\n";
        Diagnostic d = onlyError(text);
        assertEquals("model.tm:1:19: error: unknown name 'factor'", d.headline());
        assertEquals(1, d.notes().size());
        assertEquals("model.tm:3:10: note: in this call of 'scale'", d.notes().get(0).headline());
    }

    @Test
    void errorInThePreludeIsMovedToTheCall() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n  return softmax(x, axis = 3);\n}\n";
        Diagnostic d = onlyError(text);
        assertTrue(d.span().file().name().equals("model.tm"));
        assertEquals("model.tm:2:10: error: axis 3 is out of range for a tensor of rank 1 (inside fn 'softmax')\n"
                + "  return softmax(x, axis = 3);\n"
                + "         ^^^^^^^^^^^^^^^^^^^^\n", DiagnosticRenderer.render(d));
    }

    @Test
    void warningsAreLabelled() {
        String text = "pipeline P(x: f32[N], y: f32[N]) -> f32[N] {\n  return x;\n}\n";
        assertEquals("model.tm:1:23: warning: parameter 'y' is never used\n"
                + "pipeline P(x: f32[N], y: f32[N]) -> f32[N] {\n"
                + "                      ^^^^^^^^^\n", DiagnosticRenderer.render(onlyError(text)));
    }

    @Test
    void severalDiagnosticsRenderInOrder() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n  let a = x + p;\n  return a + q;\n}\n";
        List<Diagnostic> all = diagnose(text);
        String rendered = DiagnosticRenderer.render(all);
        assertTrue(rendered.startsWith("model.tm:2:15: error: unknown name 'p'"), rendered);
        assertTrue(rendered.contains("\nmodel.tm:3:14: error: unknown name 'q'"), rendered);
        assertEquals(2, all.size());
    }
}
