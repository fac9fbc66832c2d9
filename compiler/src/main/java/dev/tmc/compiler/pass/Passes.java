// The table of contents of the middle of the compiler: the graph passes, in order, each with why
// it sits where it does. `tmc explain --after NAME` prints the IR after any of them.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphVerifier;

import java.util.List;
import java.util.function.BiConsumer;

public final class Passes {
    private Passes() {
    }

    /** The graph passes in the order they run. */
    public static List<Pass> standard() {
        return List.of(
                // Fns and the prelude first: every later pass should see plain ops, not calls.
                new Pass("inline", "splice fn bodies into their callers", Inline::run),
                // Fold, simplify and deduplicate so the pattern-based rewrites see one canonical form.
                new Pass("canonicalize", "fold constants, exact identities, shape simplification, cse, dce",
                        Canonicalize::run),
                // Before promotion: the rewrites look for softmax's div, log(1 + x) and mean as written.
                new Pass("stabilize", "max-shift softmax and logsumexp, log1p, mean as an f32 sum times 1/n",
                        Stabilize::run),
                new Pass("promote-precision", "choose f32 or f16/bf16 compute per op for the profile",
                        PromotePrecision::run),
                // Promotion leaves shared conversions and constants behind: tidy them last.
                new Pass("cleanup", "canonicalize again after promotion", Canonicalize::run));
    }

    public static List<String> names() {
        return standard().stream().map(Pass::name).toList();
    }

    /** Runs every pass, verifying the IR at entry and exit (and after each pass when asked). */
    public static Graph optimize(Graph g) {
        return run(g, standard(), false, (pass, after) -> { });
    }

    /**
     * Runs {@code passes} over {@code g}; {@code afterEach} sees the graph after each pass (the
     * hook behind explain --after and --verify-each).
     */
    public static Graph run(Graph g, List<Pass> passes, boolean verifyEach, BiConsumer<Pass, Graph> afterEach) {
        verify(g, "entry");
        Graph current = g;
        for (Pass p : passes) {
            current = p.apply(current);
            if (verifyEach) {
                verify(current, p.name());
            }
            afterEach.accept(p, current);
        }
        verify(current, "exit");
        return current;
    }

    private static void verify(Graph g, String where) {
        List<String> problems = GraphVerifier.verify(g);
        if (!problems.isEmpty()) {
            throw new InternalCompilerError("invalid IR at " + where + ":\n  " + String.join("\n  ", problems));
        }
    }
}
