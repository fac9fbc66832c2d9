// Pass "inline": splices the body of every fn call (the file's fns and the prelude's) into its
// caller, so that later passes, fusion above all, see through composite ops.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

public final class Inline {
    private Inline() {
    }

    public static Graph run(Graph g) {
        if (g.body().stream().noneMatch(i -> i.op() instanceof Op.Call)) {
            return g;
        }
        return GraphRewrite.apply(g, (instr, out) -> instr.op() instanceof Op.Call call
                ? OptionalInt.of(splice(call.body(), instr.args(), out))
                : OptionalInt.empty());
    }

    /** Copies {@code body} into {@code out} with its parameters bound to {@code args}; returns its result. */
    private static int splice(Graph body, List<Integer> args, GraphBuilder out) {
        int[] map = new int[body.body().size()];
        for (Instr i : body.body()) {
            if (i.op() instanceof Op.Parameter p) {
                map[i.id()] = args.get(p.index());
                continue;
            }
            List<Integer> mapped = new ArrayList<>(i.args().size());
            for (int a : i.args()) {
                mapped.add(map[a]);
            }
            map[i.id()] = i.op() instanceof Op.Call call
                    ? splice(call.body(), mapped, out)
                    : out.copy(i, mapped);
        }
        return map[body.outputs().get(0).value()];
    }
}
