// On the real GPU (macOS only; skipped elsewhere with the reason): the bridge end to end with
// hand-written kernels, and Metal's errors as MetalExceptions with Metal's messages.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PipelinePlan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetalGpuTest {
    private static final FilePlan FILE = TestPlans.scaleShift();
    private static final PipelinePlan PLAN = FILE.pipeline("ScaleShift");

    private static MetalKernels handWritten() throws IOException {
        try (InputStream in = MetalGpuTest.class.getResourceAsStream("scale_shift.metal")) {
            return MetalKernels.source(new String(in.readAllBytes(), StandardCharsets.UTF_8), "scale_shift.metal");
        }
    }

    @Test
    void aPipelineRunsOnTheGpuWithOneCommandBufferPerCall() throws Exception {
        MetalDevice gpu = MetalGpu.device();
        Executable exe = gpu.load(PLAN, handWritten());
        float[] x = new float[1000];
        float[] want = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.5f - 7;
            want[i] = x[i] * 2.5f + 1;
        }
        try (Tensor host = Tensor.of(x, x.length); Tensor tx = host.to(gpu)) {
            for (int round = 0; round < 3; round++) {
                try (Tensor y = exe.call(tx, 2.5f).get(0)) {
                    assertEquals("metal", y.device().name());
                    assertArrayEquals(want, y.toFloatArray());
                }
            }
            List<Tensor> async = exe.callAsync(tx, 2.5f).get(60, TimeUnit.SECONDS);
            try (Tensor y = async.get(0)) {
                assertArrayEquals(want, y.toFloatArray());
            }
        }
    }

    @Test
    void aMissingFunctionIsMetalsError() {
        MetalDevice gpu = MetalGpu.device();
        MetalException e = assertThrows(MetalException.class,
                () -> gpu.load(PLAN, MetalKernels.source("#include <metal_stdlib>\nkernel void k_mul() {}\n", "x.metal")));
        assertTrue(e.getMessage().contains("no function named k_add_one"), e.getMessage());
    }

    @Test
    void sourceThatDoesNotCompileCarriesTheCompilersMessage() {
        MetalDevice gpu = MetalGpu.device();
        MetalException e = assertThrows(MetalException.class,
                () -> gpu.load(PLAN, MetalKernels.source("kernel void k_mul( {", "broken.metal")));
        assertTrue(e.getMessage().startsWith("broken.metal: Metal cannot compile the kernels' source: "), e.getMessage());
    }

    @Test
    void aBufferBeyondTheDevicesLimitIsOutOfMemory() {
        MetalDevice gpu = MetalGpu.device();
        MetalException e = assertThrows(MetalException.class, () -> gpu.bridge().allocate(1L << 50));
        assertTrue(e.getMessage().startsWith("out of memory"), e.getMessage());
    }
}
