// How bad a diagnostic is; errors stop compilation, warnings do not (unless the build says so).
package dev.tmc.compiler.diag;

public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
