// The example .tm files of the repository, compiled: the inputs of the generated-code tests.
package dev.tmc.codegen.java;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.Compilation.CompiledModule;
import dev.tmc.compiler.source.SourceFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

final class Examples {
    static final Path DIR = Path.of("..", "examples", "src", "main", "tm");

    private Examples() {
    }

    static List<Path> files() {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".tm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompiledModule compile(Path file) {
        try {
            return compile(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompiledModule compile(String name, String text) {
        Diagnostics diagnostics = new Diagnostics();
        return Compilation.compile(new SourceFile(name, text), Compilation.Options.defaults(), diagnostics,
                        Compilation.Observer.NONE)
                .orElseThrow(() -> new AssertionError(name + " does not compile:\n"
                        + DiagnosticRenderer.render(diagnostics.all())));
    }
}
