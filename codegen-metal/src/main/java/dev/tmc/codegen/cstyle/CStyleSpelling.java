// The per-target table of a C-like printer: how a target writes types, literals, operations and
// the few statements that differ (tinygrad's renderer/cstyle.py). No decisions, only spellings.
package dev.tmc.codegen.cstyle;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;

import java.util.Optional;

public interface CStyleSpelling {
    /** The name of the target language, for messages about what it cannot spell. */
    String target();

    String type(DType type);

    /** A literal of {@code type}; {@code value} is representable in it. */
    String literal(DType type, double value);

    /** Empty when the target has no spelling for {@code fn} on operands of {@code operand}. */
    Optional<Form> unary(UnaryFn fn, DType operand);

    Optional<Form> binary(BinaryFn fn, DType operand);

    Optional<Form> convert(DType from, DType to);

    Optional<Form> simdReduce(Combine combine, DType type);

    /** An i32 expression (primary) for a thread coordinate. */
    String threadIndex(ThreadAxis axis);

    String barrier();

    String threadgroupArray(DType type, String name, int length);

    String localArray(DType type, String name, int length);

    /**
     * Copies {@code buffer[first ..]} ({@code length} elements, a whole aligned run) into the per-thread
     * {@code array}; empty where the target has no vector accesses (its Target asks for none).
     */
    default Optional<String> loadRun(String array, String buffer, String first, int length) {
        return Optional.empty();
    }

    /** As {@link #loadRun}, into {@code array} from element {@code offset}. */
    default Optional<String> loadRunAt(String array, String offset, String buffer, String first, int length) {
        return Optional.empty();
    }

    /** As {@link #storeRun}, from {@code array}'s element {@code offset}. */
    default Optional<String> storeRunAt(String buffer, String first, String array, String offset, int length) {
        return Optional.empty();
    }

    /** Copies the per-thread {@code array} to {@code buffer[first ..]}; as {@link #loadRun}. */
    default Optional<String> storeRun(String buffer, String first, String array, int length) {
        return Optional.empty();
    }

    /** {@code array[i]} rounded to {@code type} for i in [from, to); as {@link #arrayMap}. */
    default Optional<String> arrayRound(DType type, String array, String from, String to) {
        return Optional.empty();
    }

    /** {@code array[from .. to)} combined into the accumulators of {@code lanes}, as KStmt.ArrayReduce; as {@link #arrayMap}. */
    default Optional<String> arrayReduce(Combine combine, String lanes, String array, String from, String to) {
        return Optional.empty();
    }

    /**
     * Converts {@code length} elements of {@code buffer} (16-bit floats of {@code type}; f32 is copied) from {@code first} into {@code array} from 0;
     * empty where the target's lowering never asks for it (Target.mathStrip 0).
     */
    default Optional<String> loadStrip(DType type, String array, String buffer, String first, String length) {
        return Optional.empty();
    }

    /** Converts {@code array[0 .. length)} into {@code buffer} from {@code first}; as {@link #loadStrip}. */
    default Optional<String> storeStrip(DType type, String buffer, String first, String array, String length) {
        return Optional.empty();
    }

    /**
     * The statement {@code array[i] = fn(array[i])} for i in [from, to) of an f32 array; empty where the target's
     * lowering never asks for it (Target.mathStrip 0).
     */
    default Optional<String> arrayMap(UnaryFn fn, String array, String from, String to) {
        return Optional.empty();
    }

    /** A line printed before a loop whose IR asks for unrolling, if the target has one. */
    Optional<String> unrollHint();

    /** Declares an 8x8 simdgroup matrix of {@code type} with every element {@code fill} (a literal). */
    Optional<String> simdMatrix(DType type, String name, String fill);

    /** Loads matrix {@code name}: element (r, c) from {@code array[offset + r * stride + c]}. */
    String simdMatrixLoad(String name, String array, String offset, int stride);

    /** {@code d = a * b + c}. */
    String simdMatrixMultiplyAccumulate(String d, String a, String b, String c);

    /**
     * {@code d0 = a0 * b + c0} and {@code d1 = a1 * b + c1}; by default the two products, where the
     * target has no instruction for both.
     */
    default String simdMatrixMultiplyAccumulatePair(String d0, String a0, String c0, String d1, String a1, String c1,
                                                    String b) {
        return simdMatrixMultiplyAccumulate(d0, a0, b, c0) + " " + simdMatrixMultiplyAccumulate(d1, a1, b, c1);
    }

    /** Stores matrix {@code name}: element (r, c) to {@code array[offset + r * stride + c]}. */
    String simdMatrixStore(String name, String array, String offset, int stride);

    /**
     * The call that computes a fused attention's threadgroup share ({@link
     * dev.tmc.compiler.ir.kernel.KStmt.Attention}), its operands spelled; empty where the target has
     * no such routine (only CUDA has one; pass fuse-attention never forms it for the others).
     */
    default Optional<String> attention(DType dtype, int rowsPerThreadgroup, String q, String k, String v, String out,
                                       String scale, String heads, String rows, String cols, String headDim) {
        return Optional.empty();
    }

    /**
     * How a loaded value of {@code type} reads, applied to the element {@code buffer[index]} as
     * operand 0: the element itself where buffers hold the type (C), a conversion where they hold
     * its bits (Java's short[] for f16).
     */
    default Form load(DType type) {
        return new Form.Same();
    }

    /** How a value of {@code type} (operand 0) is written into an element of a buffer of that type. */
    default Form store(DType type) {
        return new Form.Same();
    }

    /** One line of a comment, whole (without the line break). */
    default String comment(String line) {
        return line.isEmpty() ? "//" : "// " + line;
    }
}
