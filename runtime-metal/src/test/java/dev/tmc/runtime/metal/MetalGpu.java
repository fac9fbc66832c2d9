// The real Metal device for the tests that need a GPU: skipped with the reason where there is none,
// except under -Pmetal (tmc.metal.required=true), where a missing device is a failure.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.Device;
import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

final class MetalGpu {
    private MetalGpu() {
    }

    static boolean required() {
        return Boolean.getBoolean("tmc.metal.required");
    }

    /** The system Metal device, or the test is skipped (failed under -Pmetal) saying why. */
    static MetalDevice device() {
        var reason = MetalDeviceProvider.unavailableReason();
        if (reason.isPresent()) {
            String why = "needs a Mac with Metal and runtime-metal's native build: " + reason.get();
            if (required()) {
                fail(why + " (-Pmetal requires the GPU tests to run)");
            }
            Assumptions.abort(why);
        }
        return (MetalDevice) new MetalDeviceProvider().device();
    }

    static Device cpu() {
        return Device.cpu();
    }
}
