// What a backend offers that kernel lowering adapts to: parallel shape, vector width, matrix units.
// Lowering makes every decision from this; printers never look at it.
package dev.tmc.compiler.ir.kernel;

/**
 * @param threadsPerThreadgroup threads in a threadgroup (1 on the CPU: a threadgroup is a task)
 * @param simdWidth             lanes that SimdReduce combines (1: no simd reductions)
 * @param elementsPerThread     consecutive elements each pointwise thread computes
 * @param rowsPerTask           rows one threadgroup of a row reduction covers (CPU: many rows a task)
 * @param accumulators          independent partial results a thread keeps while it walks a row alone
 *                              (more than 1 breaks the chain of one add latency per element); f32 sums,
 *                              maxima and minima keep them in a local array, element e in lane
 *                              e % accumulators, which a strip target reduces with SIMD ({@link KStmt.ArrayReduce})
 * @param nativeHalf            f16 arithmetic exists (else it is computed in f32 and rounded)
 * @param nativeBFloat          bf16 arithmetic exists
 * @param simdgroupMatrix       8x8 simdgroup matrix multiply-accumulate exists
 * @param matrixOperandsTf32    the matrix units read f32 operands as tf32 (10 mantissa bits) and
 *                              accumulate only in f32: they are exact only for f16 and bf16 values
 * @param matrixRowPairs        the matrix unit multiplies 16x8 by 8x8 (CUDA's mma m16n8k8): the lowering
 *                              pairs two 8x8 products that share their right operand into one
 *                              {@link KStmt.SimdMatrixMultiplyAccumulatePair}, so no instruction
 *                              multiplies eight rows of zeros
 * @param matrixTiles           how a threadgroup's matmul with simdgroup matrices is tiled
 * @param libraryMatmul         the runtime has a matmul library (cuBLASLt): pass use-library-matmuls
 *                              gives it the matmuls of 16-bit buffers it computes exactly as a kernel would
 * @param vectorBytes           bytes of one vector access to device memory (0: none). A pointwise
 *                              thread then takes runs of at least that many bytes of its narrowest
 *                              buffer, loaded and stored whole ({@link KStmt.LoadRun}); buffers start
 *                              aligned to it (allocations and the memory plan align to 256)
 * @param rowThreads            threads of a threadgroup that cooperates on one row of a row reduction
 *                              (fewer than threadsPerThreadgroup: more rows in flight per multiprocessor);
 *                              simdWidth: a simdgroup per row, threadsPerThreadgroup / simdWidth rows
 *                              per threadgroup, combined by simd reductions alone (no barrier)
 * @param rowRegisters          elements of a row each thread of a cooperative row reduction keeps in
 *                              registers between its walks (0: none): rows up to
 *                              {@code rowThreads * rowRegisters} are read from memory once
 * @param rowStashThreads       rowThreads for a row reduction that also keeps a costly value per
 *                              element (softmax's exp) in registers: about twice the registers per
 *                              element, so a smaller threadgroup with fewer elements each keeps more
 *                              rows in flight
 * @param rowStashRegisters     rowRegisters for such a row reduction
 * @param mathStrip             elements of a strip whose exp or erf a pointwise thread computes together
 *                              ({@link KStmt.ArrayMap}), with the cheap operations before and after in loops
 *                              of their own; the strip's f16 operands are converted ({@link KStmt.LoadStrip},
 *                              {@link KStmt.StoreStrip}; a pointwise strip's f32 operands copied, so its loops
 *                              access arrays at one index) and its f16 operations rounded ({@link KStmt.ArrayRound})
 *                              a strip at once too; 0: every element calls the function alone
 * @param attentionRows         query rows per threadgroup of the printer's fused (flash) attention
 *                              routine, 16 a simdgroup (0: none): pass fuse-attention turns
 *                              softmax(scale * q @ k^T) @ v over 16-bit buffers into one
 *                              {@link KStmt.Attention} kernel that never stores the scores
 * @param attentionPerCore      threadgroups of that kernel its compiler should fit on one
 *                              multiprocessor (0: its own choice); more hide more latency, at the
 *                              price of registers
 * @param libraryAttention      the runtime has an attention library (cuDNN): pass fuse-attention forms
 *                              LIBRARY_ATTENTION groups, whose fused kernel stays as the fallback
 * @param approximateMath       under the balanced profile, f32 math on values stored as f16/bf16 may
 *                              take cheaper forms whose error (a few f32 ulp) stays far below that
 *                              rounding: exp as exp2 of a prescaled argument (one special-function
 *                              instruction), a division by a per-row value as a product with its
 *                              reciprocal, computed once per row ({@code ApproximateMath})
 * @param wholeRows             a row held in registers whose length is exactly threads x registers
 *                              (every place filled) also has a way through with no test of each
 *                              element against the row's length
 * @param wideLowMath           under balanced, f16/bf16 arithmetic the target lacks (nativeHalf,
 *                              nativeBFloat false) stays in f32 from op to op, rounded once where the
 *                              value is stored or read as 16 bits ({@code WideLowMath})
 * @param rowWarpsPerCore       simdgroups of cooperative row kernels their compiler should fit on one
 *                              multiprocessor (0: its own choice), as threadgroups per multiprocessor
 *                              in the launch; bounds the registers of those memory-bound kernels
 * @param rowStrip              elements of a strip of a row reduction's walks where a thread walks a row
 *                              alone and mathStrip is on (0: mathStrip): longer strips than a pointwise
 *                              kernel's, as a walk's memory stalls come between its strips' loops
 */
