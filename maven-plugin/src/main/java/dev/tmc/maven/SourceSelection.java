// Which .tm files under a source directory the plugin compiles: Ant-style includes and excludes
// (`**/*.tm`), matched against paths relative to the directory, in a stable order.
package dev.tmc.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

final class SourceSelection {
    static final List<String> DEFAULT_INCLUDES = List.of("**/*.tm");

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    SourceSelection(List<String> includes, List<String> excludes) {
        this.includes = patterns(includes.isEmpty() ? DEFAULT_INCLUDES : includes);
        this.excludes = patterns(excludes);
    }

    /** The selected files as paths relative to {@code dir}, '/'-separated and sorted; none when it is missing. */
    List<String> select(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .filter(this::selected)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    boolean selected(String relative) {
        return includes.stream().anyMatch(m -> m.matcher(relative).matches())
                && excludes.stream().noneMatch(m -> m.matcher(relative).matches());
    }

    /** Ant's spelling: "**" any depth (also none), "*" and "?" within one name, "dir/" all below dir. */
    static Pattern antPattern(String pattern) {
        String p = pattern.trim().replace('\\', '/');
        if (p.endsWith("/")) {
            p += "**";
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (p.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (p.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static List<Pattern> patterns(List<String> antPatterns) {
        return antPatterns.stream().map(SourceSelection::antPattern).collect(Collectors.toList());
    }
}
