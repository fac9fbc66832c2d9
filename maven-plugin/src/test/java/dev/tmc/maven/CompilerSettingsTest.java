// Parameter values the plugin rejects name the parameter and the values it takes.
package dev.tmc.maven;

import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.codegen.java.Toolchains;
import dev.tmc.codegen.metal.MetalToolchain;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.kernel.Target;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CompilerSettingsTest {
    @Test
    void precisionIsOneOfTheProfiles() throws Exception {
        assertEquals(Precision.FAST, CompilerSettings.precision(" Fast "));
        CompilerSettings.BadParameter e = assertThrows(CompilerSettings.BadParameter.class,
                () -> CompilerSettings.precision("quick"));
        assertEquals("parameter 'precision' (tmc.precision) is 'quick'; expected one of strict, balanced, fast",
                e.getMessage());
    }

    @Test
    void targetsDefaultToCpuAndMetalAndRejectUnknownNames() throws Exception {
        assertEquals(Set.of(Target.CPU, Target.METAL), CompilerSettings.targets(List.of()));
        assertEquals(Set.of(Target.CPU), CompilerSettings.targets(List.of("CPU")));
        assertEquals(Set.of(Target.CPU, Target.CUDA), CompilerSettings.targets(List.of("cpu", " Cuda")));
        CompilerSettings.BadParameter e = assertThrows(CompilerSettings.BadParameter.class,
                () -> CompilerSettings.targets(List.of("cpu", "opencl")));
        assertEquals("parameter 'targets' names 'opencl'; expected one or more of cpu, metal, cuda", e.getMessage());
    }

    @Test
    void theKeyChangesWithEverySetting() {
        CompilerSettings base = new CompilerSettings(Precision.BALANCED, Set.of(Target.CPU), "1", "none");
        assertEquals("precision=balanced targets=cpu binaries=none tmc=1", base.key());
        assertNotEquals(base.key(), new CompilerSettings(Precision.STRICT, Set.of(Target.CPU), "1", "none").key());
        assertNotEquals(base.key(), new CompilerSettings(Precision.BALANCED, Set.of(Target.METAL), "1", "none").key());
        assertNotEquals(base.key(), new CompilerSettings(Precision.BALANCED, Set.of(Target.CPU), "2", "none").key());
        assertNotEquals(base.key(), new CompilerSettings(Precision.BALANCED, Set.of(Target.CPU), "1", "fatbin").key());
    }

    @Test
    void binariesAreThoseTheToolchainsCanBuildForTheTargets() {
        Toolchains none = new Toolchains(MetalToolchain.detect("", (command, dir) -> {
            throw new AssertionError(command);
        }), CudaToolchain.detect("", List.of()));
        assertEquals("none", CompilerSettings.binaries(Set.of(Target.CPU, Target.METAL, Target.CUDA), none));
        Toolchains nvccOnly = new Toolchains(none.metal(), FakeNvcc.toolchain());
        assertEquals("fatbin", CompilerSettings.binaries(Set.of(Target.CPU, Target.CUDA), nvccOnly));
        assertEquals("none", CompilerSettings.binaries(Set.of(Target.CPU, Target.METAL), nvccOnly));
    }
}
