// Memory plans: buffers are reused when lives do not overlap, in place where legal, and the arena
// size for given dims matches a hand count.
package dev.tmc.compiler.memory;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.Compiled;
import dev.tmc.compiler.fusion.FusionPrinter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanMemoryTest {

    @Test
    void aSingleKernelNeedsNoArena() {
        CompiledPipeline c = Compiled.pipeline("pipeline P(x: f32[N, D], w: f32[D]) -> f32[N, D] { return rms_norm(x, w); }", "P");
        assertEquals(0, c.memory().arenaBytes(Map.of("N", 7L, "D", 9L)));
        assertTrue(c.memory().allocations().isEmpty());
    }

    @Test
    void aChainOfMatmulsReusesDeadBuffers() {
        // Four matmuls in a row: each intermediate dies when the next is written, so two slots suffice.
        CompiledPipeline c = Compiled.pipeline("pipeline P(x: f32[N, N], w: f32[N, N]) -> f32[N, N] {"
                + " return (((x @ w) @ w) @ w) @ w; }", "P");
        assertEquals(4, c.fusion().kernelCount());
        assertEquals(3, c.memory().allocations().size());
        assertEquals(2, c.memory().slotSizes().size(), () -> MemoryPlanPrinter.print(c.fusion(), c.memory(), Map.of()));
        long n = 10;
        long slot = n * n * 4; // 400 bytes, aligned to 512
        assertEquals(2 * 512, c.memory().arenaBytes(Map.of("N", n)));
        assertEquals(slot, c.memory().allocations().get(0).bytes().evaluate(Map.of("N", n)));
    }

    @Test
    void aRowKernelOverwritesTheMatmulResultItNormalises() {
        CompiledPipeline c = Compiled.pipeline("pipeline P(x: f32[N, D], w: f32[D, D]) -> f32[N, D] {"
                + " return softmax(x @ w) @ w; }", "P");
        assertEquals(3, c.fusion().kernelCount(), () -> FusionPrinter.print(c.fusion()));
        Allocation probabilities = c.memory().allocations().get(1);
        assertTrue(probabilities.inPlaceOf().isPresent(), () -> MemoryPlanPrinter.print(c.fusion(), c.memory(), Map.of()));
        assertEquals(1, c.memory().slotSizes().size());
        // One slot of 3*4 f32 = 48 bytes, rounded up to the 256-byte alignment.
        assertEquals(256, c.memory().arenaBytes(Map.of("N", 3L, "D", 4L)));
    }

    @Test
    void sizesFollowTheStorageDType() {
        CompiledPipeline c = Compiled.pipeline("pipeline P(x: f16[N, D], w: f16[D, D]) -> f16[N, D] {"
                + " return softmax(x @ w) @ w; }", "P");
        Allocation first = c.memory().allocations().get(0);
        assertEquals(2 * 5 * 6, first.bytes().evaluate(Map.of("N", 5L, "D", 6L)),
                () -> MemoryPlanPrinter.print(c.fusion(), c.memory(), Map.of()));
    }
}
