// A library step's fused attention, over the arguments of its kernel: what KStmt.Attention
// computes, out = softmax(scale * q @ k^T) @ v per head with f32 scores and sums and the
// probabilities rounded to dtype as the second product's operand. The runtime hands it to its
// attention library (cuDNN on CUDA) or, where there is none, launches the kernel.
package dev.tmc.compiler.ir.kernel;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

/**
 * Row-major and contiguous: q and out are {@code [heads, rows, headDim]}, k and v
 * {@code [heads, cols, headDim]}.
 *
 * @param q             index of q among the kernel's buffers
 * @param k             index of k (stored {@code [heads, cols, headDim]}, not transposed)
 * @param v             index of v
 * @param out           index of the output among the kernel's buffers
 * @param scale         index of the scale among the kernel's scalars, or -1: {@code scaleConstant}
 * @param scaleConstant the scale where it is a constant (1 where there is none)
 * @param dtype         the dtype of q, k, v and out (f16 or bf16)
 */
public record AttentionCall(int q, int k, int v, int out, int scale, double scaleConstant, DimExpr heads,
                            DimExpr rows, DimExpr cols, DimExpr headDim, DType dtype) implements LibraryCall {
}
