// Backend SPI: how Device finds its backends. Implementations are listed in
// META-INF/services/dev.tmc.runtime.DeviceProvider and loaded with java.util.ServiceLoader.
package dev.tmc.runtime;

public interface DeviceProvider {
    /** The device's name, e.g. {@code cpu} or {@code metal}. */
    String name();

    /** Device.best() takes the available device of highest priority; the CPU's is 0, GPUs' above. */
    int priority();

    /** Whether the device can run here (the OS, the driver, the hardware); must not throw. */
    boolean isAvailable();

    /** The device; the same instance on every call. Only called when available. */
    Device device();
}
