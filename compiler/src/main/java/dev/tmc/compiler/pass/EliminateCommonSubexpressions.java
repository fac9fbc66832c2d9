// Pass "cse": one value per distinct (op, operands, type, storage). Ops are records, so equal ops
// compare equal: constants by bit pattern (0.0 and -0.0 stay apart, as Double.compare does), calls
// by callee and body. Parameters are never merged: each is a distinct input. Call bodies are not
// entered. The first instruction of a class survives, with its source span.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class EliminateCommonSubexpressions {
    private EliminateCommonSubexpressions() {
    }

    /** What makes two instructions the same value. */
    private record Key(Op op, List<Integer> args, TensorType type, DType storage) {
    }

    public static Graph run(Graph g) {
        GraphBuilder out = new GraphBuilder();
        Map<Key, Integer> seen = new HashMap<>();
        int[] map = new int[g.body().size()];
        boolean merged = false;
        for (Instr old : g.body()) {
            List<Integer> args = new ArrayList<>(old.args().size());
            old.args().forEach(a -> args.add(map[a]));
            Instr i = old.withArgs(args);
            if (i.op() instanceof Op.Parameter) {
                map[old.id()] = out.copy(i, args);
                continue;
            }
            Key key = new Key(i.op(), operandsKey(i), i.type(), i.storage());
            Integer existing = seen.get(key);
            if (existing != null) {
                map[old.id()] = existing;
                merged = true;
            } else {
                map[old.id()] = out.copy(i, args);
                seen.put(key, map[old.id()]);
            }
        }
        if (!merged) {
            return g;
        }
        List<GraphOutput> outputs = new ArrayList<>();
        g.outputs().forEach(o -> outputs.add(o.withValue(map[o.value()])));
        return g.withBody(out.body(), outputs);
    }

    /**
     * Operands in a canonical order: add, mul, min, max, eq, ne, and, or give the same bits either
     * way round (NaN, -0.0 and broadcasting included), so a + b and b + a are one value.
     */
    private static List<Integer> operandsKey(Instr i) {
        if (i.op() instanceof Op.Binary b && b.fn().isCommutative() && i.arg(0) > i.arg(1)) {
            return List.of(i.arg(1), i.arg(0));
        }
        return i.args();
    }
}
