// Classifies graph instructions for fusion: what is free to recompute, what is cheap, what
// anchors a kernel of its own.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;

final class OpClass {
    private OpClass() {
    }

    static boolean isParameter(Instr i) {
        return i.op() instanceof Op.Parameter;
    }

    static boolean isReduce(Instr i) {
        return i.op() instanceof Op.Reduce;
    }

    static boolean isMatMul(Instr i) {
        return i.op() instanceof Op.MatMul;
    }

    /** Views move elements without computing: they fold into index arithmetic of loads. */
    static boolean isView(Instr i) {
        Op op = i.op();
        return op instanceof Op.Transpose || op instanceof Op.Reshape || op instanceof Op.BroadcastTo
                || op instanceof Op.Slice;
    }

    /** Everything a pointwise kernel can compute per element. */
    static boolean isElementwise(Instr i) {
        Op op = i.op();
        return op instanceof Op.Unary || op instanceof Op.Binary || op instanceof Op.Select || op instanceof Op.Cast
                || op instanceof Op.Concat || op instanceof Op.Constant || op instanceof Op.DimValue
                || op instanceof Op.Iota || isView(i);
    }

    /**
     * Work that costs about as much as a load: recomputing it per use is cheaper than a round trip
     * through memory. Transcendentals, division and powers are not cheap.
     */
    static boolean isCheap(Instr i) {
        Op op = i.op();
        if (op instanceof Op.Unary u) {
            return !u.fn().isTranscendental();
        }
        if (op instanceof Op.Binary b) {
            return b.fn() != BinaryFn.DIV && b.fn() != BinaryFn.POW && b.fn() != BinaryFn.MOD;
        }
        return op instanceof Op.Select || op instanceof Op.Cast || op instanceof Op.Constant
                || op instanceof Op.DimValue || op instanceof Op.Iota || isView(i);
    }

    /**
     * Free values have no kernel of their own and are computed where used: constants, dims,
     * iotas, cheap ops over free values, and conversions or views of parameters (folded into the
     * loads of the kernels that read them).
     */
    static boolean[] free(Graph g) {
        boolean[] free = new boolean[g.body().size()];
        for (Instr i : g.body()) {
            Op op = i.op();
            if (op instanceof Op.Constant || op instanceof Op.DimValue || op instanceof Op.Iota) {
                free[i.id()] = true;
            } else if (isElementwise(i) && !i.args().isEmpty() && isCheap(i)) {
                boolean loadConversion = op instanceof Op.Cast || isView(i);
                boolean all = true;
                for (int a : i.args()) {
                    all &= free[a] || (loadConversion && isParameter(g.instr(a)));
                }
                free[i.id()] = all;
            }
        }
        return free;
    }

    /**
     * Host values are rank-0 values computed from scalar parameters and dims alone, such as
     * rsqrt(K) or rate + vol * vol / 2: the runtime computes them once per call and passes them to
     * kernels as arguments, instead of every thread recomputing them.
     */
    static boolean[] host(Graph g) {
        boolean[] host = new boolean[g.body().size()];
        for (Instr i : g.body()) {
            if (i.type().rank() != 0) {
                continue;
            }
            Op op = i.op();
            if (op instanceof Op.Parameter p) {
                host[i.id()] = g.params().get(p.index()).scalar();
            } else if (op instanceof Op.Constant || op instanceof Op.DimValue) {
                host[i.id()] = true;
            } else if (!i.args().isEmpty()
                    && (op instanceof Op.Unary || op instanceof Op.Binary || op instanceof Op.Select
                    || op instanceof Op.Cast)) {
                boolean all = true;
                for (int a : i.args()) {
                    all &= host[a];
                }
                host[i.id()] = all;
            }
        }
        return host;
    }
}
