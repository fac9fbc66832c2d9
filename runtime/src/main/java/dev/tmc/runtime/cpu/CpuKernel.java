// A kernel the compiler printed as Java for the CPU backend. A call runs a range of threadgroups;
// the backend splits the launch into ranges over its fork-join pool.
package dev.tmc.runtime.cpu;

/**
 * Implementations must be thread-safe and allocation-free per threadgroup: ranges of one launch run
 * concurrently on different threads, and the launch returns when all have finished (the next
 * kernel of the call starts only then, so it sees every write).
 */
@FunctionalInterface
public interface CpuKernel {
    /**
     * @param firstThreadgroup first threadgroup to run
     * @param endThreadgroup   one past the last
     * @param buffers          the buffer arguments in binding order: float[] (f32), short[] (f16, bf16
     *                         as raw bits), int[] (i32), byte[] (bool as 0/1). Arrays come from a pool
     *                         and may be longer than the tensor: bound every loop by the dims, never
     *                         by the array's length. Outputs and arena arrays hold stale data until
     *                         written.
     * @param scalars          the scalar arguments in binding order, as doubles (dims exactly, host
     *                         values and scalar parameters already rounded to their dtype)
     */
    void run(int firstThreadgroup, int endThreadgroup, Object[] buffers, double[] scalars);
}
