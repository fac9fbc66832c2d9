// Includes and excludes as Ant spells them, where "**/" also matches the top directory.
package dev.tmc.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SourceSelectionTest {
    @TempDir
    Path dir;

    @Test
    void defaultsTakeEveryTmFileAtAnyDepthInOrder() throws IOException {
        touch("b.tm", "a/x.tm", "a/b/y.tm", "notes.txt", "a/z.tmx");
        assertEquals(List.of("a/b/y.tm", "a/x.tm", "b.tm"), new SourceSelection(List.of(), List.of()).select(dir));
    }

    @Test
    void excludesWinOverIncludes() throws IOException {
        touch("b.tm", "a/x.tm", "a/b/y.tm", "wip/w.tm");
        SourceSelection s = new SourceSelection(List.of("a/**/*.tm", "*.tm", "wip/"), List.of("**/b/*", "wip/"));
        assertEquals(List.of("a/x.tm", "b.tm"), s.select(dir));
    }

    @Test
    void aMissingDirectoryHasNoFiles() throws IOException {
        assertEquals(List.of(), new SourceSelection(List.of(), List.of()).select(dir.resolve("nope")));
    }

    private void touch(String... files) throws IOException {
        for (String f : files) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
        }
    }
}
