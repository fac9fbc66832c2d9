// Every example's generated Java (pipeline classes and CPU kernels) compiles with -Xlint:all -Werror.
package dev.tmc.codegen.java;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedCodeCompilesTest {
    @Test
    void examplesCompileWithoutWarnings() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Path tm : Examples.files()) {
            JavaOutputs.Generated g = JavaOutputs.generate(Examples.compile(tm));
            g.java().forEach((path, text) -> sources.put(path.replace('/', '.').replaceFirst("\\.java$", ""), text));
            Path dump = Path.of("target", "generated-examples");
            for (Map.Entry<String, String> e : g.java().entrySet()) {
                Files.createDirectories(dump.resolve(e.getKey()).getParent());
                Files.writeString(dump.resolve(e.getKey()), e.getValue());
            }
            for (Map.Entry<String, String> e : g.resources().entrySet()) {
                Files.createDirectories(dump.resolve(e.getKey()).getParent());
                Files.writeString(dump.resolve(e.getKey()), e.getValue());
            }
        }
        InMemoryJavac.Result r = InMemoryJavac.compile(sources, InMemoryJavac.STRICT, List.of());
        assertEquals(List.of(), r.diagnostics());
        assertTrue(r.success());
    }
}
