// `tmc compile`: the files it writes for every example, byte-identical reruns that rewrite nothing,
// Java that javac accepts with the runtime alone on the class path, and pipeline classes that load
// on Device.cpu() from their manifest resource and compute what `tmc run --device reference` does.
// Errors: diagnostics as file:line:col with exit 1 and nothing written; bad usage exit 2.
package dev.tmc.tests;

import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.codegen.java.InMemoryJavac;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.testing.NativeTools;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PlanJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileCommandTest {
    @TempDir
    Path dir;

    private static String[] args(Path out, List<Path> files, String... more) {
        List<String> args = new ArrayList<>(List.of("compile"));
        files.forEach(f -> args.add(f.toString()));
        args.addAll(List.of("-d", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void everyExampleGetsItsClassesKernelsManifestAndMetalSource() {
        Path out = dir.resolve("out");
        Cli.Result r = Cli.tmc(args(out, Examples.files())).expect(0);
        assertEquals("", r.out());
        for (Path tm : Examples.files()) {
            Module m = Examples.module(tm);
            String pkg = m.packageName().replace('.', '/');
            String stem = tm.getFileName().toString().replaceFirst("\\.tm$", "");
            TreeSet<String> java = names(out.resolve("java").resolve(pkg), ".java");
            for (Graph g : m.pipelines()) {
                assertTrue(java.remove(g.name() + ".java"), tm + ": " + g.name() + ".java in " + java);
            }
            assertEquals(1, java.size(), tm + ": the one kernel class besides the pipeline classes: " + java);
            assertTrue(java.first().endsWith("CpuKernels.java"), java.toString());
            Path resources = out.resolve("resources").resolve(pkg);
            assertEquals(new TreeSet<>(List.of(stem + ".metal", stem + ".tmplan.json")), names(resources, ""));
            FilePlan plan = PlanJson.read(read(resources.resolve(stem + ".tmplan.json")), stem);
            assertEquals(Optional.of(stem + ".metal"), plan.metalSource());
            assertEquals(Optional.empty(), plan.metalLibrary()); // no Metal toolchain here
            assertTrue(read(resources.resolve(stem + ".metal")).contains("kernel void "), stem + ".metal");
        }
        // Without xcrun there is no .metallib, and one note (not one per file) says so.
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("note: Metal toolchain not found")).count(), r.err());
    }

    @Test
    void rerunsAreByteIdenticalAndRewriteNothing() throws IOException {
        Path first = dir.resolve("first");
        Cli.tmc(args(first, Examples.files())).expect(0);
        Map<Path, byte[]> before = contents(first);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (Path p : before.keySet()) {
            Files.setLastModifiedTime(first.resolve(p), old);
        }
        Cli.tmc(args(first, Examples.files())).expect(0);
        Map<Path, byte[]> again = contents(first);
        assertEquals(before.keySet(), again.keySet());
        for (Path p : before.keySet()) {
            assertArrayEquals(before.get(p), again.get(p), p.toString());
            assertEquals(old, Files.getLastModifiedTime(first.resolve(p)), p + " was rewritten");
        }
        Path second = dir.resolve("second");
        Cli.tmc(args(second, Examples.files())).expect(0);
        Map<Path, byte[]> fresh = contents(second);
        assertEquals(before.keySet(), fresh.keySet());
        before.forEach((p, bytes) -> assertArrayEquals(bytes, fresh.get(p), p + " differs in a fresh directory"));
    }

    @Test
    void generatedClassesComputeWhatTheReferenceComputes() throws Exception {
        Path out = dir.resolve("out");
        Cli.tmc(args(out, Examples.files())).expect(0);
        InMemoryJavac.Result javac = compileOutputs(out);
        assertEquals(List.of(), javac.diagnostics());
        assertTrue(javac.success());
        Cli cli = new Cli(dir);
        List<String> failures = new ArrayList<>();
        int pipelines = 0;
        for (Path tm : Examples.files()) {
            Module m = Examples.module(tm);
            for (Graph g : m.pipelines()) {
                Map<String, HostArray> inputs = ExampleRuns.inputs(g, 2);
                Path refDir = ExampleRuns.directory(dir.resolve("ref-" + g.name()));
                ExampleRuns.run(tm.toString(), g, ExampleRuns.inputOptions(cli, g.name() + "-", inputs),
                        Optional.of("reference"), "reference", refDir);
                Class<?> pipeline = javac.load(m.packageName() + "." + g.name());
                Map<String, HostArray> actual = GeneratedCalls.call(pipeline, g, inputs, Device.cpu());
                ExampleRuns.mismatch(g, inputs, ExampleRuns.outputs(g, refDir), actual)
                        .ifPresent(bad -> failures.add(tm.getFileName() + " " + g.name() + ": " + bad));
                pipelines++;
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(pipelines >= 8, "pipelines: " + pipelines);
    }

    @Test
    void eachTargetAloneGivesJavaThatCompiles() throws Exception {
        Path tm = Examples.files().stream().filter(p -> p.endsWith("quickstart.tm")).findFirst().orElseThrow();
        Path cpu = dir.resolve("cpu");
        Cli.tmc(args(cpu, List.of(tm), "--target", "cpu")).expect(0);
        assertEquals(new TreeSet<>(List.of("quickstart.tmplan.json")), names(cpu.resolve("resources/dev/tmc/examples"), ""));
        FilePlan cpuPlan = PlanJson.read(read(cpu.resolve("resources/dev/tmc/examples/quickstart.tmplan.json")), "q");
        assertEquals(Optional.empty(), cpuPlan.metalSource());
        assertEquals(List.of("cpu"), List.copyOf(cpuPlan.pipeline("Quickstart").kernelsByTarget().keySet()));
        assertTrue(compileOutputs(cpu).success());

        Path metal = dir.resolve("metal");
        Cli.tmc(args(metal, List.of(tm), "--target", "metal")).expect(0);
        assertEquals(new TreeSet<>(List.of("Quickstart.java")), names(metal.resolve("java/dev/tmc/examples"), ".java"));
        InMemoryJavac.Result javac = compileOutputs(metal);
        assertEquals(List.of(), javac.diagnostics());
        // A class without CPU kernels does not load on the CPU: the device has no kernels to run.
        Method load = javac.load("dev.tmc.examples.Quickstart").getMethod("load", Device.class);
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                java.lang.reflect.InvocationTargetException.class, () -> load.invoke(null, Device.cpu())).getCause();
        assertTrue(thrown instanceof IllegalArgumentException, thrown.toString());
    }

    @Test
    void cudaShipsTheCuSourceAndItsFatbinAndTheManifestListsTheCudaKernels() throws IOException {
        CudaToolchain nvcc = CudaToolchain.detect();
        NativeTools.require(nvcc.available(), CudaToolchain.NOT_FOUND);
        Path tm = Examples.files().stream().filter(p -> p.endsWith("quickstart.tm")).findFirst().orElseThrow();
        Path out = dir.resolve("out");
        Cli.Result r = Cli.tmc(args(out, List.of(tm), "--target", "cpu,cuda")).expect(0);
        assertEquals("", r.err());
        Path resources = out.resolve("resources/dev/tmc/examples");
        assertEquals(new TreeSet<>(List.of("quickstart.cu", "quickstart.fatbin", "quickstart.tmplan.json")),
                names(resources, ""));
        FilePlan plan = PlanJson.read(read(resources.resolve("quickstart.tmplan.json")), "quickstart");
        assertEquals(new TreeSet<>(List.of("cpu", "cuda")),
                new TreeSet<>(plan.pipeline("Quickstart").kernelsByTarget().keySet()));
        String cu = read(resources.resolve("quickstart.cu"));
        byte[] fatbin = Files.readAllBytes(resources.resolve("quickstart.fatbin"));
        for (var k : plan.pipeline("Quickstart").kernels("cuda")) {
            assertTrue(cu.contains(" " + k.name() + "("), k.name() + " in the .cu");
            // The fatbin's symbol table names each kernel the runtime looks up.
            assertTrue(new String(fatbin, java.nio.charset.StandardCharsets.ISO_8859_1).contains(k.name()),
                    k.name() + " in the fatbin");
        }
        assertTrue(compileOutputs(out).success());

        Path again = dir.resolve("again");
        Cli.tmc(args(again, List.of(tm), "--target", "cpu,cuda")).expect(0);
        assertArrayEquals(fatbin, Files.readAllBytes(again.resolve("resources/dev/tmc/examples/quickstart.fatbin")),
                "the same .tm gives the same fatbin");
    }

    @Test
    void typeErrorsAreDiagnosticsWithExitOneAndNothingIsWritten() {
        Cli cli = new Cli(dir);
        String good = cli.source("good.tm", "pipeline Good(x: f32[N]) -> f32[N] {\n  return x * 2;\n}\n");
        String bad = cli.source("bad.tm", "pipeline Bad(x: f32[N], w: f32[M]) -> f32[N] {\n  return x + w;\n}\n");
        Path out = dir.resolve("out");
        Cli.Result r = Cli.tmc("compile", good, bad, "-d", out.toString()).expect(1);
        assertTrue(r.err().startsWith(bad + ":2:10: error: cannot broadcast"), r.err());
        assertTrue(r.err().endsWith("1 error\n"), r.err());
        assertFalse(Files.exists(out), "nothing is written when a file has errors");
    }

    @Test
    void unreadableFilesAndClashingOutputsAreInputErrors() throws IOException {
        Cli cli = new Cli(dir);
        String missing = cli.path("missing.tm");
        Cli.Result r = Cli.tmc("compile", missing, "-d", dir.resolve("o1").toString()).expect(1);
        assertTrue(r.err().startsWith("error: cannot read " + missing + ": no such file or directory"), r.err());

        String text = "pipeline Same(x: f32[N]) -> f32[N] {\n  return x;\n}\n";
        String a = cli.source("a.tm", text);
        Files.createDirectories(dir.resolve("sub"));
        String b = cli.source("sub/a.tm", text);
        r = Cli.tmc("compile", a, b, "-d", dir.resolve("o2").toString()).expect(1);
        assertTrue(r.err().startsWith("error: " + a + " and " + b + " would both write java/Same.java"), r.err());

        Path taken = Files.writeString(dir.resolve("taken"), "");
        r = Cli.tmc("compile", a, "-d", taken.toString()).expect(1);
        assertTrue(r.err().startsWith("error: cannot write to " + taken + ": not a directory"), r.err());

        Path blocked = Files.createDirectories(dir.resolve("blocked"));
        Files.writeString(blocked.resolve("java"), "");
        r = Cli.tmc("compile", a, "-d", blocked.toString()).expect(1);
        assertEquals("error: cannot write " + blocked.resolve("java") + ": exists and is not a directory\n", r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        String good = new Cli(dir).source("good.tm", "pipeline Good(x: f32[N]) -> f32[N] {\n  return x;\n}\n");
        Cli.Result r = Cli.tmc("compile", good).expect(2);
        assertTrue(r.err().startsWith("error: Missing required option: '--output-dir=DIR'"), r.err());
        r = Cli.tmc("compile", good, "-d", dir.toString(), "--target", "cpu,opencl").expect(2);
        assertTrue(r.err().contains("'opencl' is not a target; expected cpu or metal or cuda"), r.err());
        assertTrue(Cli.tmc("compile", "-d", dir.toString()).expect(2).err().contains("Missing required parameter"));
    }

    /** Every .java file under OUT/java, and the text resources under OUT/resources, through javac. */
    private static InMemoryJavac.Result compileOutputs(Path out) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> resources = new LinkedHashMap<>();
        contents(out.resolve("java")).forEach((p, bytes) -> sources.put(
                p.toString().replace('/', '.').replaceFirst("\\.java$", ""), new String(bytes)));
        contents(out.resolve("resources")).forEach((p, bytes) -> resources.put(p.toString(), new String(bytes)));
        return InMemoryJavac.compile(sources, resources, InMemoryJavac.STRICT, List.of());
    }

    /** Every file under {@code root} by relative path, sorted. */
    private static Map<Path, byte[]> contents(Path root) throws IOException {
        Map<Path, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static TreeSet<String> names(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix)).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
