// The devices found through ServiceLoader, once per JVM: which backends exist cannot change
// while it runs, and each device owns threads and a buffer pool that must not be duplicated.
package dev.tmc.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

final class DeviceRegistry {
    private DeviceRegistry() {}

    /** Initialised on first use (the holder idiom), so merely loading Device finds nothing. */
    private static final class Found {
        static final List<Device> DEVICES = find();
    }

    static List<Device> available() {
        return Found.DEVICES;
    }

    private static List<Device> find() {
        List<DeviceProvider> providers = new ArrayList<>();
        Iterator<DeviceProvider> it = ServiceLoader.load(DeviceProvider.class, DeviceProvider.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                DeviceProvider p = it.next();
                if (p.isAvailable()) {
                    providers.add(p);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                // A backend that cannot even load (e.g. missing native libraries) is not available.
            }
        }
        providers.sort(Comparator.comparingInt(DeviceProvider::priority).reversed().thenComparing(DeviceProvider::name));
        List<Device> devices = new ArrayList<>();
        for (DeviceProvider p : providers) {
            devices.add(p.device());
        }
        // The CPU runs everywhere, even where a repackaged jar lost the service file.
        if (!devices.contains(Device.cpu())) {
            devices.add(Device.cpu());
        }
        return List.copyOf(devices);
    }
}
