// A rank-0 value the host computes once per call before launching kernels (e.g. 1/D or
// rsqrt(K)): a tree of elementwise ops over constants, dims, scalar parameters and other such values.
package dev.tmc.runtime.plan;

import dev.tmc.runtime.DType;

import java.util.List;

public sealed interface HostExpr {
    DType dtype();

    record Const(double value, DType dtype) implements HostExpr {
    }

    /** The size of a dim, converted to {@code dtype}. */
    record DimValue(SizeExpr size, DType dtype) implements HostExpr {
    }

    /** A scalar parameter of the pipeline, by position. */
    record Param(int index, DType dtype) implements HostExpr {
    }

    /**
     * An elementwise op with the graph IR's meaning, named by its spelling in the IR: unary
     * (neg, not, abs, sign, floor, ceil, round, exp, exp2, log, log2, log1p, sqrt, rsqrt, sin, cos,
     * tanh, sigmoid, erf), binary (add, sub, mul, div, mod, pow, min, max, eq, ne, lt, le, gt, ge,
     * and, or), select (cond, a, b) or cast; computed in {@code dtype}, as hardware computing in
     * that dtype would round it.
     */
    record Op(String op, DType dtype, List<HostExpr> args) implements HostExpr {
        public Op {
            args = List.copyOf(args);
        }
    }
}
