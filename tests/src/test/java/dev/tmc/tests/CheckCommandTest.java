// `tmc check`: silent on good files, rendered diagnostics and a count on bad ones; warnings pass.
package dev.tmc.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.tmc.tests.Cli.tmc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCommandTest {
    private static final String GOOD = "pipeline P(x: f32[N]) -> f32[N] {\n  return x * 2;\n}\n";
    private static final String BAD = """
            pipeline P(x: f32[N], w: f32[M]) -> f32[N] {
              let y = x + w;
              return foo(y);
            }
            """;
    private static final String UNUSED = "pipeline P(x: f32[N], y: f32[N]) -> f32[N] {\n  return x * 2;\n}\n";

    @TempDir
    Path dir;

    @Test
    void goodFileIsSilent() {
        Cli.Result r = tmc("check", new Cli(dir).source("good.tm", GOOD)).expect(0);
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void badFileGetsRenderedDiagnosticsAndACount() {
        String bad = new Cli(dir).source("bad.tm", BAD);
        Cli.Result r = tmc("check", bad).expect(1);
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].startsWith(bad + ":2:11: error: cannot broadcast"), r.err());
        assertEquals("  let y = x + w;", lines[1]);
        assertEquals("          ^^^^^", lines[2]);
        assertTrue(r.err().contains(bad + ":3:10: error: unknown function 'foo'\n  return foo(y);\n         ^^^\n"),
                r.err());
        assertEquals("2 errors", lines[lines.length - 1]);
        assertEquals("", r.out());
    }

    @Test
    void warningsAloneDoNotFail() {
        String file = new Cli(dir).source("unused.tm", UNUSED);
        Cli.Result r = tmc("check", file).expect(0);
        assertTrue(r.err().startsWith(file + ":1:23: warning: parameter 'y' is never used\n"), r.err());
        assertTrue(r.err().endsWith("\n1 warning\n"), r.err());
    }

    @Test
    void everyFileIsCheckedAndTheCountCoversThemAll() {
        Cli cli = new Cli(dir);
        String missing = cli.path("missing.tm");
        Cli.Result r = tmc("check", cli.source("good.tm", GOOD), cli.source("bad.tm", BAD), missing,
                cli.source("unused.tm", UNUSED)).expect(1);
        assertTrue(r.err().contains("error: cannot read " + missing + ": no such file or directory\n"), r.err());
        assertTrue(r.err().contains(cli.path("unused.tm") + ":1:23: warning:"), r.err());
        assertTrue(r.err().endsWith("\n3 errors, 1 warning\n"), r.err());
    }

    @Test
    void precisionOptionIsAccepted() {
        String good = new Cli(dir).source("good.tm", GOOD);
        tmc("check", "--precision", "strict", good).expect(0);
        tmc("--precision", "fast", "check", good).expect(0);
        tmc("check", "--precision", "sloppy", good).expect(2);
    }

    @Test
    void atLeastOneFile() {
        assertTrue(tmc("check").expect(2).err().startsWith("error: Missing required parameter"));
    }
}
