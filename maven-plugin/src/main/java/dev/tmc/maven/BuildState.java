// What the last build produced, kept under target/ so that the next one compiles only what changed:
// the compiler settings, and per .tm file the digest of its text and the outputs it wrote.
package dev.tmc.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

final class BuildState {
    private static final String HEADER = "tmc-maven-plugin state 1";

    /**
     * @param digest  SHA-256 of the file's bytes: content, not mtime, so a checkout or a touch that
     *                changes nothing recompiles nothing
     * @param outputs the files written, as {@link GeneratedFile#key()}s
     */
    record Entry(String digest, List<String> outputs) {
        Entry {
            outputs = List.copyOf(outputs);
        }
    }

    private final String settings;
    private final Map<String, Entry> entries;

    BuildState(String settings, Map<String, Entry> entries) {
        this.settings = settings;
        this.entries = new TreeMap<>(entries);
    }

    static BuildState empty(String settings) {
        return new BuildState(settings, Map.of());
    }

    /**
     * The state last written to {@code file}; empty when there is none, when it was written with other
     * settings (precision, targets, another tmc), or when it cannot be read: each means compile all.
     */
    static BuildState read(Path file, String settings) {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return empty(settings);
        }
        if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).equals("settings\t" + settings)) {
            return empty(settings);
        }
        Map<String, Entry> entries = new TreeMap<>();
        String source = null;
        String digest = null;
        List<String> outputs = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length == 3 && f[0].equals("source")) {
                if (source != null) {
                    entries.put(source, new Entry(digest, outputs));
                }
                source = f[1];
                digest = f[2];
                outputs = new ArrayList<>();
            } else if (f.length == 2 && f[0].equals("output") && source != null) {
                outputs.add(f[1]);
            } else {
                return empty(settings);
            }
        }
        if (source != null) {
            entries.put(source, new Entry(digest, outputs));
        }
        return new BuildState(settings, entries);
    }

    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append("settings\t").append(settings).append('\n');
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            out.append("source\t").append(e.getKey()).append('\t').append(e.getValue().digest()).append('\n');
            for (String output : e.getValue().outputs()) {
                out.append("output\t").append(output).append('\n');
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    Optional<Entry> entry(String source) {
        return Optional.ofNullable(entries.get(source));
    }

    Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    void put(String source, Entry entry) {
        entries.put(source, entry);
    }

    void remove(String source) {
        entries.remove(source);
    }
}
