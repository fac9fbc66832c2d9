// Pass "canonicalize": fold-constants, simplify-algebra, simplify-shapes, cse and dce, repeated
// until none of them changes the graph, so that each sees what the others uncovered (a folded
// condition enables select-constant; CSE makes min(a, a') a min(x, x)).
//
// Contract: runs after "inline" and fails (InternalCompilerError) on a graph that still has
// calls: the rules match ops across fn boundaries only once the bodies are spliced in. Every
// sub-pass is exact, and so is this one. It stops within MAX_ROUNDS rounds; needing more means
// two rules undo each other, which is a compiler bug.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Op;

import java.util.List;
import java.util.function.UnaryOperator;

public final class Canonicalize {
    /** Each round removes work; real pipelines settle in two or three. */
    public static final int MAX_ROUNDS = 16;

    private static final List<UnaryOperator<Graph>> ROUND = List.of(
            FoldConstants::run,
            SimplifyAlgebra::run,
            SimplifyShapes::run,
            EliminateCommonSubexpressions::run,
            // Last in the round: the rules leave the values they replaced behind.
            EliminateDeadCode::run);

    private Canonicalize() {
    }

    public static Graph run(Graph g) {
        if (g.body().stream().anyMatch(i -> i.op() instanceof Op.Call)) {
            throw new InternalCompilerError("canonicalize runs after inline, but " + g.name() + " has calls");
        }
        Graph current = g;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Graph next = current;
            for (UnaryOperator<Graph> pass : ROUND) {
                next = pass.apply(next);
            }
            if (next == current) {
                return current;
            }
            current = next;
        }
        throw new InternalCompilerError("canonicalize did not settle in " + MAX_ROUNDS + " rounds on " + g.name());
    }
}
