// Analysis for comparisons: the dtype whose tolerance an output deserves. The reference computes
// in f64, but an f16 value in the program may be computed (and rounded) in f16 by a backend, or
// rounded to f16 where a pass makes it a stored value; so an f32 output computed through f16
// arithmetic is only as accurate as f16. Casts, parameters, constants and data movement do not
// count: they round, if at all, exactly as the reference does.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.runtime.DType;

import java.util.LinkedHashMap;
import java.util.Map;

public final class OutputPrecision {
    private OutputPrecision() {
    }

    /** Output name to the least precise of its own dtype and the float dtypes it is computed in. */
    public static Map<String, DType> of(Graph g) {
        Map<String, DType> out = new LinkedHashMap<>();
        for (GraphOutput o : g.outputs()) {
            DType own = g.type(o.value()).dtype();
            out.put(o.name(), own.isFloat() ? coarser(own, cone(g, o.value())) : own);
        }
        return out;
    }

    /** The least precise float dtype computed by {@code value} and everything it reads. */
    private static DType cone(Graph g, int value) {
        boolean[] seen = new boolean[g.body().size()];
        DType least = DType.F32;
        int[] stack = new int[g.body().size()];
        int top = 0;
        stack[top++] = value;
        seen[value] = true;
        while (top > 0) {
            Instr i = g.instr(stack[--top]);
            least = coarser(least, computed(i));
            for (int a : i.args()) {
                if (!seen[a]) {
                    seen[a] = true;
                    stack[top++] = a;
                }
            }
        }
        return least;
    }

    private static DType computed(Instr i) {
        Op op = i.op();
        DType least = DType.F32;
        if (op instanceof Op.Call call) {
            for (Instr inner : call.body().body()) {
                least = coarser(least, computed(inner));
            }
            return least;
        }
        boolean computes = op instanceof Op.Unary || op instanceof Op.Binary || op instanceof Op.Reduce
                || op instanceof Op.MatMul;
        return computes && i.type().dtype().isFloat() ? i.type().dtype() : least;
    }

    /** Of two dtypes, the one with the larger tolerance (bf16 over f16 over f32). */
    static DType coarser(DType a, DType b) {
        return Tolerance.relative(b) > Tolerance.relative(a) ? b : a;
    }
}
