// Where the reference interpreter rounds values to their dtype: only where stored (the meaning of
// a program), or after every op as hardware computing in each op's dtype would (to see precision).
package dev.tmc.compiler.interp;

public enum Rounding {
    /** The reference meaning: f64 everywhere, rounded at parameters, outputs and explicit casts. */
    STORES_ONLY,
    /**
     * Every instruction's result is rounded to its compute dtype ({@code type.dtype()}), and the
     * running accumulator of sum, prod and mean reductions and of matmul is rounded to the op's
     * dtype after every step, in serial order, as hardware accumulating in that dtype would.
     */
    PER_OP
}
