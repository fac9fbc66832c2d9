// The two output directories (generated sources, generated resources) and the writes into them.
package dev.tmc.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

record OutputTree(Path javaDir, Path resourceDir) {

    Path resolve(GeneratedFile file) {
        return (file.root() == GeneratedFile.Root.JAVA ? javaDir : resourceDir).resolve(file.path());
    }

    boolean exists(GeneratedFile file) {
        return Files.isRegularFile(resolve(file));
    }

    /** Writes {@code bytes} unless the file already holds them: unchanged files keep their timestamps, so
     * the compiler plugin's own staleness check does not recompile the generated Java. */
    void write(GeneratedFile file, byte[] bytes) throws IOException {
        Path path = resolve(file);
        if (Files.isRegularFile(path) && Arrays.equals(Files.readAllBytes(path), bytes)) {
            return;
        }
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
    }

    void delete(GeneratedFile file) throws IOException {
        Files.deleteIfExists(resolve(file));
    }
}
