// Times a call as a TimingPolicy says: warm up, size the batches, take the median per call.
package dev.tmc.bench;

final class CallTimer {
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
        long cpuStart = ProcessCpuTime.nanos();
        for (int r = 0; r < perCall.length; r++) {
            long start = System.nanoTime();
            for (long i = 0; i < batch; i++) {
                call.run();
            }
            perCall[r] = (System.nanoTime() - start) / (double) batch;
        }
        long cpu = ProcessCpuTime.nanos() - cpuStart;
        return Measurement.of(perCall, batch, cpuStart < 0 ? Double.NaN : cpu / (double) (batch * perCall.length));
    }
}
