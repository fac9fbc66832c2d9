// A kernel the compiler printed as Java for the CPU backend. A call runs a range of threadgroups;
// the backend splits the launch into ranges over its fork-join pool.
package dev.tmc.runtime.cpu;

@FunctionalInterface
public interface CpuKernel {
    /**
     * @param firstThreadgroup first threadgroup to run
     * @param endThreadgroup   one past the last
     * @param buffers          the buffer arguments in binding order: float[] (f32), short[] (f16, bf16
     *                         as raw bits), int[] (i32), byte[] (bool as 0/1)
     * @param scalars          the scalar arguments in binding order, as doubles
     */
    void run(int firstThreadgroup, int endThreadgroup, Object[] buffers, double[] scalars);
}
