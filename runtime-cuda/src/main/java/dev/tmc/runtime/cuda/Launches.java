// One call's device work as data: each launch and library matmul in order, and the words that say
// exactly what they enqueue (functions, grids, argument bits, pointers, sizes), which is all a
// recorded CUDA graph keeps. Two calls with equal words enqueue the same work.
package dev.tmc.runtime.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

final class Launches {
    static final long KERNEL = 1;
    static final long MATMUL = 2;
    static final long ATTENTION = 3;

    /** A kernel launch: the function, its grid and block, each argument's bits. */
    record Kernel(long function, int grid, int block, long[] args) {
        void launch() {
            CudaDriver.launch(function, grid, block, args);
        }
    }

    private final List<Runnable> steps = new ArrayList<>();
    private long[] words = new long[64];
    private int size;

    void kernel(Kernel k) {
        addKernel(k);
        steps.add(k::launch);
    }

    /**
     * A library call (cuBLASLt, cuDNN), or its kernel where {@code call} answers false, having
     * enqueued nothing (no algorithm or plan for the shape: the same answer for every call of it,
     * so equal words still mean equal work). The words: {@code kind}, the call's flags and scale
     * bits, its pointers and sizes, then the kernel's.
     */
    void library(BooleanSupplier call, Kernel orElse, long kind, long flags, long scaleBits, long[] pointers,
                 long[] sizes) {
        add(kind, flags, scaleBits);
        add(pointers);
        add(sizes);
        addKernel(orElse);
        steps.add(() -> {
            if (!call.getAsBoolean()) {
                orElse.launch();
            }
        });
    }

    /** A step of other work, described by {@code words} (tests stand in for the driver with it). */
    void step(Runnable work, long... words) {
        add(words);
        steps.add(work);
    }

    private void addKernel(Kernel k) {
        add(KERNEL, k.function(), k.grid(), k.block(), k.args().length);
        add(k.args());
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
