// Shared steps of differential tests over generated programs: compiling one (a failure to compile
// is a bug, reported with the seed, the source and the diagnostics) and describing one in a report.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.Module;

import java.util.Optional;

public final class Differential {
    private Differential() {
    }

    /**
     * The graph IR of a generated program. Throws an AssertionError naming the seed, with the
     * source and the diagnostics, when it has errors or the compiler throws.
     */
    public static Module compile(RandomProgram p, String reproduce) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<Module> module;
        try {
            module = Frontend.lower(p.sourceFile(), p.precision(), diagnostics);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(describe(p, reproduce) + "the compiler threw " + e, e);
        }
        if (module.isEmpty() || diagnostics.hasErrors()) {
            throw new AssertionError(describe(p, reproduce) + "does not compile:\n"
                    + DiagnosticRenderer.render(diagnostics.all()));
        }
        return module.get();
    }

    /** The head of a failure report: the seed, how to rerun it, and the numbered source. */
    public static String describe(RandomProgram p, String reproduce) {
        StringBuilder out = new StringBuilder();
        out.append("seed ").append(p.seed()).append(" (rerun: ").append(reproduce).append("), precision ")
                .append(p.precision().spelling()).append('\n');
        String[] lines = p.source().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(String.format("%4d | %s%n", i + 1, lines[i]));
        }
        return out.toString();
    }
}
