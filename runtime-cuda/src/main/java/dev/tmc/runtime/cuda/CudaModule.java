// One loaded fatbin: its kernels by name, each looked up with cuModuleGetFunction once.
package dev.tmc.runtime.cuda;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class CudaModule {
    private final long handle;
    private final Map<String, Long> functions = new ConcurrentHashMap<>();

    CudaModule(long handle) {
        this.handle = handle;
    }

    /** @throws IllegalStateException when the module has no kernel of that name */
    long function(String name) {
        return functions.computeIfAbsent(name, n -> CudaDriver.moduleFunction(handle, n));
    }
}