public record Target(String name, int threadsPerThreadgroup, int simdWidth, int elementsPerThread, int rowsPerTask,
                     int accumulators, boolean nativeHalf, boolean nativeBFloat, boolean simdgroupMatrix,
                     boolean matrixOperandsTf32, boolean matrixRowPairs, MatrixTiles matrixTiles,
                     boolean libraryMatmul, int vectorBytes, int rowThreads, int rowRegisters,
                     int rowStashThreads, int rowStashRegisters, int mathStrip, int attentionRows,
                     int attentionPerCore, boolean libraryAttention, boolean approximateMath, boolean wholeRows,
                     boolean wideLowMath, int rowWarpsPerCore, int rowStrip) {

    /**
     * The tiling of a matmul on simdgroup matrices. A threadgroup computes a {@code rows x cols}
     * output tile, staging {@code depth}-deep slices of both operands in threadgroup memory; each
     * simdgroup owns {@code fragmentRows x fragmentCols} 8x8 accumulators of it, and the
     * simdgroups together cover the tile exactly. The finished tile goes through threadgroup
     * memory {@code epilogueRows} rows at a time (a whole number of simdgroup rows). Staged rows
     * are padded by {@code aPad} and {@code bPad} elements, against bank conflicts. With
     * {@code prefetch}, each thread loads its part of the next slice into registers while the
     * current slice multiplies, so device-memory latency overlaps the matrix work; slices that lie
     * inside both operands load without bounds arithmetic.
     */
    public record MatrixTiles(int rows, int cols, int depth, int fragmentRows, int fragmentCols, int epilogueRows,
                              int aPad, int bPad, boolean prefetch) {
        public MatrixTiles {
            if (rows % (8 * fragmentRows) != 0 || cols % (8 * fragmentCols) != 0 || depth % 8 != 0
                    || rows % epilogueRows != 0 || epilogueRows % (8 * fragmentRows) != 0) {
                throw new IllegalArgumentException("matrix tiles do not divide: " + this);
            }
        }

        /** Simdgroups along the tile's columns. */
        public int simdgroupCols() {
            return cols / (8 * fragmentCols);
        }

        public int simdgroups() {
            return rows / (8 * fragmentRows) * simdgroupCols();
        }
    }

    /** 32x32 tiles, 16 deep, two 8x8 accumulators per simdgroup, the whole tile in one epilogue. */
    public static final MatrixTiles SMALL_TILES = new MatrixTiles(32, 32, 16, 1, 2, 32, 0, 0, false);

    /**
     * 128x128 tiles, 16 deep, a 32x64 block (4x8 accumulators) per warp: 16x more multiplies per
     * staged element pair than 32x32 tiles. The epilogue goes 32 rows at a time so threadgroup memory
     * stays under CUDA's 48 KiB static limit; the padding spreads fragment loads over all 32 banks.
     * The next slice is prefetched into registers (one threadgroup fits an SM at these registers).
     */
    public static final MatrixTiles LARGE_TILES = new MatrixTiles(128, 128, 16, 4, 8, 32, 4, 8, true);

    public static final Target METAL = new Target("metal", 256, 32, 4, 1, 1, true, false, true, false, false, SMALL_TILES, false,
            0, 256, 0, 256, 0, 0, 0, 0);

    /**
     * NVIDIA GPUs through CUDA C: 256-thread blocks, warps of 32. Native half arithmetic; bf16 is
     * stored as __nv_bfloat16 and computed in f32. Simdgroup matrices are warp fragments multiplied
     * by tensor cores (mma.sync m16n8k8 tf32, sm_80+), so only matmuls of f16/bf16 values use them;
     * two 8x8 products sharing their right operand go to one m16n8k8. Matmuls of bf16/f16 buffers
     * go to cuBLASLt where the runtime finds it (the generated kernel stays as the fallback).
     * Pointwise threads move 16-byte vectors (8 bf16); row reductions keep rows of up to 4096
     * elements in registers (256 threads x 16), those that keep a costly value too up to 1024
     * (64 x 16); rows that keep no costly value move in runs of 16 bytes. H100, softmax 65536x1024
     * (docs/gpu-benchmarks.md): 256 x 16, 48 registers, 0.377 ms; 256 x 4, 0.210 ms; 128 x 8,
     * 0.151 ms; a warp per row (32 x 32, 8 rows a block, 76 registers), 0.159 ms; 64 x 16, 0.135 ms.
     * Under balanced, approximate math and wide low math; rows that fill every place walk with no
     * test per element; row kernels ask for 48 warps per SM. H100 (docs/gpu-benchmarks.md, third
     * round, with the prelude's one-instruction min/max and CUDA's erff): softmax 0.1345 -> 0.096 ms,
     * gelu_bias 0.129 -> 0.105, layer_norm 0.115 -> 0.102.
     * Attention over bf16/f16 buffers is one flash-attention kernel of the prelude, handed to cuDNN's
     * fused attention where the runtime finds it (H100, B=32 H=16 T=1024 E=128: 0.445 ms against the
     * kernel's 1.39-1.45, docs/gpu-benchmarks.md).
     */
    public static final Target CUDA = new Target("cuda", 256, 32, 4, 1, 1, true, false, true, true, true, LARGE_TILES, true,
            16, 256, 16, 64, 16, 0, 64, 3, true, true, true, true, 48, 0);

    /**
     * Threadgroups are tasks on all cores. exp and erf go through the runtime's BlockMath 256 elements at a time
     * (SIMD where the JVM has the Vector API), so the loops around them are plain array loops C2 vectorizes.
     * Row reductions keep 16 lanes (one AVX-512 vector of f32) and reduce a strip at once with LaneReductions;
     * rms_norm 4096 wide in cache, one thread: 0.87 -> 0.51 ns an element against 4 scalar accumulators.
     * Row walks go in strips of 1024: rms_norm 4096 wide streamed from memory, one thread, CPU time
     * 1.37-1.46 ns an element with strips of 256, 1.15-1.21 with 1024.
     */
    public static final Target CPU = new Target("cpu", 1, 1, 4096, 16, 16, false, false, false, false, false, SMALL_TILES, false,
            0, 1, 0, 1, 0, 256, 0, 0, false, false, false, false, 0, 1024);

    /** A target without an attention library, approximate math, whole rows, wide low math, row warps or row strips. */
    public Target(String name, int threadsPerThreadgroup, int simdWidth, int elementsPerThread, int rowsPerTask,
                  int accumulators, boolean nativeHalf, boolean nativeBFloat, boolean simdgroupMatrix,
                  boolean matrixOperandsTf32, boolean matrixRowPairs, MatrixTiles matrixTiles,
                  boolean libraryMatmul, int vectorBytes, int rowThreads, int rowRegisters,
                  int rowStashThreads, int rowStashRegisters, int mathStrip, int attentionRows,
                  int attentionPerCore) {
        this(name, threadsPerThreadgroup, simdWidth, elementsPerThread, rowsPerTask, accumulators, nativeHalf,
                nativeBFloat, simdgroupMatrix, matrixOperandsTf32, matrixRowPairs, matrixTiles, libraryMatmul,
                vectorBytes, rowThreads, rowRegisters, rowStashThreads, rowStashRegisters, mathStrip, attentionRows,
                attentionPerCore, false, false, false, false, 0, 0);
    }

    public Target {
        if (rowThreads % simdWidth != 0 || rowThreads > threadsPerThreadgroup
                || rowStashThreads % simdWidth != 0 || rowStashThreads > threadsPerThreadgroup) {
            throw new IllegalArgumentException(name + ": rows need whole simdgroups of at most a threadgroup");
        }
        if (simdgroupMatrix && matrixTiles.simdgroups() * simdWidth != threadsPerThreadgroup) {
            throw new IllegalArgumentException(name + ": matrix tiles need " + matrixTiles.simdgroups() + " simdgroups");
        }
        if (attentionRows % 16 != 0 || attentionRows < 0) {
            throw new IllegalArgumentException(name + ": attention rows come 16 a simdgroup: " + attentionRows);
        }
        if (libraryAttention && attentionRows == 0) {
            throw new IllegalArgumentException(name + ": library attention needs the fused kernel as its fallback");
        }
    }

    /** The printer has a fused attention routine (pass fuse-attention forms ATTENTION groups). */
    /** This target with {@code libraryAttention} set (e.g. a runtime without cuDNN: the fused kernel alone). */
    public Target withLibraryAttention(boolean library) {
        return new Target(name, threadsPerThreadgroup, simdWidth, elementsPerThread, rowsPerTask, accumulators,
                nativeHalf, nativeBFloat, simdgroupMatrix, matrixOperandsTf32, matrixRowPairs, matrixTiles,
                libraryMatmul, vectorBytes, rowThreads, rowRegisters, rowStashThreads, rowStashRegisters, mathStrip,
                attentionRows, attentionPerCore, library, approximateMath, wholeRows, wideLowMath, rowWarpsPerCore,
                rowStrip);
    }

    /** This target, named {@code newName}, with {@code wholeRows} set. */
    public Target withWholeRows(String newName, boolean whole) {
        return new Target(newName, threadsPerThreadgroup, simdWidth, elementsPerThread, rowsPerTask, accumulators,
                nativeHalf, nativeBFloat, simdgroupMatrix, matrixOperandsTf32, matrixRowPairs, matrixTiles,
                libraryMatmul, vectorBytes, rowThreads, rowRegisters, rowStashThreads, rowStashRegisters, mathStrip,
                attentionRows, attentionPerCore, libraryAttention, approximateMath, whole, wideLowMath, rowWarpsPerCore,
                rowStrip);
    }

    public boolean fusedAttention() {
        return attentionRows > 0;
    }

    public boolean cooperative() {
        return threadsPerThreadgroup > 1;
    }
}
