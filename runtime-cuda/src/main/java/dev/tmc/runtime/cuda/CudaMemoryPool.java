// Device memory by size class (powers of two from 256 bytes): freed blocks wait for the next
// request of their class instead of going back to cuMemFree. Reuse is safe without waiting,
// because every kernel, copy and memset runs in order on the device's one stream. With
// -Dtmc.cuda.poison=true every block handed out is first filled with 0xff bytes (NaN in every
// float dtype, -1 in i32), so that an element a kernel fails to write shows up in a check.
package dev.tmc.runtime.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

final class CudaMemoryPool {
    private static final long SMALLEST = 256;
    private static final boolean POISON = Boolean.getBoolean("tmc.cuda.poison");

    private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
    private final Map<Long, Long> classOf = new HashMap<>();
    private long allocations;

    /** A block of at least {@code bytes} bytes (at least one, so that empty tensors have an address). */
    synchronized long take(long bytes) {
        long p = block(bytes);
        if (POISON) {
            CudaDriver.fill(p, sizeClass(bytes), (byte) 0xff);
        }
        return p;
    }

    private long block(long bytes) {
        long size = sizeClass(bytes);
        ArrayDeque<Long> q = free.get(size);
        if (q != null && !q.isEmpty()) {
            return q.pop();
        }
        long p;
        try {
            p = CudaDriver.alloc(size);
        } catch (IllegalStateException outOfMemory) {
            release();
            p = CudaDriver.alloc(size);
        }
        allocations++;
        classOf.put(p, size);
        return p;
    }

    synchronized void give(long pointer) {
        free.computeIfAbsent(classOf.get(pointer), k -> new ArrayDeque<>()).push(pointer);
    }

    /** How many cuMemAlloc calls the pool has made (for tests: a warm call should make none). */
    synchronized long allocations() {
        return allocations;
    }

    /** Frees every idle block; all work that used them must be finished. */
    private void release() {
        CudaDriver.synchronize();
        for (ArrayDeque<Long> q : free.values()) {
            for (long p : q) {
                CudaDriver.free(p);
                classOf.remove(p);
            }
            q.clear();
        }
    }

    static long sizeClass(long bytes) {
        long size = SMALLEST;
        while (size < bytes) {
            size <<= 1;
        }
        return size;
    }
}
