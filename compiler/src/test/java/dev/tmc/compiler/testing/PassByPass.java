// When the graph passes break a pipeline, finds the first pass of Passes.standard() that throws,
// leaves invalid IR, or changes what the reference interpreter computes.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.interp.Interpreter;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.GraphVerifier;
import dev.tmc.compiler.pass.Pass;
import dev.tmc.compiler.pass.Passes;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class PassByPass {
    private PassByPass() {
    }

    /** A sentence naming the culprit, with the IR after it; {@code expected} is the result before any pass. */
    public static String locate(Graph before, Map<String, HostArray> inputs, Map<String, HostArray> expected) {
        Graph g = before;
        Map<String, DType> precisions = OutputPrecision.of(before);
        for (Pass pass : Passes.standard()) {
            try {
                g = pass.apply(g);
            } catch (RuntimeException e) {
                return "the first culprit: pass '" + pass.name() + "' throws " + e;
            }
            List<String> invalid = GraphVerifier.verify(g);
            if (!invalid.isEmpty()) {
                return "the first culprit: pass '" + pass.name() + "' leaves invalid IR:\n  "
                        + String.join("\n  ", invalid) + "\n" + GraphPrinter.print(g);
            }
            try {
                Optional<String> differ = Tolerance.mismatch(expected, Interpreter.run(g, inputs),
                        Tolerance.magnitude(inputs), precisions);
                if (differ.isPresent()) {
                    return "the first culprit: pass '" + pass.name() + "' changes the result:\n" + differ.get()
                            + "IR after '" + pass.name() + "':\n" + GraphPrinter.print(g);
                }
            } catch (InputError | RuntimeException e) {
                return "the first culprit: the interpreter fails after pass '" + pass.name() + "': " + e;
            }
        }
        return "no single pass of Passes.standard() is at fault; Passes.optimize as a whole is";
    }
}
