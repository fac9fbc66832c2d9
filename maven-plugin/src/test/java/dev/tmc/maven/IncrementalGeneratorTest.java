// The plugin's incremental compile on a temporary source tree: what is compiled, kept, rewritten
// and deleted from one run to the next, and how errors and warnings come out.
package dev.tmc.maven;

import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.codegen.java.Toolchains;
import dev.tmc.codegen.metal.MetalToolchain;
import dev.tmc.compiler.diag.Diagnostic;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.testing.NativeTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalGeneratorTest {
    private static final String ADD = "package t.add;\n"
            + "pipeline Add(x: f32[N], y: f32[N]) -> f32[N] {\n  return x + y;\n}\n";
    private static final String SCALE = "package t.scale;\n"
            + "pipeline Scale(x: f32[N]) -> f32[N] {\n  return x * 2;\n}\n";
    private static final String BAD = "package t.bad;\n"
            + "pipeline Bad(a: bool[N], b: bool[N]) -> i32[N] {\n  return a + b;\n}\n";
    private static final String WARNS = "package t.warn;\n"
            + "pipeline Warn(a: f32[N], unused: f32[N]) -> f32[N] {\n  return a;\n}\n";

    /** Neither toolchain: the sources ship alone, with one note each. */
    private static final Toolchains NO_TOOLCHAINS = new Toolchains(MetalToolchain.detect("", (command, dir) -> {
        throw new AssertionError("nothing runs without xcrun: " + command);
    }), CudaToolchain.detect("", List.of()));

    @TempDir
    Path dir;

    private final List<String> messages = new ArrayList<>();

    @Test
    void aSecondRunCompilesNothingAndAChangedFileAlone() throws IOException {
        write("add.tm", ADD);
        write("sub/scale.tm", SCALE);
        assertCounts(run(), 2, 0);
        Path scaleJava = javaOut().resolve("t/scale/Scale.java");
        FileTime before = Files.getLastModifiedTime(scaleJava);

        assertCounts(run(), 0, 2);

        write("add.tm", ADD.replace("x + y", "x - y"));
        assertCounts(run(), 1, 1);
        assertTrue(Files.readString(javaOut().resolve("t/add/AddCpuKernels.java")).contains(" - "));
        assertEquals(before, Files.getLastModifiedTime(scaleJava), "an up-to-date file's outputs are not rewritten");
    }

    @Test
    void aDeletedOutputIsGeneratedAgain() throws IOException {
        write("add.tm", ADD);
        write("scale.tm", SCALE);
        run();
        Path manifest = resourceOut().resolve("t/scale/scale.tmplan.json");
        assertTrue(Files.exists(manifest), "outputs: " + tree());
        Files.delete(manifest);

        assertCounts(run(), 1, 1);
        assertTrue(Files.exists(manifest));
    }

    @Test
    void aDeletedSourceTakesItsOutputsAlong() throws IOException {
        write("add.tm", ADD);
        write("scale.tm", SCALE);
        run();
        Files.delete(dir.resolve("src/scale.tm"));

        GenerationSummary s = run();
        assertEquals(1, s.removed());
        assertTrue(tree().stream().noneMatch(p -> p.contains("scale")), "left behind: " + tree());
        assertTrue(tree().contains("java/t/add/Add.java"), tree().toString());
    }

    @Test
    void aRenamedPipelineLeavesNoStaleClass() throws IOException {
        write("add.tm", ADD);
        run();
        write("add.tm", ADD.replace("Add(", "Plus("));
        run();
        assertTrue(tree().contains("java/t/add/Plus.java"), tree().toString());
        assertFalse(tree().contains("java/t/add/Add.java"), tree().toString());
    }

    @Test
    void otherSettingsCompileEverythingAgain() throws IOException {
        write("add.tm", ADD);
        write("scale.tm", SCALE);
        run();
        assertCounts(run(Precision.FAST, false), 2, 0);
    }

    @Test
    void anErrorNamesFileLineAndColumnAndIsCompiledAgainNextTime() throws IOException {
        write("add.tm", ADD);
        write("bad.tm", BAD);
        GenerationSummary s = run();
        String where = dir.resolve("src/bad.tm").toAbsolutePath() + ":3:10: ";
        assertEquals(List.of(where + "arithmetic operator + on bool operands; cast them first, e.g. `x as i32`"), s.errors());
        assertTrue(messages.contains("error " + where + "arithmetic operator + on bool operands; cast them first, e.g. `x as i32`"),
                messages.toString());
        assertTrue(tree().stream().noneMatch(p -> p.contains("bad")), tree().toString());

        assertCounts(run(), 0, 1);
        assertEquals(1, run().errors().size(), "a file with errors is not taken as up to date");
    }

    @Test
    void warningsFailOnlyWithFailOnWarning() throws IOException {
        write("warn.tm", WARNS);
        GenerationSummary lenient = run();
        assertEquals(List.of(), lenient.errors());
        assertEquals(1, lenient.warnings());

        Files.writeString(dir.resolve("src/warn.tm"), WARNS + "\n");
        GenerationSummary strict = run(Precision.BALANCED, true);
        assertEquals(1, strict.errors().size(), strict.errors().toString());
        assertTrue(strict.errors().get(0).contains("warn.tm:2:26: parameter 'unused' is never used"),
                strict.errors().toString());
    }

    @Test
    void twoFilesWritingOneClassAreAnError() throws IOException {
        write("a/add.tm", ADD);
        write("b/add.tm", ADD);
        GenerationSummary s = run();
        assertFalse(s.errors().isEmpty());
        assertTrue(s.errors().stream().allMatch(e -> e.startsWith("a/add.tm and b/add.tm in ")), s.errors().toString());
        assertTrue(s.errors().stream().anyMatch(e -> e.contains("both generate t/add/Add.java;")), s.errors().toString());
        assertCounts(run(), 2, 0);
    }

    @Test
    void withCudaTheFatbinIsBuiltNextToTheCuSourceAndKeptUpToDate() throws IOException {
        write("add.tm", ADD);
        Toolchains nvcc = new Toolchains(NO_TOOLCHAINS.metal(), FakeNvcc.toolchain());
        CompilerSettings cuda = new CompilerSettings(Precision.BALANCED, Set.of(Target.CPU, Target.CUDA), "test",
                "fatbin");
        assertCounts(runWith(cuda, nvcc), 1, 0);
        String cu = Files.readString(resourceOut().resolve("t/add/add.cu"));
        assertTrue(cu.contains("__global__"), cu);
        assertEquals("FATBIN:" + cu, Files.readString(resourceOut().resolve("t/add/add.fatbin")));
        assertTrue(Files.readString(resourceOut().resolve("t/add/add.tmplan.json")).contains("\"cuda\""),
                "the manifest lists the cuda kernels");
        assertFalse(Files.exists(resourceOut().resolve("t/add/add.metal")), "metal was not chosen");
        assertEquals(List.of(), messages);

        Files.delete(resourceOut().resolve("t/add/add.fatbin"));
        assertCounts(runWith(cuda, nvcc), 1, 0);
        assertTrue(Files.exists(resourceOut().resolve("t/add/add.fatbin")), "a deleted fatbin is built again");
        assertCounts(runWith(cuda, nvcc), 0, 1);
    }

    @Test
    void withoutNvccTheCuSourceShipsAloneWithOneNote() throws IOException {
        write("add.tm", ADD);
        write("scale.tm", SCALE);
        CompilerSettings cuda = new CompilerSettings(Precision.BALANCED, Set.of(Target.CPU, Target.CUDA), "test",
                "none");
        assertCounts(runWith(cuda, NO_TOOLCHAINS), 2, 0);
        assertEquals(List.of("note " + CudaToolchain.NOT_FOUND), messages);
        assertTrue(Files.exists(resourceOut().resolve("t/add/add.cu")));
        assertFalse(Files.exists(resourceOut().resolve("t/add/add.fatbin")));
    }

    @Test
    void realNvccBuildsTheSameFatbinTwice() throws IOException {
        CudaToolchain nvcc = CudaToolchain.detect();
        NativeTools.require(nvcc.available(), CudaToolchain.NOT_FOUND);
        write("add.tm", ADD);
        Toolchains tools = new Toolchains(NO_TOOLCHAINS.metal(), nvcc);
        CompilerSettings cuda = new CompilerSettings(Precision.BALANCED, Set.of(Target.CUDA), "test", "fatbin");
        assertCounts(runWith(cuda, tools), 1, 0);
        byte[] first = Files.readAllBytes(resourceOut().resolve("t/add/add.fatbin"));
        // A fatbin starts with its magic number, 0xBA55ED50, little-endian.
        assertEquals(0x50, first[0] & 0xff);
        assertEquals(0xBA, first[3] & 0xff);
        Files.delete(dir.resolve("state"));
        assertCounts(runWith(cuda, tools), 1, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(first,
                Files.readAllBytes(resourceOut().resolve("t/add/add.fatbin")), "nvcc's output is deterministic");
    }

    @Test
    void outputsAreTheSameBytesWhereverTheProjectLies() throws IOException {
        write("add.tm", ADD);
        run();
        Path other = dir.resolve("elsewhere");
        Files.createDirectories(other.resolve("src"));
        Files.writeString(other.resolve("src/add.tm"), ADD);
        new IncrementalGenerator(other.resolve("src"), new OutputTree(other.resolve("java"), other.resolve("res")),
                other.resolve("state"), settings(Precision.BALANCED), false, listener(), NO_TOOLCHAINS)
                .run(List.of("add.tm"));
        for (String p : tree()) {
            String mine = Files.readString(dir.resolve("out").resolve(p));
            String theirs = Files.readString(other.resolve(p.replaceFirst("^resources/", "res/")));
            assertEquals(mine, theirs, p);
            assertFalse(mine.contains(dir.toString()), p + " mentions the project's directory");
        }
    }

    private GenerationSummary run() throws IOException {
        return run(Precision.BALANCED, false);
    }

    private GenerationSummary run(Precision precision, boolean failOnWarning) throws IOException {
        Path src = dir.resolve("src");
        List<String> sources = new SourceSelection(List.of(), List.of()).select(src);
        return new IncrementalGenerator(src, new OutputTree(javaOut(), resourceOut()), dir.resolve("state"),
                settings(precision), failOnWarning, listener(), NO_TOOLCHAINS).run(sources);
    }

    private GenerationSummary runWith(CompilerSettings settings, Toolchains tools) throws IOException {
        Path src = dir.resolve("src");
        List<String> sources = new SourceSelection(List.of(), List.of()).select(src);
        return new IncrementalGenerator(src, new OutputTree(javaOut(), resourceOut()), dir.resolve("state"),
                settings, false, listener(), tools).run(sources);
    }

    private static CompilerSettings settings(Precision precision) {
        return new CompilerSettings(precision, Set.of(Target.CPU, Target.METAL), "test", "none");
    }

    private IncrementalGenerator.Listener listener() {
        return new IncrementalGenerator.Listener() {
            @Override
            public void diagnostic(SourceFile file, Diagnostic d) {
                messages.add(d.severity().label() + " " + IncrementalGenerator.location(file, d) + ": " + d.message());
            }

            @Override
            public void error(String message) {
                messages.add("error " + message);
            }

            @Override
            public void note(String message) {
                messages.add("note " + message);
            }
        };
    }

    private static void assertCounts(GenerationSummary s, int compiled, int upToDate) {
        assertEquals(compiled + " compiled, " + upToDate + " up to date",
                s.compiled() + " compiled, " + s.upToDate() + " up to date", s.logLine());
    }

    private Path javaOut() {
        return dir.resolve("out/java");
    }

    private Path resourceOut() {
        return dir.resolve("out/resources");
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve("src").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Every output file, relative to out/. */
    private List<String> tree() throws IOException {
        Path out = dir.resolve("out");
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted()
                    .collect(Collectors.toList());
        }
    }
}
