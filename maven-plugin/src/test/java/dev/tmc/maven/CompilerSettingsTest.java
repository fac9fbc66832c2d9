// Parameter values the plugin rejects name the parameter and the values it takes.
package dev.tmc.maven;

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
    void targetsDefaultToAllAndRejectUnknownNames() throws Exception {
        assertEquals(Set.of(Target.CPU, Target.METAL), CompilerSettings.targets(List.of()));
        assertEquals(Set.of(Target.CPU), CompilerSettings.targets(List.of("CPU")));
        CompilerSettings.BadParameter e = assertThrows(CompilerSettings.BadParameter.class,
                () -> CompilerSettings.targets(List.of("cpu", "cuda")));
        assertEquals("parameter 'targets' names 'cuda'; expected one or more of cpu, metal", e.getMessage());
    }

    @Test
    void theKeyChangesWithEverySetting() {
        CompilerSettings base = new CompilerSettings(Precision.BALANCED, Set.of(Target.CPU), "1");
        assertEquals("precision=balanced targets=cpu tmc=1", base.key());
        assertNotEquals(base.key(), new CompilerSettings(Precision.STRICT, Set.of(Target.CPU), "1").key());
        assertNotEquals(base.key(), new CompilerSettings(Precision.BALANCED, Set.of(Target.METAL), "1").key());
        assertNotEquals(base.key(), new CompilerSettings(Precision.BALANCED, Set.of(Target.CPU), "2").key());
    }
}
