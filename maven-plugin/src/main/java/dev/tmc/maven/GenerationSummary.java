// What one run of the plugin did: the counts for the log line and the errors that fail the build.
package dev.tmc.maven;

import java.util.ArrayList;
import java.util.List;

record GenerationSummary(int compiled, int upToDate, int removed, int warnings, List<String> errors) {
    GenerationSummary {
        errors = List.copyOf(errors);
    }

    /** {@code tmc: compiled 3 files, 2 up to date} (and removed outputs, warnings when there are any). */
    String logLine() {
        StringBuilder out = new StringBuilder("tmc: compiled ").append(count(compiled, "file"))
                .append(", ").append(upToDate).append(" up to date");
        if (removed > 0) {
            out.append(", removed the outputs of ").append(count(removed, "deleted file"));
        }
        if (warnings > 0) {
            out.append(", ").append(count(warnings, "warning"));
        }
        if (!errors.isEmpty()) {
            out.append(", ").append(count(errors.size(), "error"));
        }
        return out.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static final class Builder {
        int compiled;
        int upToDate;
        int removed;
        int warnings;
        private final List<String> errors = new ArrayList<>();

        void error(String message) {
            errors.add(message);
        }

        GenerationSummary build() {
            return new GenerationSummary(compiled, upToDate, removed, warnings, errors);
        }
    }
}
