// The precision profile reaches the MSL: the fast profile's kernels use metal::fast:: for their
// transcendentals, strict and balanced ones metal::precise::.
package dev.tmc.tests.metal;

import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MslMathModeTest {
    private static String metal(String profile) {
        String text = "precision " + profile + ";\n"
                + "pipeline P(x: f32[N]) -> f32[N] {\n  return exp(x) + sqrt(x);\n}\n";
        String metal = MetalCompile.of(new SourceFile("m.tm", text), Precision.BALANCED).metal();
        return metal.substring(metal.indexOf("kernel void")); // the kernels, not the shared prelude
    }

    @Test
    void theFastProfileSpellsFastMath() {
        String fast = metal("fast");
        assertTrue(fast.contains("fast::exp(") && fast.contains("fast::sqrt("), fast);
        assertFalse(fast.contains("precise::exp("), fast);
    }

    @Test
    void strictAndBalancedSpellPreciseMath() {
        for (String profile : new String[] {"strict", "balanced"}) {
            String precise = metal(profile);
            assertTrue(precise.contains("precise::exp(") && precise.contains("precise::sqrt("), precise);
            assertFalse(precise.contains("fast::"), precise);
        }
    }
}
