// What JavaOutputs writes for a file per target set, and the .metallib step through a stand-in
// Metal toolchain (this machine has none): built next to the .metal source and named by the
// manifest when the toolchain exists; one note, and the source alone, when it does not.
package dev.tmc.codegen.java;

import dev.tmc.codegen.cstyle.ToolProcess;
import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.codegen.metal.MetalToolchain;
import dev.tmc.compiler.driver.Compilation.CompiledModule;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.testing.NativeTools;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PlanJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaOutputsTest {
    private static final String SOURCE = "package com.acme;\npipeline Twice(x: f32[N]) -> f32[N] {\n  return x * 2;\n}\n";
    private static final byte[] LIBRARY = {0x4d, 0x54, 0x4c, 0x42, 0, 1, 2, (byte) 0xff};

    private static final CudaToolchain NO_NVCC = CudaToolchain.detect("", List.of());

    @TempDir
    Path dir;

    private static CompiledModule module() {
        return Examples.compile("twice.tm", SOURCE);
    }

    @Test
    void targetsChooseTheKernelsAndResources() {
        JavaOutputs.Generated both = JavaOutputs.generate(module());
        assertEquals(List.of("com/acme/Twice.java", "com/acme/TwiceCpuKernels.java"), List.copyOf(both.java().keySet()));
        assertEquals(List.of("com/acme/twice.metal", "com/acme/twice.tmplan.json"),
                List.copyOf(both.resources().keySet()));
        FilePlan plan = PlanJson.read(both.resources().get("com/acme/twice.tmplan.json"), "twice");
        assertEquals(Optional.of("twice.metal"), plan.metalSource());
        assertEquals(Optional.empty(), plan.metalLibrary());

        JavaOutputs.Generated cpu = JavaOutputs.generate(module(), Set.of(Target.CPU));
        assertEquals(both.java(), cpu.java());
        assertEquals(List.of("com/acme/twice.tmplan.json"), List.copyOf(cpu.resources().keySet()));

        JavaOutputs.Generated metal = JavaOutputs.generate(module(), Set.of(Target.METAL));
        assertEquals(List.of("com/acme/Twice.java"), List.copyOf(metal.java().keySet()));
        assertEquals(both.resources().get("com/acme/twice.metal"), metal.resources().get("com/acme/twice.metal"));

        assertThrows(IllegalArgumentException.class, () -> JavaOutputs.generate(module(), Set.of()));
    }

    @Test
    void cudaAddsTheCuSourceAndTheManifestListsItsKernels() {
        JavaOutputs.Generated cuda = JavaOutputs.generate(module(), Set.of(Target.CUDA));
        assertEquals(List.of("com/acme/Twice.java"), List.copyOf(cuda.java().keySet()));
        assertEquals(List.of("com/acme/twice.cu", "com/acme/twice.tmplan.json"), List.copyOf(cuda.resources().keySet()));
        FilePlan plan = PlanJson.read(cuda.resources().get("com/acme/twice.tmplan.json"), "twice");
        List<String> kernels = plan.pipelines().get(0).kernels("cuda").stream()
                .map(k -> k.name()).toList();
        assertFalse(kernels.isEmpty());
        for (String k : kernels) {
            assertTrue(cuda.resources().get("com/acme/twice.cu").matches("(?s).*extern \"C\" __global__ void [^\n]*\\b" + k + "\\(.*"),
                    "the .cu defines " + k);
        }
        assertEquals(Set.of("cpu", "metal"), Set.copyOf(PlanJson.read(JavaOutputs.generate(module()).resources()
                .get("com/acme/twice.tmplan.json"), "twice").pipelines().get(0).kernelsByTarget().keySet()),
                "cuda is not a default target");
    }

    @Test
    void nvccBuildsTheFatbinNextToTheCuSource() throws Exception {
        CudaToolchain nvcc = CudaToolchain.detect();
        NativeTools.require(nvcc.available(), CudaToolchain.NOT_FOUND);
        List<String> notes = new ArrayList<>();
        Path out = dir.resolve("out");
        Toolchains tools = new Toolchains(MetalToolchain.detect("", (c, d) -> {
            throw new AssertionError(c);
        }), nvcc);
        List<Path> written = JavaOutputs.write(module(), Set.of(Target.CPU, Target.CUDA), out, tools, notes::add);
        Path fatbin = out.resolve("resources/com/acme/twice.fatbin");
        assertTrue(written.contains(fatbin), written.toString());
        byte[] bytes = Files.readAllBytes(fatbin);
        assertEquals(0x50, bytes[0] & 0xff, "fatbin magic 0xBA55ED50");
        assertEquals(0xBA, bytes[3] & 0xff, "fatbin magic 0xBA55ED50");
        assertEquals(List.of(), notes);
    }

    @Test
    void aToolchainBuildsTheLibraryNextToTheSourceAndTheManifestNamesIt() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        MetalToolchain toolchain = MetalToolchain.detect(fakeXcrunDir().toString(), (command, workingDir) -> {
            commands.add(command);
            int output = command.indexOf("-o");
            if (output >= 0) {
                Files.write(Path.of(command.get(output + 1)), LIBRARY); // the .air, then the .metallib
            }
            return new ToolProcess.Completed(0, "");
        });
        List<String> notes = new ArrayList<>();
        Path out = dir.resolve("out");
        JavaOutputs.write(module(), JavaOutputs.DEFAULT_TARGETS, out, new Toolchains(toolchain, NO_NVCC), notes::add);

        Path resources = out.resolve("resources/com/acme");
        assertArrayEquals(LIBRARY, Files.readAllBytes(resources.resolve("twice.metallib")));
        assertFalse(Files.exists(resources.resolve("twice.air")), "the .air is an intermediate, not a resource");
        FilePlan plan = PlanJson.read(Files.readString(resources.resolve("twice.tmplan.json")), "twice");
        assertEquals(Optional.of("twice.metallib"), plan.metalLibrary());
        assertEquals(List.of(), notes);
        List<String> compile = commands.stream().filter(c -> c.contains("-c")).findFirst().orElseThrow();
        // Compiled from a copy under the same name in a scratch folder, so the bytes do not depend on OUT.
        assertEquals("twice.metal", Path.of(compile.get(compile.indexOf("-c") + 1)).getFileName().toString());
    }

    @Test
    void withoutAToolchainTheSourceShipsAloneWithOneNote() throws Exception {
        MetalToolchain none = MetalToolchain.detect("", (command, workingDir) -> {
            throw new AssertionError("nothing runs without xcrun: " + command);
        });
        List<String> notes = new ArrayList<>();
        Path out = dir.resolve("out");
        Toolchains neither = new Toolchains(none, NO_NVCC);
        JavaOutputs.write(module(), JavaOutputs.TARGETS, out, neither, notes::add);
        JavaOutputs.write(Examples.compile("other.tm", SOURCE.replace("Twice", "Other")), JavaOutputs.TARGETS, out,
                neither, notes::add);
        assertEquals(List.of(MetalToolchain.NOT_FOUND, CudaToolchain.NOT_FOUND), notes);
        assertFalse(Files.exists(out.resolve("resources/com/acme/twice.fatbin")));
        assertEquals(JavaOutputs.generate(module(), Set.of(Target.CUDA)).resources().get("com/acme/twice.cu"),
                Files.readString(out.resolve("resources/com/acme/twice.cu")));
        Path resources = out.resolve("resources/com/acme");
        assertFalse(Files.exists(resources.resolve("twice.metallib")));
        assertEquals(Optional.empty(),
                PlanJson.read(Files.readString(resources.resolve("twice.tmplan.json")), "twice").metalLibrary());
        assertEquals(JavaOutputs.generate(module()).resources().get("com/acme/twice.metal"),
                Files.readString(resources.resolve("twice.metal")));
    }

    /** A directory holding an executable named xcrun, so that detection goes on to ask the runner. */
    private Path fakeXcrunDir() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("xcrun"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(bin.resolve("xcrun"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
