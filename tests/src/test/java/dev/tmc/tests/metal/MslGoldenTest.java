// The MSL of every example, pinned: a change to lowering or printing shows up as a reviewable diff
// of tests/src/test/resources/golden/msl/*.metal. After checking the new text, update the files with
// `mvn -pl tests -am verify -Dtest=MslGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dtmc.golden.update=true`.
package dev.tmc.tests.metal;

import dev.tmc.compiler.ir.graph.Precision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

class MslGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("tmc.golden.update");
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."), "src", "test", "resources",
            "golden", "msl");

    @Test
    void everyExamplePrintsItsPinnedMsl() throws IOException {
        List<String> changed = new ArrayList<>();
        List<Path> examples = MetalCompile.examples();
        assertFalse(examples.isEmpty());
        for (Path tm : examples) {
            String metal = MetalCompile.of(MetalCompile.read(tm), Precision.BALANCED).metal();
            Path golden = GOLDEN.resolve(tm.getFileName().toString().replaceFirst("\\.tm$", ".metal"));
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, metal);
            } else if (!Files.exists(golden)) {
                changed.add(golden + " is missing");
            } else if (!Files.readString(golden).equals(metal)) {
                changed.add(firstDifference(golden, Files.readString(golden), metal));
            }
        }
        if (!changed.isEmpty()) {
            fail("the MSL of examples changed (review, then rerun with -Dtmc.golden.update=true):\n"
                    + String.join("\n", changed));
        }
    }

    @Test
    void printingIsDeterministic() {
        for (Path tm : MetalCompile.examples()) {
            assertEquals(MetalCompile.of(MetalCompile.read(tm), Precision.BALANCED).metal(),
                    MetalCompile.of(MetalCompile.read(tm), Precision.BALANCED).metal(), tm.toString());
        }
    }

    private static String firstDifference(Path golden, String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) {
                return golden.getFileName() + ":" + (i + 1) + ": pinned  " + e[i] + "\n" + " ".repeat(
                        golden.getFileName().toString().length() + String.valueOf(i + 1).length() + 2) + "printed " + a[i];
            }
        }
        return golden.getFileName() + ": pinned " + e.length + " lines, printed " + a.length;
    }
}
