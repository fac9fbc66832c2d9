// The results as a markdown table, one row per workload, with the column legend and the run's
// circumstances above it.
package dev.tmc.bench;

import java.util.List;

final class ResultsTable {
    static final String LEGEND = """
            Columns: **CPU** is the CPU backend's time per call, steady state, median over the \
            repetitions; **GB/s** is minimal bytes / that time; **floor** is a plain Java array copy of \
            the same minimal bytes (half read, half written), measured in the same run, serial or split \
            over all cores, whichever is faster; **×floor** is CPU time / floor time (1.0 = as fast as \
            the copy); **×floor (work)** is the same ratio of CPU time consumed (process CPU time per call, \
            all threads), which other processes on a shared machine inflate less than wall time; **interpreter** is the reference interpreter's time per call (its basis says \
            whether it was measured at that size or extrapolated per element from a slice of N rows); \
            **speedup** is interpreter / CPU. **kernels** counts the CPU kernels one call launches.
            """;

    private ResultsTable() {
    }

    static String markdown(List<WorkloadResult> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| pipeline | dtype | shape | kernels | minimal bytes | CPU (median) | CPU GB/s | floor | floor GB/s"
                + " | ×floor | ×floor (work) | interpreter | interpreter basis | speedup |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (WorkloadResult r : rows) {
            out.append("| ").append(r.workload().name())
                    .append(" | ").append(r.dtype())
                    .append(" | ").append(r.workload().shapeLabel())
                    .append(" | ").append(r.kernels())
                    .append(" | ").append(Format.bytes(r.minimalBytes()))
                    .append(" | ").append(Format.time(r.cpu().medianNanos()))
                    .append(" | ").append(Format.digits(r.cpuGigabytesPerSecond()))
                    .append(" | ").append(Format.time(r.floor().time().medianNanos()))
                    .append(" | ").append(Format.digits(r.floorGigabytesPerSecond()))
                    .append(" | ").append(Format.factor(r.ratioToFloor()))
                    .append(" | ").append(Format.factor(r.workRatioToFloor()))
                    .append(" | ").append(Format.time(r.interpreter().perCall().medianNanos()))
                    .append(" | ").append(r.interpreter().basis())
                    .append(" | ").append(Format.factor(r.speedupOverInterpreter()))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Spread and method details, for readers who doubt a number. */
    static String details(List<WorkloadResult> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| pipeline | dtype | shape | CPU min–max | CPU reps × calls | CPU work/call | floor method |"
                + " floor min–max | floor work/call | interpreter reps |\n");
        out.append("|---|---|---|---|---|---:|---|---|---:|---:|\n");
        for (WorkloadResult r : rows) {
            out.append("| ").append(r.workload().name())
                    .append(" | ").append(r.dtype())
                    .append(" | ").append(r.workload().shapeLabel())
                    .append(" | ").append(Format.time(r.cpu().minNanos())).append(" – ")
                    .append(Format.time(r.cpu().maxNanos()))
                    .append(" | ").append(r.cpu().repetitions()).append(" × ").append(r.cpu().callsPerRep())
                    .append(" | ").append(Format.time(r.cpu().workNanos()))
                    .append(" | ").append(r.floor().method())
                    .append(" | ").append(Format.time(r.floor().time().minNanos())).append(" – ")
                    .append(Format.time(r.floor().time().maxNanos()))
                    .append(" | ").append(Format.time(r.floor().time().workNanos()))
                    .append(" | ").append(r.interpreter().perCall().repetitions())
                    .append(" |\n");
        }
        return out.toString();
    }
}
