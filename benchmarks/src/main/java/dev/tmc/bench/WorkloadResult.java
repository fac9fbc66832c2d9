// What the harness measured for one workload: a row of the results table.
package dev.tmc.bench;

/**
 * @param dtype        the storage dtype of the pipeline's tensors
 * @param kernels      CPU kernels one call launches
 * @param minimalBytes bytes a call must read and write at least
 * @param cpu          the CPU backend's time per call
 * @param floor        the copy floor for {@code minimalBytes}, measured in the same run
 * @param interpreter  the reference interpreter's time per call, and how it was obtained
 */
public record WorkloadResult(Workload workload, String dtype, int kernels, long minimalBytes, Measurement cpu,
                             CopyFloor.Result floor, InterpreterTiming.Result interpreter) {

    double cpuGigabytesPerSecond() {
        return Format.gigabytesPerSecond(minimalBytes, cpu.medianNanos());
    }

    double floorGigabytesPerSecond() {
        return Format.gigabytesPerSecond(minimalBytes, floor.time().medianNanos());
    }

    /** CPU time over floor time: 1 is as fast as a copy of the same bytes. */
    double ratioToFloor() {
        return cpu.medianNanos() / floor.time().medianNanos();
    }

    /**
     * CPU work over floor work (process CPU time per call, all threads): the ratio with the other
     * processes of a shared machine taken out, as far as they leave caches and memory alone.
     */
    double workRatioToFloor() {
        return cpu.workNanos() / floor.time().workNanos();
    }

    double speedupOverInterpreter() {
        return interpreter.perCall().medianNanos() / cpu.medianNanos();
    }
}
