// A point in the device's stream, for timing device work without waiting for it (cuEventRecord).
package dev.tmc.runtime.cuda;

public final class CudaEvent {
    private final long handle;

    private CudaEvent(long handle) {
        this.handle = handle;
    }

    /** A new event of the shared device's context. */
    public static CudaEvent create() {
        CudaDevice.shared();
        return new CudaEvent(CudaDriver.eventCreate());
    }

    /** Marks the point after all work submitted so far. */
    public void record() {
        CudaDriver.eventRecord(handle);
    }

    /** Device milliseconds from {@code start} to this event, waiting until this one is reached. */
    public float millisSince(CudaEvent start) {
        return CudaDriver.eventElapsedMillis(start.handle, handle);
    }
}
