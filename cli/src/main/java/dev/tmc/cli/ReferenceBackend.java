// The reference interpreter as a backend: the meaning of the graph IR, in f64, rounded where stored.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.interp.Interpreter;
import dev.tmc.compiler.ir.graph.Graph;

import java.util.Map;

final class ReferenceBackend implements Backend {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Map<String, HostArray> run(Graph pipeline, Map<String, HostArray> inputs) throws InputError {
        return Interpreter.run(pipeline, inputs);
    }
}
