// How long to warm up and how many timed repetitions to take; calls shorter than a batch's
// target are timed in batches, so that the clock's resolution does not count.
package dev.tmc.bench;

/**
 * @param warmupNanos     run calls at least this long before timing
 * @param minWarmupCalls  and at least this many
 * @param repetitions     timed repetitions (batches); the median is reported
 * @param minBatchNanos   a batch repeats the call until it takes about this long
 * @param measureWork     also measure the process CPU time per call (a quarter second more)
 */
public record TimingPolicy(long warmupNanos, int minWarmupCalls, int repetitions, long minBatchNanos,
                           boolean measureWork) {

    /** Large inputs: a call is tens to hundreds of milliseconds. */
    static TimingPolicy large(int repetitions) {
        return new TimingPolicy(1_000_000_000L, 3, repetitions, 0, true);
    }

    /** Small inputs: a call is microseconds; batches of about a millisecond. */
    static TimingPolicy small(int repetitions) {
        return new TimingPolicy(1_000_000_000L, 1000, repetitions, 1_000_000L, true);
    }

    /** The reference interpreter: slow at any size, so a short warm-up and few repetitions. */
    static TimingPolicy interpreter(int repetitions) {
        return new TimingPolicy(300_000_000L, 1, repetitions, 0, false);
    }

    /** The smoke test's: a taste of every path, no statistics. */
    static TimingPolicy smoke() {
        return new TimingPolicy(0, 1, 3, 0, false);
    }
}
