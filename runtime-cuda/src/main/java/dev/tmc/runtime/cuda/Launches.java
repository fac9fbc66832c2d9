// One call's device work as data: each launch and library matmul in order, and the words that say
// exactly what they enqueue (functions, grids, argument bits, pointers, sizes), which is all a
// recorded CUDA graph keeps. Two calls with equal words enqueue the same work.
package dev.tmc.runtime.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

final class Launches {
    private static final long KERNEL = 1;
    private static final long MATMUL = 2;

    private final List<Runnable> steps = new ArrayList<>();
    private long[] words = new long[64];
    private int size;

    void kernel(long function, int grid, int block, long[] args) {
        add(KERNEL, function, grid, block, args.length);
        add(args);
        steps.add(() -> CudaDriver.launch(function, grid, block, args));
    }

    /** A step of other work, described by {@code words} (tests stand in for the driver with it). */
    void step(Runnable work, long... words) {
        add(words);
        steps.add(work);
    }

    /**
     * A cuBLASLt matmul, or its kernel where the library has no algorithm for the shape (the same
     * answer for every call of the shape, so equal words still mean equal work).
     */
    void matmul(long[] pointers, long[] sizes, int flags, float alpha, long function, int grid, int block,
                long[] args) {
        add(MATMUL, flags, Float.floatToRawIntBits(alpha));
        add(pointers);
        add(sizes);
        add(function, grid, block, args.length);
        add(args);
        steps.add(() -> {
            if (!CudaDriver.matmul(pointers, sizes, flags, alpha)) {
                CudaDriver.launch(function, grid, block, args);
            }
        });
    }

    int count() {
        return steps.size();
    }

    long[] words() {
        return Arrays.copyOf(words, size);
    }

    boolean sameAs(long[] other) {
        return other != null && Arrays.equals(words, 0, size, other, 0, other.length);
    }

    /** Enqueues the steps one by one. */
    void enqueue() {
        for (Runnable step : steps) {
            step.run();
        }
    }

    private void add(long... values) {
        if (size + values.length > words.length) {
            words = Arrays.copyOf(words, Math.max(words.length * 2, size + values.length));
        }
        System.arraycopy(values, 0, words, size, values.length);
        size += values.length;
    }
}
