// Prints diagnostics as they come and counts them, for the closing "2 errors, 1 warning" line.
package dev.tmc.cli;

import dev.tmc.compiler.diag.Diagnostic;
import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Severity;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

final class DiagnosticReport {
    private final PrintWriter err;
    private int errors;
    private int warnings;

    DiagnosticReport(PrintWriter err) {
        this.err = err;
    }

    void print(List<Diagnostic> diagnostics) {
        err.print(DiagnosticRenderer.render(diagnostics));
        for (Diagnostic d : diagnostics) {
            if (d.severity() == Severity.ERROR) {
                errors++;
            } else if (d.severity() == Severity.WARNING) {
                warnings++;
            }
        }
    }

    /** A user error that is not about source text (an unreadable file), counted like a diagnostic. */
    void print(CliError e) {
        err.println("error: " + e.getMessage());
        errors++;
    }

    boolean hasErrors() {
        return errors > 0;
    }

    /** Prints the summary line when anything was reported. */
    void printSummary() {
        String summary = summary();
        if (!summary.isEmpty()) {
            err.println(summary);
        }
    }

    /** {@code 2 errors, 1 warning}; empty when there was nothing to report. */
    String summary() {
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(count(errors, "error"));
        }
        if (warnings > 0) {
            parts.add(count(warnings, "warning"));
        }
        return String.join(", ", parts);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
