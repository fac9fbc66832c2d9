// Test support: lowers .tm text to graph IR and reads back the type a pipeline computes.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.source.SourceFile;

import java.util.Optional;

final class Lowering {
    private Lowering() {
    }

    /** The only pipeline of {@code text}; fails the test on any error or warning. */
    static Graph pipeline(String text) {
        Diagnostics d = new Diagnostics();
        Optional<Module> m = Frontend.lower(new SourceFile("t.tm", text), Precision.BALANCED, d);
        if (m.isEmpty() || !d.all().isEmpty()) {
            throw new AssertionError("diagnostics for\n" + text + "\n" + DiagnosticRenderer.render(d.all()));
        }
        return m.get().pipelines().get(0);
    }

    /**
     * The type of the value a pipeline's first output returns, before the output stored it: the
     * binding of a value to its declared output adds a cast spanning the same text as the value,
     * which a test of the expression's own type has to look through.
     */
    static TensorType returnedType(Graph g) {
        Instr out = g.instr(g.outputs().get(0).value());
        if (out.op() instanceof Op.Cast && g.instr(out.arg(0)).span().equals(out.span())) {
            return g.instr(out.arg(0)).type();
        }
        return out.type();
    }
}
