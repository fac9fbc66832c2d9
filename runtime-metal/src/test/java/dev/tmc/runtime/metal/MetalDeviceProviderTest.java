// Where Metal is missing the provider says why without throwing, and Device.best() is the CPU;
// where it runs (macOS with the native build), Device.best() is Metal.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.Device;
import dev.tmc.runtime.DeviceProvider;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetalDeviceProviderTest {
    @Test
    void onAnotherOsTheProviderIsUnavailableAndSaysWhy() {
        MetalDeviceProvider.Opened o = MetalDeviceProvider.open("Linux");
        assertTrue(o.device().isEmpty());
        assertEquals("Metal runs on macOS only; this is Linux", o.unavailableReason());
    }

    @Test
    void theProviderIsRegisteredWithServiceLoader() {
        assertTrue(ServiceLoader.load(DeviceProvider.class).stream()
                .anyMatch(p -> p.type() == MetalDeviceProvider.class));
    }

    @Test
    void bestIsMetalWhereItIsAvailableAndOtherwiseTheCpu() {
        MetalDeviceProvider provider = new MetalDeviceProvider();
        if (provider.isAvailable()) {
            assertEquals("metal", Device.best().name());
            assertTrue(MetalDeviceProvider.unavailableReason().isEmpty());
        } else {
            assertEquals("cpu", Device.best().name(), "no error, just the CPU");
            assertFalse(MetalDeviceProvider.unavailableReason().orElseThrow().isEmpty());
            assertFalse(Device.available().stream().anyMatch(d -> d.name().equals("metal")));
        }
    }
}
