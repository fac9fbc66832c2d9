// Registers the CPU device with ServiceLoader (META-INF/services/dev.tmc.runtime.DeviceProvider).
package dev.tmc.runtime.cpu;

import dev.tmc.runtime.Device;
import dev.tmc.runtime.DeviceProvider;

public final class CpuDeviceProvider implements DeviceProvider {
    @Override
    public String name() {
        return CpuDevice.TARGET;
    }

    /** The lowest: any GPU that is available is preferred. */
    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Device device() {
        return CpuDevice.shared();
    }
}
