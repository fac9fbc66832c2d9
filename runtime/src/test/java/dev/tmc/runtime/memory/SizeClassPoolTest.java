// The size-class pool that the CPU's arrays and Metal's buffers share: classes, reuse by class and
// kind, the retain limit, exact large buffers, and discard of what the pool does not keep.
package dev.tmc.runtime.memory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizeClassPoolTest {
    /** A buffer is its kind and capacity in units; bytes are 4 per unit. */
    private record Buf(int kind, long units) {
    }

    private final List<Buf> discarded = new ArrayList<>();

    private SizeClassPool<Buf> pool(long retainLimitBytes) {
        return new SizeClassPool<>(2, 10, retainLimitBytes, new SizeClassPool.Memory<>() {
            @Override
            public Buf allocate(int kind, long units) {
                return new Buf(kind, units);
            }

            @Override
            public long bytes(int kind, long units) {
                return 4 * units;
            }

            @Override
            public void discard(Buf buffer) {
                discarded.add(buffer);
            }
        });
    }

    @Test
    void sizeClassesArePowersOfTwo() {
        assertEquals(0, SizeClassPool.sizeClass(0));
        assertEquals(0, SizeClassPool.sizeClass(1));
        assertEquals(1, SizeClassPool.sizeClass(2));
        assertEquals(2, SizeClassPool.sizeClass(3));
        assertEquals(10, SizeClassPool.sizeClass(1024));
        assertEquals(11, SizeClassPool.sizeClass(1025));
        assertEquals(34, SizeClassPool.sizeClass((1L << 33) + 1));
    }

    @Test
    void aFreedBufferServesAnyRequestOfItsClassAndKindOnly() {
        SizeClassPool<Buf> p = pool(1 << 20);
        Buf a = p.take(0, 5);
        assertEquals(new Buf(0, 8), a);
        p.give(0, p.capacity(5), a);
        assertEquals(32, p.retainedBytes());
        assertNotSame(a, p.take(1, 7), "another kind");
        assertSame(a, p.take(0, 7), "same class");
        assertEquals(0, p.retainedBytes());
        assertEquals(2, p.freshAllocations());
    }

    @Test
    void beyondTheRetainLimitOrTheLargestClassBuffersAreDiscarded() {
        SizeClassPool<Buf> p = pool(64);
        Buf big = p.take(0, 2000);
        assertEquals(new Buf(0, 2000), big, "above 2^10 units: exact");
        p.give(0, p.capacity(2000), big);
        Buf a = p.take(0, 16);
        Buf b = p.take(0, 16);
        p.give(0, 16, a);
        p.give(0, 16, b); // 2 * 64 bytes > 64
        assertEquals(List.of(big, b), discarded);
        assertEquals(64, p.retainedBytes());
    }

    @Test
    void badArgumentsAreRefused() {
        SizeClassPool<Buf> p = pool(64);
        assertThrows(IllegalArgumentException.class, () -> p.take(2, 1));
        assertThrows(IllegalArgumentException.class, () -> p.take(0, -1));
    }
}
