// The top command in-process: an internal failure in a command maps to exit 3 through Tmc.run.
package dev.tmc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TmcTest {
    @TempDir
    Path dir;

    @Test
    void precisionGivenBeforeOrAfterTheCommandReachesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("p.tm"), "pipeline P(x: f32[N]) -> f32[N] {\n  return x;\n}\n");
        assertTrue(run("--precision", "strict", "explain", file.toString()).contains(" precision strict {"));
        assertTrue(run("explain", file.toString(), "--precision", "fast").contains(" precision fast {"));
        assertTrue(run("explain", file.toString()).contains(" precision balanced {"));
    }

    @Test
    void versionComesFromTheFilteredResource() {
        assertTrue(VersionProvider.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), VersionProvider.version());
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Tmc.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        assertEquals(0, status, err.toString());
        return out.toString();
    }
}
