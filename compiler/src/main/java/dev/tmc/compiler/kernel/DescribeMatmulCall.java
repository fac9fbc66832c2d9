// The library call of a LIBRARY_MATMUL group (pass use-library-matmuls chose it), over the
// arguments of the fallback kernel lowered for the same group.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.MatmulCall;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;

import java.util.List;

final class DescribeMatmulCall {
    private DescribeMatmulCall() {
    }

    static MatmulCall of(KernelContext ctx, Kernel kernel) {
        Graph g = ctx.graph;
        List<Integer> members = ctx.group.members();
        Instr mm = members.stream().map(g::instr).filter(i -> i.op() instanceof Op.MatMul).findFirst().orElseThrow();
        int[] a = operand(ctx, mm.arg(0));
        int[] b = operand(ctx, mm.arg(1));
        int bias = -1;
        int alpha = -1;
        int last = mm.id();
        for (int m : members) { // the tail: each step reads the one before (bias widenings are not steps)
            Instr i = g.instr(m);
            if (m <= mm.id() || !i.args().contains(last)) {
                continue;
            }
            if (i.op() instanceof Op.Binary bin) {
                int other = i.arg(0) == last ? i.arg(1) : i.arg(0);
                if (bin.fn() == BinaryFn.MUL) {
                    alpha = scalar(kernel, other);
                } else if (bin.fn() == BinaryFn.ADD) {
                    bias = buffer(kernel, operand(ctx, other)[0]);
                }
            }
            last = m;
        }
        Shape out = mm.type().shape();
        int rank = out.rank();
        DimExpr batch = DimExpr.of(1);
        for (int k = 0; k < rank - 2; k++) {
            batch = batch.times(out.dim(k));
        }
        DimExpr m = out.dim(rank - 2);
        if (g.type(mm.arg(1)).rank() == 2 && rank > 2) { // a 2-D B: the batch folds into A's rows
            m = batch.times(m);
            batch = DimExpr.of(1);
        }
        Shape as = g.type(mm.arg(0)).shape();
        int stored = ctx.group.outputs().get(0);
        return new MatmulCall(buffer(kernel, a[0]), buffer(kernel, b[0]), written(kernel, stored), bias, alpha,
                a[1] == 1, b[1] == 1, batch, m, out.dim(rank - 1), as.dim(as.rank() - 1), g.instr(stored).storage());
    }

    /** The loaded value under widenings and a transpose, and 1 if a transpose was passed. */
    private static int[] operand(KernelContext ctx, int value) {
        int transposed = 0;
        Instr i = ctx.graph.instr(value);
        while (!ctx.group.inputs().contains(i.id())) {
            if (i.op() instanceof Op.Transpose) {
                transposed = 1;
            } else if (!(i.op() instanceof Op.Cast)) {
                throw new InternalCompilerError("library matmul operand %" + i.id() + " is " + i.op().mnemonic());
            }
            i = ctx.graph.instr(i.arg(0));
        }
        return new int[] {i.id(), transposed};
    }

    private static int buffer(Kernel kernel, int value) {
        for (int k = 0; k < kernel.buffers().size(); k++) {
            Kernel.BufferArg arg = kernel.buffers().get(k);
            if (!arg.written() && arg.role().value() == value) {
                return k;
            }
        }
        throw new InternalCompilerError("kernel " + kernel.name() + " reads no buffer of %" + value);
    }

    private static int written(Kernel kernel, int value) {
        for (int k = 0; k < kernel.buffers().size(); k++) {
            Kernel.BufferArg arg = kernel.buffers().get(k);
            if (arg.written() && arg.role().value() == value) {
                return k;
            }
        }
        throw new InternalCompilerError("kernel " + kernel.name() + " writes no buffer of %" + value);
    }

    private static int scalar(Kernel kernel, int value) {
        for (int k = 0; k < kernel.scalars().size(); k++) {
            if (kernel.scalars().get(k).source() instanceof Kernel.ValueSource v && v.value() == value) {
                return k;
            }
        }
        throw new InternalCompilerError("kernel " + kernel.name() + " has no scalar argument for %" + value);
    }
}
