// The kernel shapes fusion groups come in; each becomes one kernel of that shape.
package dev.tmc.compiler.fusion;

public enum Template {
    /** One thread per output element: elementwise ops, broadcasts and views of loads. */
    POINTWISE("pointwise"),
    /** One threadgroup per row: prologue, reductions over the trailing axes, epilogue. */
    ROW_REDUCTION("row-reduction"),
    /** Reductions over other axes: one thread per output element looping over the reduced ones. */
    REDUCTION("reduction"),
    /** Tiled matmul with f32 accumulation and an elementwise epilogue before the single store. */
    MATMUL("matmul"),
    /**
     * A matmul a target's library computes (cuBLASLt on CUDA), with the part of the epilogue the
     * library applies itself; its kernel is the generated fallback where the library is missing.
     */
    LIBRARY_MATMUL("library-matmul"),
    /**
     * softmax(scale * q @ k^T) @ v in one kernel that keeps the scores on chip (pass fuse-attention,
     * on targets with Target.fusedAttention).
     */
    ATTENTION("attention"),
    /**
     * An ATTENTION group a target's library computes (cuDNN's fused attention on CUDA, with
     * Target.libraryAttention); its kernel, the fused one, is the fallback where the library is missing.
     */
    LIBRARY_ATTENTION("library-attention");

    private final String spelling;

    Template(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
