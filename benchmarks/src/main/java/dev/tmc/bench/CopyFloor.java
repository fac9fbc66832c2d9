// The memory-copy floor: the time to copy an array whose read plus write is a pipeline's minimal
// bytes, measured in the same run, once with one System.arraycopy and once split over all cores.
// A memory-bound pipeline cannot beat the faster of the two by much.
package dev.tmc.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

final class CopyFloor {
    /** A floor: how it was measured and its time per copy. */
    record Result(String method, Measurement time) {
    }

    private CopyFloor() {
    }

    /**
     * Copies of {@code bytes / 2} bytes (as floats; so {@code bytes} are read plus written), serial
     * and parallel; returns the faster.
     */
    static Result measure(long bytes, TimingPolicy policy, ForkJoinPool pool) {
        int floats = Math.toIntExact(Math.max(1, bytes / 8));
        float[] src = new float[floats];
        float[] dst = new float[floats];
        for (int i = 0; i < floats; i += 1024) {
            src[i] = i; // touch every page before timing
            dst[i] = 0;
        }
        Measurement serial = CallTimer.measure(policy, () -> System.arraycopy(src, 0, dst, 0, floats));
        int parts = pool.getParallelism();
        Measurement parallel = CallTimer.measure(policy, () -> pool.invoke(new Chunk(src, dst, 0, floats,
                Math.max(1, (floats + parts - 1) / parts))));
        return parallel.medianNanos() < serial.medianNanos()
                ? new Result("arraycopy ×" + parts + " threads", parallel)
                : new Result("arraycopy, 1 thread", serial);
    }

    /** One contiguous part of the copy, split in halves until a part is at most a grain. */
    private static final class Chunk extends RecursiveAction {
        private final float[] src;
        private final float[] dst;
        private final int from;
        private final int to;
        private final int grain;

        Chunk(float[] src, float[] dst, int from, int to, int grain) {
            this.src = src;
            this.dst = dst;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                System.arraycopy(src, from, dst, from, to - from);
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new Chunk(src, dst, from, middle, grain), new Chunk(src, dst, middle, to, grain));
        }
    }
}
