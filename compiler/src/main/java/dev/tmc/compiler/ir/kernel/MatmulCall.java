// A library step's work, over the arguments of its kernel: out = alpha * A @ B (+ bias) in f32,
// rounded to dtype. The runtime hands it to its matmul library (cuBLASLt on CUDA) or, where
// there is none, launches the kernel, which computes the same.
package dev.tmc.compiler.ir.kernel;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

/**
 * Row-major and contiguous throughout: A is {@code [batch, m, k]} ({@code [batch, k, m]} when
 * {@code transposeA}), B is {@code [batch, k, n]} ({@code [batch, n, k]} when {@code transposeB}),
 * out is {@code [batch, m, n]}; bias, where present, is {@code [n]} and shared by every batch.
 *
 * @param a     index of A among the kernel's buffers
 * @param b     index of B among the kernel's buffers
 * @param out   index of the output among the kernel's buffers
 * @param bias  index of the bias vector among the kernel's buffers, or -1
 * @param alpha index of the scale among the kernel's scalars, or -1 (a scale of 1)
 * @param dtype the dtype of A, B, bias and out (f16 or bf16)
 */
public record MatmulCall(int a, int b, int out, int bias, int alpha, boolean transposeA, boolean transposeB,
                         DimExpr batch, DimExpr m, DimExpr n, DimExpr k, DType dtype) implements LibraryCall {
}
