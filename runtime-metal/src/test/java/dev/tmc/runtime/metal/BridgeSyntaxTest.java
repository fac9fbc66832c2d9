// Checks the Objective-C++ bridge without a Mac: clang parses and type-checks
// tmc_metal_bridge.mm (ARC, blocks, Apple's runtime) against the stub Metal and Foundation
// headers in src/test/native/stub, with every warning an error. Mutated copies of the bridge
// must fail, so the check is known to catch a misspelt selector or a wrong call.
package dev.tmc.runtime.metal;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class BridgeSyntaxTest {
    private static final Path BRIDGE_DIR = Path.of(System.getProperty("tmc.metal.bridge.dir", "src/main/native"));
    private static final Path STUB_DIR = Path.of(System.getProperty("tmc.metal.stub.dir", "src/test/native/stub"));
    private static final Path BRIDGE = BRIDGE_DIR.resolve("tmc_metal_bridge.mm");

    private static String clang;

    /** Where CI runs (CI=true) or TMC_REQUIRE_NATIVE_CHECKS=1, a missing compiler fails instead of skipping. */
    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("TMC_REQUIRE_NATIVE_CHECKS"));
    }

    @BeforeAll
    static void findClang() {
        Optional<String> found = find("clang++", "clang++-16", "clang++-15", "clang++-14");
        if (found.isEmpty()) {
            String why = "clang++ is not installed, so the Objective-C++ Metal bridge cannot be checked here"
                    + " (apt-get install clang; .ci/run installs it)";
            if (required()) {
                fail(why + "; CI=true or TMC_REQUIRE_NATIVE_CHECKS=1 requires this check");
            }
            Assumptions.abort(why);
        }
        clang = found.get();
    }

    private static Optional<String> find(String... names) {
        for (String name : names) {
            try {
                Process p = new ProcessBuilder(name, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(name);
                }
            } catch (IOException e) {
                // not on PATH: try the next name
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The SDKs whose branches the bridge has: before macOS 15, and from it (MTLCompileOptions.mathMode). */
    private static final List<List<String>> SDKS = List.of(List.of(),
            List.of("-D__MAC_15_0=150000", "-D__MAC_OS_X_VERSION_MAX_ALLOWED=150000"));

    /** Compiler exit code and output for {@code source}, checked as the Mac build compiles it (ARC, blocks). */
    private static Result check(Path source, List<String> sdk) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(clang, "-x", "objective-c++", "-std=c++17", "-fsyntax-only",
                "-fobjc-arc", "-fblocks", "-fobjc-runtime=macosx-13.0", "-Wall", "-Wextra", "-Werror"));
        command.addAll(sdk);
        command.addAll(List.of("-isystem", STUB_DIR.toString(), "-I", BRIDGE_DIR.toString(), source.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("clang did not finish: " + command);
        }
        return new Result(p.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }

    @Test
    void theBridgeCompilesAgainstTheMetalAndFoundationDeclarations() throws Exception {
        for (List<String> sdk : SDKS) {
            Result r = check(BRIDGE, sdk);
            assertEquals(0, r.exitCode(), "tmc_metal_bridge.mm does not compile with " + sdk + ":\n" + r.output());
            assertEquals("", r.output().strip(), "no warnings either");
        }
    }

    @Test
    void theMacOs15BranchIsCheckedToo(@TempDir Path dir) throws Exception {
        assertMutantFails(dir, "MTLMathModeSafe;", "MTLMathModeSafer;", "MTLMathModeSafer", SDKS.get(1));
    }

    @Test
    void aMisspeltSelectorIsCaught(@TempDir Path dir) throws Exception {
        assertMutantFails(dir, "dispatchThreadgroups:", "dispatchThreadGroups:", "not found");
    }

    @Test
    void aWrongArgumentTypeIsCaught(@TempDir Path dir) throws Exception {
        // an NSUInteger where Metal takes an MTLSize
        assertMutantFails(dir, "threadsPerThreadgroup:MTLSizeMake((NSUInteger) threads, 1, 1)",
                "threadsPerThreadgroup:(NSUInteger) threads", "MTLSize");
    }

    @Test
    void aCallThatDisagreesWithTheCApiIsCaught(@TempDir Path dir) throws Exception {
        assertMutantFails(dir, "completion(token, 0, \"\");", "completion(token, \"\");", "too few arguments");
    }

    private static void assertMutantFails(Path dir, String original, String mutant, String expected) throws Exception {
        assertMutantFails(dir, original, mutant, expected, SDKS.get(0));
    }

    private static void assertMutantFails(Path dir, String original, String mutant, String expected, List<String> sdk)
            throws Exception {
        String text = Files.readString(BRIDGE);
        assertTrue(text.contains(original), "the bridge no longer contains " + original + "; update this test");
        Path copy = dir.resolve("mutant.mm");
        Files.writeString(copy, text.replace(original, mutant));
        Result r = check(copy, sdk);
        assertNotEquals(0, r.exitCode(), "the check accepted a bridge with " + mutant);
        assertTrue(r.output().contains(expected), r.output());
    }
}
