// Two .tm files that would write the same output path (the same file name, or the same pipeline
// name, in one package): an input error, found before anything is written.
package dev.tmc.cli;

import dev.tmc.codegen.java.JavaOutputs;

import java.util.HashMap;
import java.util.Map;

final class OutputClashes {
    private OutputClashes() {
    }

    /** Throws naming both files and the path when two files' outputs share a path. */
    static void check(Map<String, JavaOutputs.Generated> outputsByFile) {
        Map<String, String> writer = new HashMap<>();
        outputsByFile.forEach((file, g) -> {
            claim("java/", g.java(), file, writer);
            claim("resources/", g.resources(), file, writer);
        });
    }

    private static void claim(String root, Map<String, String> outputs, String file, Map<String, String> writer) {
        for (String path : outputs.keySet()) {
            String previous = writer.putIfAbsent(root + path, file);
            if (previous != null) {
                throw CliError.input(previous + " and " + file + " would both write " + root + path
                        + "; give them different file names, pipeline names or packages");
            }
        }
    }
}
