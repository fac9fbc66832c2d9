// What a graph IR instruction computes. Operands live in Instr.args; the result type in Instr.type.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.shape.DimExpr;

import java.util.List;

public sealed interface Op {
    /** The name the IR printer shows. */
    String mnemonic();

    /** The index-th parameter of the graph (rank 0 for scalar parameters). */
    record Parameter(int index) implements Op {
        public String mnemonic() {
            return "param";
        }
    }

    /** A rank-0 constant of the result type's dtype, its value one that dtype holds exactly. */
    record Constant(double value) implements Op {
        public String mnemonic() {
            return "const";
        }
    }

    /** The run-time value of a dimension expression, e.g. D in {@code sum(x) / D}. */
    record DimValue(DimExpr dim) implements Op {
        public String mnemonic() {
            return "dim";
        }
    }

    /** Each element's index along one axis of the result shape (arange is iota over axis 0). */
    record Iota(int axis) implements Op {
        public String mnemonic() {
            return "iota";
        }
    }

    record Unary(UnaryFn fn) implements Op {
        public String mnemonic() {
            return fn.spelling();
        }
    }

    record Binary(BinaryFn fn) implements Op {
        public String mnemonic() {
            return fn.spelling();
        }
    }

    /** {@code where(cond, a, b)}, broadcasting all three. */
    record Select() implements Op {
        public String mnemonic() {
            return "select";
        }
    }

    /** Conversion to the result type's dtype. */
    record Cast() implements Op {
        public String mnemonic() {
            return "cast";
        }
    }

    /** A reduction over sorted, distinct axes; arg reductions have exactly one axis. */
    record Reduce(ReduceFn fn, List<Integer> axes, boolean keepDims) implements Op {
        public Reduce {
            axes = List.copyOf(axes);
        }

        public String mnemonic() {
            return fn.spelling();
        }
    }

    /** Batched matrix product of operands of rank >= 2 with broadcast batch dims. */
    record MatMul() implements Op {
        public String mnemonic() {
            return "matmul";
        }
    }

    record Transpose(List<Integer> perm) implements Op {
        public Transpose {
            perm = List.copyOf(perm);
        }

        public String mnemonic() {
            return "transpose";
        }
    }

    /** Same elements in C order, new shape (the result type's). */
    record Reshape() implements Op {
        public String mnemonic() {
            return "reshape";
        }
    }

    /** NumPy broadcast_to the result type's shape. */
    record BroadcastTo() implements Op {
        public String mnemonic() {
            return "broadcast";
        }
    }

    /** Per axis: first index and positive step; lengths are the result type's dims. */
    record Slice(List<DimExpr> starts, List<Long> steps) implements Op {
        public Slice {
            starts = List.copyOf(starts);
            steps = List.copyOf(steps);
        }

        public String mnemonic() {
            return "slice";
        }
    }

    record Concat(int axis) implements Op {
        public String mnemonic() {
            return "concat";
        }
    }

    /** A call of a fn instantiated for these argument types; the inline pass splices the body in. */
    record Call(String callee, Graph body) implements Op {
        public String mnemonic() {
            return "call";
        }
    }
}
