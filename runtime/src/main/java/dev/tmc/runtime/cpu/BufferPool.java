// Recycled typed arrays for one CPU device: tensors and per-call arenas take arrays here and give
// them back, so a steady stream of calls whose outputs get closed allocates no buffers.
package dev.tmc.runtime.cpu;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arrays come in size classes, powers of two per {@link ArrayKind}: a request takes an array of
 * its class's length (so it may be longer than asked for) and one that is freed serves any
 * request of its class. Arrays above 2^30 elements are allocated exactly and never kept.
 *
 * <p>The pool keeps at most {@code retainLimitBytes} of free arrays; beyond that, freed arrays are
 * left to the garbage collector. Arrays taken from the pool hold stale data; see {@link #take}.
 */
public final class BufferPool {
    private static final int LARGEST_CLASS = 30;

    private final long retainLimitBytes;
    private final FreeList[] free;
    private final AtomicLong retainedBytes = new AtomicLong();
    private final AtomicLong freshAllocations = new AtomicLong();

    /** One class's free arrays; a lock per class, since a take or give is a few instructions. */
    private static final class FreeList {
        private final ArrayDeque<Object> arrays = new ArrayDeque<>();
    }

    public BufferPool(long retainLimitBytes) {
        this.retainLimitBytes = retainLimitBytes;
        this.free = new FreeList[ArrayKind.values().length * (LARGEST_CLASS + 1)];
        for (int i = 0; i < free.length; i++) {
            free[i] = new FreeList();
        }
    }

    /**
     * An array of at least {@code length} elements, whose contents are whatever its last user
     * left there: callers that read before they write must clear it.
     */
    public Object take(ArrayKind kind, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        int sizeClass = sizeClass(length);
        if (sizeClass > LARGEST_CLASS) {
            freshAllocations.incrementAndGet();
            return kind.allocate(length);
        }
        FreeList list = free[index(kind, sizeClass)];
        Object array;
        synchronized (list) {
            array = list.arrays.pollFirst();
        }
        if (array != null) {
            retainedBytes.addAndGet(-bytes(kind, sizeClass));
            return array;
        }
        freshAllocations.incrementAndGet();
        return kind.allocate(1 << sizeClass);
    }

    /** Returns an array that {@link #take} gave out; its caller must not touch it afterwards. */
    public void give(Object array) {
        ArrayKind kind = ArrayKind.ofArray(array);
        int length = ArrayKind.length(array);
        int sizeClass = sizeClass(length);
        if (sizeClass > LARGEST_CLASS || length != 1 << sizeClass) {
            return; // not of a class: an exact large allocation
        }
        long bytes = bytes(kind, sizeClass);
        if (retainedBytes.addAndGet(bytes) > retainLimitBytes) {
            retainedBytes.addAndGet(-bytes);
            return;
        }
        FreeList list = free[index(kind, sizeClass)];
        synchronized (list) {
            list.arrays.addFirst(array); // most recently used first: its memory is likely cached
        }
    }

    /** How many arrays the pool has allocated rather than reused, since it was made. */
    public long freshAllocations() {
        return freshAllocations.get();
    }

    /** Bytes of free arrays the pool holds now. */
    public long retainedBytes() {
        return retainedBytes.get();
    }

    /** The smallest c with 2^c >= length (0 for lengths 0 and 1). */
    static int sizeClass(int length) {
        return length <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(length - 1);
    }

    private static int index(ArrayKind kind, int sizeClass) {
        return kind.ordinal() * (LARGEST_CLASS + 1) + sizeClass;
    }

    private static long bytes(ArrayKind kind, int sizeClass) {
        return (long) kind.bytesPerElement() << sizeClass;
    }
}
