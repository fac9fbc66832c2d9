// Where there is no GPU (CI, most build machines) the CUDA device must say why and stay out of
// Device.available(); where there is one, a tensor must survive a round trip through it.
package dev.tmc.runtime.cuda;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
