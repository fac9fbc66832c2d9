// Rebuilds a graph instruction by instruction, letting a rule replace any of them. The common
// machinery of local rewrites: renumbering, operand remapping, outputs; rules see mapped operands.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.Instr;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

public final class GraphRewrite {
    private GraphRewrite() {
    }

    /** A local rewrite. Empty means "keep the instruction as it is". */
    public interface Rule {
        /**
         * @param instr the instruction, its operands already renumbered into {@code out}
         * @param out   the graph under construction; a rule may add instructions to it
         * @return the id in {@code out} of the value that replaces {@code instr}
         */
        OptionalInt rewrite(Instr instr, GraphBuilder out);
    }

    public static Graph apply(Graph g, Rule rule) {
        GraphBuilder out = new GraphBuilder();
        int[] map = new int[g.body().size()];
        for (Instr old : g.body()) {
            List<Integer> args = new ArrayList<>(old.args().size());
            for (int a : old.args()) {
                args.add(map[a]);
            }
            Instr mapped = old.withArgs(args);
            OptionalInt replacement = rule.rewrite(mapped, out);
            map[old.id()] = replacement.isPresent() ? replacement.getAsInt() : out.copy(mapped, args);
        }
        List<GraphOutput> outputs = new ArrayList<>();
        for (GraphOutput o : g.outputs()) {
            outputs.add(o.withValue(map[o.value()]));
        }
        return g.withBody(out.body(), outputs);
    }
}
