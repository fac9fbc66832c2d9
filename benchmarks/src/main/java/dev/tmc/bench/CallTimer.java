// Times a call as a TimingPolicy says: warm up, size the batches, take the median per call.
package dev.tmc.bench;

final class CallTimer {
    /**
     * Process CPU time may advance in scheduler ticks (10 ms on some kernels), so the work of a
     * call is measured over calls that last at least this long together.
     */
    private static final long WORK_WINDOW_NANOS = 250_000_000L;

    private CallTimer() {
    }

    static Measurement measure(TimingPolicy policy, Runnable call) {
        long warmupStart = System.nanoTime();
        long calls = 0;
        while (calls < policy.minWarmupCalls() || System.nanoTime() - warmupStart < policy.warmupNanos()) {
            call.run();
            calls++;
        }
        long batch = 1;
        if (policy.minBatchNanos() > 0) {
            long start = System.nanoTime();
            call.run();
            long one = Math.max(1, System.nanoTime() - start);
            batch = Math.max(1, policy.minBatchNanos() / one);
        }
        double[] perCall = new double[policy.repetitions()];
        for (int r = 0; r < perCall.length; r++) {
            long start = System.nanoTime();
            for (long i = 0; i < batch; i++) {
                call.run();
            }
            perCall[r] = (System.nanoTime() - start) / (double) batch;
        }
        return Measurement.of(perCall, batch, policy.measureWork() ? work(call) : Double.NaN);
    }

    /** Process CPU time per call over a window of calls after the timed ones; NaN where unknown. */
    private static double work(Runnable call) {
        long cpuStart = ProcessCpuTime.nanos();
        if (cpuStart < 0) {
            return Double.NaN;
        }
        long wallStart = System.nanoTime();
        long calls = 0;
        do {
            call.run();
            calls++;
        } while (System.nanoTime() - wallStart < WORK_WINDOW_NANOS);
        return (ProcessCpuTime.nanos() - cpuStart) / (double) calls;
    }
}
