// Pass "dce": drops instructions no output depends on. Parameters stay: they are the signature.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;

import java.util.ArrayList;
import java.util.List;

public final class EliminateDeadCode {
    private EliminateDeadCode() {
    }

    public static Graph run(Graph g) {
        boolean[] live = new boolean[g.body().size()];
        for (GraphOutput o : g.outputs()) {
            live[o.value()] = true;
        }
        boolean anyDead = false;
        for (int id = g.body().size() - 1; id >= 0; id--) {
            Instr i = g.instr(id);
            live[id] |= i.op() instanceof Op.Parameter;
            if (live[id]) {
                i.args().forEach(a -> live[a] = true);
            } else {
                anyDead = true;
            }
        }
        if (!anyDead) {
            return g;
        }
        GraphBuilder out = new GraphBuilder();
        int[] map = new int[g.body().size()];
        for (Instr i : g.body()) {
            if (live[i.id()]) {
                List<Integer> args = new ArrayList<>(i.args().size());
                i.args().forEach(a -> args.add(map[a]));
                map[i.id()] = out.copy(i, args);
            }
        }
        List<GraphOutput> outputs = new ArrayList<>();
        g.outputs().forEach(o -> outputs.add(o.withValue(map[o.value()])));
        return g.withBody(out.body(), outputs);
    }
}
