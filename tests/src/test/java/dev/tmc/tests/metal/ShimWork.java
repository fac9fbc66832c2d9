// Scratch directories for the shim tests under target/metal-shim/, kept after the run so a
// failure's sources, job files and binaries can be inspected (and rerun by hand).
package dev.tmc.tests.metal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

final class ShimWork {
    private ShimWork() {
    }

    /** An empty directory target/metal-shim/{@code name}. */
    static Path fresh(String name) {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "metal-shim", name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
