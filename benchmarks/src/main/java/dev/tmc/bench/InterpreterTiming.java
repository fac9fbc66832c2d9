// The reference interpreter's time per call. It computes in f64, one op at a time over whole
// arrays, and is slow: at large sizes it runs a slice (fewer rows, the same row length) and the
// time is extrapolated per output element, which tables say.
package dev.tmc.bench;

import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.interp.Interpreter;
import dev.tmc.compiler.ir.graph.Graph;

final class InterpreterTiming {
    /**
     * @param perCall  the estimated (or measured) time of one call at the workload's size
     * @param basis    how: "measured" or "N=64 slice, ×256 per element"
     */
    record Result(Measurement perCall, String basis) {
    }

    private InterpreterTiming() {
    }

    /**
     * Times the interpreter on {@code workload}, or on a slice of at most {@code maxElements}
     * output elements when it is larger.
     */
    static Result measure(Graph g, Workload workload, long maxElements, TimingPolicy policy) {
        long full = workload.outputElements(g);
        Workload run = workload;
        if (full > maxElements) {
            long perRow = full / workload.rows();
            run = workload.withRows(Math.max(1, maxElements / perRow));
        }
        WorkloadInputs inputs = new WorkloadInputs(g, run, 7);
        var hostInputs = inputs.hostArrays();
        Measurement m = CallTimer.measure(policy, () -> {
            try {
                Interpreter.run(g, hostInputs);
            } catch (InputError e) {
                throw new IllegalStateException(e);
            }
        });
        if (run == workload) {
            return new Result(m, "measured");
        }
        double factor = full / (double) run.outputElements(g);
        return new Result(m.scaled(factor), "N=" + run.rows() + " slice, ×" + Format.factor(factor)
                + " per element");
    }
}
