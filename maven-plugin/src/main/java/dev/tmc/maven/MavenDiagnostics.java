// Diagnostics as Maven log lines: "file:line:col: message" at the matching level (the form IDEs
// link), then the source line and a caret, then the notes.
package dev.tmc.maven;

import dev.tmc.compiler.diag.Diagnostic;
import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Severity;
import dev.tmc.compiler.source.SourceFile;
import org.apache.maven.plugin.logging.Log;

final class MavenDiagnostics implements IncrementalGenerator.Listener {
    private final Log log;

    MavenDiagnostics(Log log) {
        this.log = log;
    }

    @Override
    public void diagnostic(SourceFile file, Diagnostic d) {
        String headline = IncrementalGenerator.location(file, d) + ": " + d.message();
        // The renderer's excerpt and notes, without its own first line (the headline above replaces it).
        String rendered = DiagnosticRenderer.render(d);
        String rest = rendered.indexOf('\n') < 0 ? "" : rendered.substring(rendered.indexOf('\n') + 1);
        print(d.severity(), headline);
        for (String line : rest.split("\n", -1)) {
            if (!line.isEmpty()) {
                print(d.severity(), line);
            }
        }
    }

    @Override
    public void error(String message) {
        log.error(message);
    }

    @Override
    public void note(String message) {
        log.info("tmc: " + message);
    }

    private void print(Severity severity, String line) {
        switch (severity) {
            case ERROR: log.error(line); break;
            case WARNING: log.warn(line); break;
            default: log.info(line); break;
        }
    }
}
