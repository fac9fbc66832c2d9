// Runs a checked pipeline on host inputs; the seam where the CPU (and later GPU) backends plug in.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;

import java.util.Map;

interface Backend {
    /** The name `tmc run` reports: "ran on NAME". */
    String name();

    /** Outputs keyed by output name, in declaration order. */
    Map<String, HostArray> run(Graph pipeline, Map<String, HostArray> inputs) throws InputError;
}
