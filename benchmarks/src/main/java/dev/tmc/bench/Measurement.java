// Time per call from repeated timings: the median (what tables report) with the spread.
package dev.tmc.bench;

import java.util.Arrays;

/**
 * @param medianNanos  median time per call over the repetitions
 * @param minNanos     fastest repetition, per call
 * @param maxNanos     slowest repetition, per call
 * @param repetitions  timed repetitions
 * @param callsPerRep  calls in each timed repetition
 * @param workNanos    CPU time of the whole process (all threads) per call, over calls of at least
 *                     a quarter second after the timed ones: unlike wall time, it does not grow
 *                     when other processes take the cores; NaN where not measured
 */
public record Measurement(double medianNanos, double minNanos, double maxNanos, int repetitions, long callsPerRep,
                          double workNanos) {

    /** From per-call wall times of each repetition, without a CPU-time figure. */
    static Measurement of(double[] perCallNanos, long callsPerRep) {
        return of(perCallNanos, callsPerRep, Double.NaN);
    }

    /** From per-call wall times of each repetition and the process's CPU time per call. */
    static Measurement of(double[] perCallNanos, long callsPerRep, double workNanos) {
        double[] sorted = perCallNanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Measurement(median, sorted[0], sorted[n - 1], n, callsPerRep, workNanos);
    }

    /** The same spread scaled, e.g. from a slice to the full size. */
    Measurement scaled(double factor) {
        return new Measurement(medianNanos * factor, minNanos * factor, maxNanos * factor, repetitions, callsPerRep,
                workNanos * factor);
    }
}
