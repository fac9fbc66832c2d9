// The Metal device's pool of shared-storage buffers, by size class of bytes (the same
// SizeClassPool as the CPU's arrays): outputs and arenas reuse buffers across calls, so a steady
// stream of calls allocates no Metal memory after the first.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.memory.SizeClassPool;

final class MetalBuffers {
    /** Classes up to 2^40 bytes; larger buffers are allocated exactly and released when freed. */
    private static final int LARGEST_CLASS = 40;

    private final SizeClassPool<MetalBridge.Buffer> pool;

    MetalBuffers(MetalBridge bridge, long retainLimitBytes) {
        this.pool = new SizeClassPool<>(1, LARGEST_CLASS, retainLimitBytes, new SizeClassPool.Memory<>() {
            @Override
            public MetalBridge.Buffer allocate(int kind, long units) {
                return bridge.allocate(units);
            }

            @Override
            public long bytes(int kind, long units) {
                return units;
            }

            @Override
            public void discard(MetalBridge.Buffer buffer) {
                buffer.release();
            }
        });
    }

    /** A buffer of at least {@code bytes} bytes (at least 1: Metal has no empty buffers), stale contents. */
    MetalBridge.Buffer take(long bytes) {
        return pool.take(0, Math.max(1, bytes));
    }

    /** Gives back a buffer that {@link #take}{@code (bytes)} gave, once no GPU work uses it. */
    void give(MetalBridge.Buffer buffer, long bytes) {
        pool.give(0, pool.capacity(Math.max(1, bytes)), buffer);
    }

    long freshAllocations() {
        return pool.freshAllocations();
    }

    long retainedBytes() {
        return pool.retainedBytes();
    }
}
