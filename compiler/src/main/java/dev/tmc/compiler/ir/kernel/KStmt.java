// Thread-level statements of kernel IR.
package dev.tmc.compiler.ir.kernel;

import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.runtime.DType;

import java.util.List;

public sealed interface KStmt {

    /** A new mutable local variable. */
    record Declare(String name, DType type, KExpr init) implements KStmt {
    }

    record Assign(String name, KExpr value) implements KStmt {
    }

    /** Writes {@code value} (of the buffer's dtype) to element {@code index} of a buffer argument. */
    record Store(String buffer, KExpr index, KExpr value) implements KStmt {
    }

    record StoreArray(String array, KExpr index, KExpr value) implements KStmt {
    }

    /**
     * Copies elements {@code first .. first + length - 1} of a buffer argument into per-thread array
     * {@code array} (of the buffer's dtype). {@code first} is a multiple of {@code length} and the run
     * is whole, so a target may read it with aligned vector accesses. The run lands at element
     * {@code offset} of the array (a multiple of {@code length}; 0 for a run that fills it).
     */
    record LoadRun(String array, String buffer, KExpr first, int length, KExpr offset) implements KStmt {
        public LoadRun(String array, String buffer, KExpr first, int length) {
            this(array, buffer, first, length, KExpr.Lit.index(0));
        }

        public boolean wholeArray() {
            return offset instanceof KExpr.Lit l && l.value() == 0;
        }
    }

    /** Copies per-thread array {@code array} from {@code offset} to elements {@code first ..} of a buffer; as {@link LoadRun}. */
    record StoreRun(String buffer, KExpr first, String array, int length, KExpr offset) implements KStmt {
        public StoreRun(String buffer, KExpr first, String array, int length) {
            this(buffer, first, array, length, KExpr.Lit.index(0));
        }

        public boolean wholeArray() {
            return offset instanceof KExpr.Lit l && l.value() == 0;
        }
    }

    /** Memory shared by the threads of a threadgroup; declared once at the top of a kernel. */
    record ThreadgroupArray(String name, DType type, int length) implements KStmt {
    }

    /** Per-thread memory (registers where the target can). */
    record LocalArray(String name, DType type, int length) implements KStmt {
    }

    /** {@code for (var = from; var < to; var += step)}; {@code unroll} hints a short fixed trip count. */
    record For(String var, KExpr from, KExpr to, KExpr step, List<KStmt> body, boolean unroll) implements KStmt {
        public For {
            body = List.copyOf(body);
        }
    }

    record If(KExpr cond, List<KStmt> then, List<KStmt> otherwise) implements KStmt {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /**
     * {@code array[i] = fn(array[i])} for every i in [from, to) of a per-thread f32 array: a function applied to a
     * strip of values at once, for a target whose runtime computes it with SIMD ({@link Target#mathStrip}).
     */
    record ArrayMap(UnaryFn fn, String array, KExpr from, KExpr to) implements KStmt {
    }

    /**
     * {@code array[i]} rounded to {@code type} (a 16-bit float held in f32) for every i in [from, to) of a per-thread
     * f32 array: the roundings of a strip's f16 operations at once, for a target whose runtime does them with SIMD
     * ({@link Target#mathStrip}).
     */
    record ArrayRound(DType type, String array, KExpr from, KExpr to) implements KStmt {
    }

    /**
     * {@code lanes[(i - from) % L] = combine(lanes[(i - from) % L], array[i])} for i from {@code from} to {@code to - 1}
     * in order, L the length of per-thread f32 array {@code lanes}: a strip of a row reduction's values combined
     * into L accumulators at once, for a target whose runtime does it with SIMD ({@link Target#mathStrip}). Each
     * accumulator combines its elements in order, as L unrolled accumulators would. Sum, max and min only.
     */
    record ArrayReduce(Combine combine, String lanes, String array, KExpr from, KExpr to) implements KStmt {
    }

    /**
     * Converts {@code length} elements of a float buffer argument, from element {@code first}, into
     * per-thread array {@code array} of the buffer's dtype {@code type} from 0: a strip converted at once, for a target whose
     * runtime converts strips with SIMD ({@link Target#mathStrip}). An f32 buffer is copied, so that the strip's
     * loops access arrays at one index.
     */
    record LoadStrip(String array, String buffer, DType type, KExpr first, KExpr length) implements KStmt {
    }

    /**
     * Converts elements 0 .. length - 1 of per-thread array {@code array} into a buffer from {@code first}; as
     * {@link LoadStrip}. Both also copy f32 strips, so that a loop reads and writes only local arrays at one index.
     */
    record StoreStrip(String buffer, DType type, KExpr first, String array, KExpr length) implements KStmt {
    }

    /** All threads of the threadgroup wait here; threadgroup memory writes before are visible after. */
    record Barrier() implements KStmt {
    }

    /**
     * An 8x8 matrix a simdgroup holds collectively (Metal's simdgroup_matrix), filled with
     * {@code fill}. The simdgroup-matrix statements must be reached by all lanes of a simdgroup
     * together, with the same offsets.
     */
    record SimdMatrix(String name, DType type, double fill) implements KStmt {
    }

    /** Loads matrix {@code name}: element (r, c) from {@code array[offset + r * stride + c]}. */
    record SimdMatrixLoad(String name, String array, KExpr offset, int stride) implements KStmt {
    }

    /** {@code d = a * b + c} on 8x8 simdgroup matrices. */
    record SimdMatrixMultiplyAccumulate(String d, String a, String b, String c) implements KStmt {
    }

    /**
     * {@code d0 = a0 * b + c0} and {@code d1 = a1 * b + c1} on 8x8 simdgroup matrices: the two
     * products of {@link SimdMatrixMultiplyAccumulate} that share {@code b}, for a matrix unit that
     * multiplies a 16x8 left operand (a0 over a1) in one instruction.
     */
    record SimdMatrixMultiplyAccumulatePair(String d0, String a0, String c0, String d1, String a1, String c1, String b)
            implements KStmt {
    }

    /** Stores matrix {@code name}: element (r, c) to {@code array[offset + r * stride + c]}. */
    record SimdMatrixStore(String name, String array, KExpr offset, int stride) implements KStmt {
    }

    /**
     * The threadgroup's share of a fused attention, {@code out = softmax(scale * q @ k^T) @ v} per
     * head: q is {@code [heads, rows, headDim]}, k and v {@code [heads, cols, headDim]}, out like q,
     * all of {@code dtype} (f16 or bf16), row-major. Threadgroup {@code g} computes rows
     * {@code [(g % tiles) * rowsPerThreadgroup, ...)} of head {@code g / tiles}, where tiles is
     * {@code ceil(rows / rowsPerThreadgroup)}. Its meaning, as the kernel interpreter computes it:
     * per row, scores {@code s_j = scale * (q . k_j)} summed in f32, {@code m = max s_j},
     * {@code p_j = exp(s_j - m)} in f32, {@code l = sum p_j}, and
     * {@code out = (sum round(p_j) * v_j) / l} with {@code p_j} rounded to {@code dtype} (the
     * matrix unit's operand), summed in f32, rounded to {@code dtype} once (0 where there are no
     * columns). A target spells it as one call (CUDA: a flash-attention template of its prelude).
     */
    record Attention(String q, String k, String v, String out, KExpr scale, KExpr heads, KExpr rows, KExpr cols,
                     KExpr headDim, int rowsPerThreadgroup, DType dtype) implements KStmt {
    }

    /** Source context for readers of generated code, e.g. the .tm line a kernel comes from. */
    record Comment(String text) implements KStmt {
    }
}
