// Registers the Metal device with ServiceLoader (META-INF/services/dev.tmc.runtime.DeviceProvider).
// Available only where the native bridge loads and Metal finds a device; anywhere else it says
// why and Device.best() falls back to the CPU.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.Device;
import dev.tmc.runtime.DeviceProvider;

import java.util.Locale;
import java.util.Optional;

public final class MetalDeviceProvider implements DeviceProvider {
    /** Above the CPU's 0: where Metal runs, Device.best() is Metal. */
    static final int PRIORITY = 100;

    private static final System.Logger LOG = System.getLogger("dev.tmc.runtime.metal");

    /** Opened once per JVM, on first use: the GPU and its pool are one JVM-wide resource. */
    private static final class SystemDevice {
        static final Opened OPENED = open(System.getProperty("os.name", ""));
    }

    /** The system device, or why there is none. */
    record Opened(Optional<MetalDevice> device, String unavailableReason) {
    }

    @Override
    public String name() {
        return MetalDevice.TARGET;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable() {
        return SystemDevice.OPENED.device().isPresent();
    }

    @Override
    public Device device() {
        return SystemDevice.OPENED.device().orElseThrow(() -> new IllegalStateException(
                "Metal is not available: " + SystemDevice.OPENED.unavailableReason()));
    }

    /** Why Metal is not available here, or empty where it is. */
    public static Optional<String> unavailableReason() {
        Opened o = SystemDevice.OPENED;
        return o.device().isPresent() ? Optional.empty() : Optional.of(o.unavailableReason());
    }

    /** Never throws: a backend that cannot start is simply not available. */
    static Opened open(String osName) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return new Opened(Optional.empty(), "Metal runs on macOS only; this is " + osName);
        }
        try {
            NativeMetalBridge bridge = NativeMetalBridge.open();
            return new Opened(Optional.of(new MetalDevice(bridge, MetalDevice.POOL_RETAIN_BYTES, LOG)), "");
        } catch (LinkageError | RuntimeException e) {
            String reason = "the Metal bridge did not start (" + e + "); was runtime-metal built on macOS?";
            LOG.log(System.Logger.Level.DEBUG, reason, e);
            return new Opened(Optional.empty(), reason);
        }
    }
}
