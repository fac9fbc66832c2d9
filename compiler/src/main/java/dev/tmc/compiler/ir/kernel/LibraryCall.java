// The library call a library step's kernel stands in for: the runtime hands the step to its
// library where it has one (cuBLASLt, cuDNN on CUDA), else it launches the kernel, which computes the same.
package dev.tmc.compiler.ir.kernel;

public sealed interface LibraryCall permits MatmulCall, AttentionCall {
}
