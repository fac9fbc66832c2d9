// Recycled typed arrays for one CPU device: tensors and per-call arenas take arrays here and give
// them back, so a steady stream of calls whose outputs get closed allocates no buffers.
package dev.tmc.runtime.cpu;

import dev.tmc.runtime.memory.SizeClassPool;

/**
 * Arrays come in size classes of {@link SizeClassPool}, powers of two of elements per
 * {@link ArrayKind}. Arrays above 2^30 elements are allocated exactly and never kept. Arrays taken
 * from the pool hold stale data; see {@link #take}.
 */
public final class BufferPool {
    private static final int LARGEST_CLASS = 30;

    private final SizeClassPool<Object> arrays;

    /** Java arrays: the garbage collector frees what the pool does not keep. */
    private static final class JavaArrays implements SizeClassPool.Memory<Object> {
        @Override
        public Object allocate(int kind, long units) {
            return ArrayKind.values()[kind].allocate((int) units);
        }

        @Override
        public long bytes(int kind, long units) {
            return ArrayKind.values()[kind].bytesPerElement() * units;
        }

        @Override
        public void discard(Object buffer) {
        }
    }

    /** @param retainLimitBytes how many bytes of freed arrays the pool keeps for reuse */
    public BufferPool(long retainLimitBytes) {
        this.arrays = new SizeClassPool<>(ArrayKind.values().length, LARGEST_CLASS, retainLimitBytes, new JavaArrays());
    }

    /**
     * An array of at least {@code length} elements, whose contents are whatever its last user
     * left there: callers that read before they write must clear it.
     */
    public Object take(ArrayKind kind, int length) {
        return arrays.take(kind.ordinal(), length);
    }

    /** Returns an array that {@link #take} gave out; its caller must not touch it afterwards. */
    public void give(Object array) {
        arrays.give(ArrayKind.ofArray(array).ordinal(), ArrayKind.length(array), array);
    }

    /** How many arrays the pool has allocated rather than reused, since it was made. */
    public long freshAllocations() {
        return arrays.freshAllocations();
    }

    /** Bytes of free arrays the pool holds now. */
    public long retainedBytes() {
        return arrays.retainedBytes();
    }
}
