// Where there is no GPU (CI, most build machines) the CUDA device must say why and stay out of
// Device.available(); where there is one, a tensor must survive a round trip through it. On Linux
// x86-64 the build makes the JavaCPP bridge, which must load and report the driver's own failure
// (and cuDNN's absence).
package dev.tmc.runtime.cuda;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CudaDeviceAvailabilityTest {
    @Test
    void availableExactlyWhenTheDriverOpensAGpu() {
        boolean listed = Device.available().stream().anyMatch(d -> d.name().equals(CudaDevice.TARGET));
        if (CudaDevice.unavailableReason().isPresent()) {
            assertFalse(listed, "listed although: " + CudaDevice.unavailableReason().get());
            assertFalse(CudaDevice.unavailableReason().get().isBlank());
            assertThrows(IllegalStateException.class, CudaDevice::shared);
        } else {
            assertTrue(listed, "a GPU opened but Device.available() lacks it: " + Device.available());
            float[] data = {1.5f, -2f, Float.NaN, 0f, 65504f};
            try (Tensor host = Tensor.of(DType.F32, data, 5); Tensor gpu = host.to(CudaDevice.shared())) {
                assertArrayEquals(data, gpu.toFloatArray());
            }
        }
    }

    @Test
    void theBridgeBuiltWithTheJarLoadsAndReportsTheDriversFailure() {
        Assumptions.assumeTrue("linux-x86_64".equals(Loader.getPlatform()), "the bridge is built for linux-x86_64");
        Assumptions.assumeFalse(Boolean.getBoolean("tmc.cuda.native.skip"), "built with -Dtmc.cuda.native.skip");
        Loader.load(CudaNative.class);
        Assumptions.assumeTrue(CudaDevice.unavailableReason().isPresent(), "a GPU opened: the round trip covers it");
        String reason = CudaDevice.unavailableReason().get();
        assertFalse(reason.contains("no native bridge"), "the bridge did not load: " + reason);
        // Through the binding: opening again fails the same way, with the bridge's C string as a
        // Java string (e.g. "cannot load libcuda.so.1: ..." where there is no driver).
        assertNotEquals(0, CudaNative.tmc_cuda_open(0));
        assertEquals(reason, CudaNative.tmc_cuda_error());
    }

    /** Without a GPU cuDNN's attention is unavailable with a reason, and a call fails instead of crashing. */
    @Test
    void theAttentionLibrarySaysWhyItIsMissing() {
        Assumptions.assumeTrue("linux-x86_64".equals(Loader.getPlatform()), "the bridge is built for linux-x86_64");
        Assumptions.assumeFalse(Boolean.getBoolean("tmc.cuda.native.skip"), "built with -Dtmc.cuda.native.skip");
        Loader.load(CudaNative.class);
        Assumptions.assumeTrue(CudaDevice.unavailableReason().isPresent(), "a GPU opened: gpu-check.sh covers it");
        assertEquals(0, CudaNative.tmc_cuda_attention_available());
        assertTrue(CudaNative.tmc_cuda_error().startsWith("cuDNN unavailable: "), CudaNative.tmc_cuda_error());
        assertNotEquals(0, CudaNative.tmc_cuda_attention(0, 0, 0, 0, 1, 1, 1, 64, 1f, 0, 0, 0));
        assertTrue(CudaNative.tmc_cuda_error().startsWith("cuDNN unavailable: "), CudaNative.tmc_cuda_error());
    }
}
