// Replays a pipeline's call as one CUDA graph where calls repeat. A graph keeps the pointers and
// argument values it was recorded with, so it serves only a call whose launches are word for word
// the graph's: the same inputs, the same output and arena blocks from the pool, the same dims and
// scalars — what a loop that closes its outputs before the next call makes. The second such call
// in a row records the graph and launches it; later ones launch it: one cuGraphLaunch instead of a
// launch per kernel. The last few graphs are kept. Pipelines of one launch gain nothing and are
// left alone.
package dev.tmc.runtime.cuda;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

final class GraphReplay {
    /** Graphs kept per pipeline: calls that alternate between a few sets of buffers replay each. */
    static final int GRAPHS = 4;

    /** What GraphReplay asks of the driver (CudaDriver's graph functions; a fake in tests). */
    interface Graphs {
        void captureBegin();

        long captureEnd();

        void launch(long graph);

        void destroy(long graph);
    }

    static final Graphs DRIVER = new Graphs() {
        @Override
        public void captureBegin() {
            CudaDriver.captureBegin();
        }

        @Override
        public long captureEnd() {
            return CudaDriver.captureEnd();
        }

        @Override
        public void launch(long graph) {
            CudaDriver.graphLaunch(graph);
        }

        @Override
        public void destroy(long graph) {
            CudaDriver.graphDestroy(graph);
        }
    };

    private final Graphs driver;
    private final boolean enabled;
    private boolean disabled;
    private long[] previous; // the last call that ran step by step
    private final ArrayDeque<Recorded> recorded = new ArrayDeque<>(); // most recently used first
    private long replays;
    private static final AtomicLong ALL_REPLAYS = new AtomicLong();

    private record Recorded(long[] words, long graph) {
    }

    GraphReplay(Graphs driver, boolean enabled) {
        this.driver = driver;
        this.enabled = enabled;
    }

    synchronized void enqueue(Launches launches) {
        if (!enabled || disabled || launches.count() < 2) {
            launches.enqueue();
            return;
        }
        for (Recorded r : recorded) {
            if (launches.sameAs(r.words())) {
                recorded.remove(r);
                recorded.addFirst(r);
                driver.launch(r.graph());
                replayed();
                return;
            }
        }
        if (!launches.sameAs(previous)) {
            previous = launches.words();
            launches.enqueue();
            return;
        }
        long graph = record(launches);
        if (graph == 0) {
            disabled = true; // the driver would not record this work: run it as before, from now on
            launches.enqueue();
            return;
        }
        if (recorded.size() == GRAPHS) {
            driver.destroy(recorded.removeLast().graph()); // one still running is freed when it completes
        }
        recorded.addFirst(new Recorded(previous, graph));
        previous = null;
        driver.launch(graph);
        replayed();
    }

    private void replayed() {
        replays++;
        ALL_REPLAYS.incrementAndGet();
    }

    /** Calls served by a graph in this process, all pipelines together. */
    static long allReplays() {
        return ALL_REPLAYS.get();
    }

    /** Calls served by a graph so far (for tests). */
    synchronized long replays() {
        return replays;
    }

    /** The instantiated graph of the launches, or 0 where recording failed (nothing was run). */
    private long record(Launches launches) {
        try {
            driver.captureBegin();
        } catch (RuntimeException e) {
            return 0;
        }
        try {
            launches.enqueue();
        } catch (RuntimeException e) {
            try {
                driver.destroy(driver.captureEnd());
            } catch (RuntimeException ended) {
                // the capture was invalidated: ending it was all that was left to do
            }
            return 0;
        }
        try {
            return driver.captureEnd();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
