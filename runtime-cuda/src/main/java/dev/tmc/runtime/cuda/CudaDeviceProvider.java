// Registers the CUDA device with Device.available() where the bridge loads and libcuda.so.1
// opens a GPU; elsewhere it is simply not available.
package dev.tmc.runtime.cuda;

import dev.tmc.runtime.Device;
import dev.tmc.runtime.DeviceProvider;

public final class CudaDeviceProvider implements DeviceProvider {
    @Override
    public String name() {
        return CudaDevice.TARGET;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean isAvailable() {
        return CudaDevice.unavailableReason().isEmpty();
    }

    @Override
    public Device device() {
        return CudaDevice.shared();
    }
}
