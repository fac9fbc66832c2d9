// Runs a checked pipeline on host inputs; the seam where the CPU (and later GPU) backends plug in.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;

import java.util.Map;

interface Backend {
    /** The name `tmc run` reports: "ran on NAME". */
    String name();

    /**
     * Does what a call need not repeat (the CPU backend compiles the pipeline and its kernels), so
     * that the time `tmc run` reports is that of the call alone.
     *
     * @param module    the checked file the pipeline comes from
     * @param precision the profile of files that do not name one
     */
    Call prepare(Module module, Graph pipeline, Precision precision);

    /** A prepared pipeline. */
    interface Call {
        /** Outputs keyed by output name, in declaration order. */
        Map<String, HostArray> run(Map<String, HostArray> inputs) throws InputError;
    }
}
