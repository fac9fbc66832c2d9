// When the graph passes break a pipeline, finds the first pass of Passes.standard() that throws,
// leaves invalid IR, or changes what the pipeline computes (as Reference judges it).
package dev.tmc.compiler.testing;

import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.GraphVerifier;
import dev.tmc.compiler.pass.Pass;
import dev.tmc.compiler.pass.Passes;

import java.util.List;
import java.util.Optional;

public final class PassByPass {
    private PassByPass() {
    }

    /** A sentence naming the first culprit, with the IR after it. */
    public static String locate(Graph before, Reference reference) {
        Graph g = before;
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
                Optional<String> differ = reference.mismatch(g);
                if (differ.isPresent()) {
                    return "the first culprit: pass '" + pass.name() + "' changes the result:\n"
                            + differ.get().lines().findFirst().orElse("") + "\nIR after '" + pass.name() + "':\n"
                            + GraphPrinter.print(g);
                }
            } catch (InputError | RuntimeException e) {
                return "the first culprit: the interpreter fails after pass '" + pass.name() + "': " + e;
            }
        }
        return "no single pass of Passes.standard() is at fault; Passes.optimize as a whole is";
    }
}
