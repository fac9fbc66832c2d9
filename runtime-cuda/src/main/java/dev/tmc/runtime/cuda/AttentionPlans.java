// cuDNN's attention plans, built off the calls' path. Building a shape's plan (heuristics, then the
// plan's finalization) took 460-650 ms on the H100 for the benchmark's shape, far over a first
// call's 50 ms budget; the fused kernel computes the same attention at once. So the first calls of
// a shape run the fused kernel while one background thread builds the plan, and the calls after it
// is built go to cuDNN. -Dtmc.cuda.cudnn.background=false builds on the call instead (the first
// call waits; every call of a shape then takes the same path).
package dev.tmc.runtime.cuda;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

final class AttentionPlans {
    private final boolean background = Boolean.parseBoolean(System.getProperty("tmc.cuda.cudnn.background", "true"));
    private final Map<List<Long>, Boolean> ready = new ConcurrentHashMap<>();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tmc-cudnn-plans");
        t.setDaemon(true);
        return t;
    });

    /**
     * Whether a call of this shape may go to cuDNN now; where its plan is not built yet, starts
     * building it and answers false (the call runs the fused kernel).
     */
    boolean ready(long[] sizes, boolean f16) {
        if (!background) {
            return true;
        }
        List<Long> key = List.of(sizes[0], sizes[1], sizes[2], sizes[3], f16 ? 1L : 0L);
        Boolean built = ready.get(key);
        if (built != null) {
            return built;
        }
        if (ready.putIfAbsent(key, false) == null) {
            long[] shape = sizes.clone();
            builder.execute(() -> {
                try {
                    CudaDriver.attentionPrepare(shape, f16); // no plan: the call says so and runs the kernel
                } catch (RuntimeException e) {
                    // the call that meets the same failure reports it
                } finally {
                    ready.put(key, true);
                }
            });
        }
        return false;
    }

    /** Waits until every plan asked for so far is built. */
    void await() {
        try {
            builder.submit(() -> { }).get(); // one thread, in order: this runs after them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
