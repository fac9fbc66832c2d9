// The reference interpreter as a backend: the meaning of the graph IR, in f64, rounded where stored.
package dev.tmc.cli;

import dev.tmc.compiler.interp.Interpreter;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;

final class ReferenceBackend implements Backend {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Call prepare(Module module, Graph pipeline, Precision precision) {
        return inputs -> Interpreter.run(pipeline, inputs);
    }
}
