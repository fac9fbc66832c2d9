// What a backend offers that kernel lowering adapts to: parallel shape, vector width, matrix units.
// Lowering makes every decision from this; printers never look at it.
package dev.tmc.compiler.ir.kernel;

/**
 * @param threadsPerThreadgroup threads in a threadgroup (1 on the CPU: a threadgroup is a task)
 * @param simdWidth             lanes that SimdReduce combines (1: no simd reductions)
 * @param elementsPerThread     consecutive elements each pointwise thread computes
 * @param rowsPerTask           rows one threadgroup of a row reduction covers (CPU: many rows a task)
 * @param accumulators          independent partial results a thread keeps while it walks a row alone
 *                              (more than 1 breaks the chain of one add latency per element)
 * @param nativeHalf            f16 arithmetic exists (else it is computed in f32 and rounded)
 * @param nativeBFloat          bf16 arithmetic exists
 * @param simdgroupMatrix       8x8 simdgroup matrix multiply-accumulate exists
 * @param matrixOperandsTf32    the matrix units read f32 operands as tf32 (10 mantissa bits) and
 *                              accumulate only in f32: they are exact only for f16 and bf16 values
 */
public record Target(String name, int threadsPerThreadgroup, int simdWidth, int elementsPerThread, int rowsPerTask,
                     int accumulators, boolean nativeHalf, boolean nativeBFloat, boolean simdgroupMatrix, boolean matrixOperandsTf32) {

    public static final Target METAL = new Target("metal", 256, 32, 4, 1, 1, true, false, true, false);

    /**
     * NVIDIA GPUs through CUDA C: 256-thread blocks, warps of 32. Native half arithmetic; bf16 is
     * stored as __nv_bfloat16 and computed in f32. Simdgroup matrices are warp fragments multiplied
     * by tensor cores (mma.sync m16n8k8 tf32, sm_80+), so only matmuls of f16/bf16 values use them.
     */
    public static final Target CUDA = new Target("cuda", 256, 32, 4, 1, 1, true, false, true, true);

    public static final Target CPU = new Target("cpu", 1, 1, 4096, 16, 4, false, false, false, false);

    public boolean cooperative() {
        return threadsPerThreadgroup > 1;
    }
}
