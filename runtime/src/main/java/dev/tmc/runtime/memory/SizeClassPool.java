// Free buffers of every backend, recycled by size class: the CPU's typed arrays and a GPU's device
// buffers share this logic, so a steady stream of calls allocates nothing after the first.
package dev.tmc.runtime.memory;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buffers come in size classes, powers of two of a backend's unit (elements of a kind, or bytes),
 * per kind: a request takes a buffer of its class's capacity (so it may be larger than asked for)
 * and one that is freed serves any request of its class. Requests above the largest class are
 * allocated exactly and never kept.
 *
 * <p>The pool keeps at most {@code retainLimitBytes} of free buffers; beyond that, freed buffers
 * go to {@link Memory#discard}. Buffers taken from the pool hold stale data.
 *
 * @param <B> the buffer type
 */
public final class SizeClassPool<B> {
    /** How a backend makes, measures and frees its buffers. */
    public interface Memory<B> {
        /** A new buffer of {@code units} units of {@code kind}. */
        B allocate(int kind, long units);

        /** The bytes of {@code units} units of {@code kind}: what counts against the retain limit. */
        long bytes(int kind, long units);

        /** Frees a buffer the pool will not keep (a no-op where the garbage collector frees it). */
        void discard(B buffer);
    }

    private final Memory<B> memory;
    private final int kinds;
    private final int largestClass;
    private final long retainLimitBytes;
    private final FreeList<B>[] free;
    private final AtomicLong retainedBytes = new AtomicLong();
    private final AtomicLong freshAllocations = new AtomicLong();

    /** One class's free buffers; a lock per class, since a take or give is a few instructions. */
    private static final class FreeList<B> {
        private final ArrayDeque<B> buffers = new ArrayDeque<>();
    }

    /**
     * @param kinds        kinds are 0 .. kinds - 1 (e.g. ArrayKind ordinals); buffers of different
     *                     kinds never serve each other
     * @param largestClass classes 0 .. largestClass are pooled (at most 62)
     */
    @SuppressWarnings("unchecked")
    public SizeClassPool(int kinds, int largestClass, long retainLimitBytes, Memory<B> memory) {
        if (kinds < 1 || largestClass < 0 || largestClass > 62) {
            throw new IllegalArgumentException("kinds " + kinds + ", largest class " + largestClass);
        }
        this.memory = memory;
        this.kinds = kinds;
        this.largestClass = largestClass;
        this.retainLimitBytes = retainLimitBytes;
        this.free = new FreeList[kinds * (largestClass + 1)];
        for (int i = 0; i < free.length; i++) {
            free[i] = new FreeList<>();
        }
    }

    /**
     * A buffer of at least {@code units} units, whose contents are whatever its last user left
     * there: callers that read before they write must clear it. Give it back with its capacity,
     * {@link #capacity}{@code (units)}.
     */
    public B take(int kind, long units) {
        checkKind(kind);
        if (units < 0) {
            throw new IllegalArgumentException("negative size " + units);
        }
        int sizeClass = sizeClass(units);
        if (sizeClass > largestClass) {
            freshAllocations.incrementAndGet();
            return memory.allocate(kind, units);
        }
        FreeList<B> list = free[index(kind, sizeClass)];
        B buffer;
        synchronized (list) {
            buffer = list.buffers.pollFirst();
        }
        if (buffer != null) {
            retainedBytes.addAndGet(-memory.bytes(kind, 1L << sizeClass));
            return buffer;
        }
        freshAllocations.incrementAndGet();
        return memory.allocate(kind, 1L << sizeClass);
    }

    /** The capacity in units of the buffer that {@link #take}{@code (kind, units)} gives. */
    public long capacity(long units) {
        int sizeClass = sizeClass(units);
        return sizeClass > largestClass ? units : 1L << sizeClass;
    }

    /**
     * Returns a buffer that {@link #take} gave out, with its capacity in units; the caller must
     * not touch it afterwards.
     */
    public void give(int kind, long capacity, B buffer) {
        checkKind(kind);
        int sizeClass = sizeClass(capacity);
        if (sizeClass > largestClass || capacity != 1L << sizeClass) {
            memory.discard(buffer); // not of a class: an exact large allocation
            return;
        }
        long bytes = memory.bytes(kind, capacity);
        if (retainedBytes.addAndGet(bytes) > retainLimitBytes) {
            retainedBytes.addAndGet(-bytes);
            memory.discard(buffer);
            return;
        }
        FreeList<B> list = free[index(kind, sizeClass)];
        synchronized (list) {
            list.buffers.addFirst(buffer); // most recently used first: its memory is likely cached
        }
    }

    /** How many buffers the pool has allocated rather than reused, since it was made. */
    public long freshAllocations() {
        return freshAllocations.get();
    }

    /** Bytes of free buffers the pool holds now. */
    public long retainedBytes() {
        return retainedBytes.get();
    }

    /** The smallest c with 2^c >= units (0 for 0 and 1). */
    public static int sizeClass(long units) {
        return units <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(units - 1);
    }

    private int index(int kind, int sizeClass) {
        return kind * (largestClass + 1) + sizeClass;
    }

    private void checkKind(int kind) {
        if (kind < 0 || kind >= kinds) {
            throw new IllegalArgumentException("kind " + kind + " is not one of this pool's " + kinds);
        }
    }
}
