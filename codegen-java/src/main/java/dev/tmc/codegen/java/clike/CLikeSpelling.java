// The per-target table of the C-like printer: how one target writes types, literals, loads and
// stores, operations and conversions (tinygrad's renderer/cstyle.py). Spellings only, no decisions.
package dev.tmc.codegen.java.clike;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;

public interface CLikeSpelling {
    /** The type of a local holding a value of {@code type}. */
    String type(DType type);

    /** A literal of {@code type}; {@code value} is representable in it. */
    Code literal(DType type, double value);

    Code threadIndex(ThreadAxis axis);

    /** Element {@code index} of buffer argument {@code buffer}, as a value of {@code type}. */
    Code load(String buffer, Code index, DType type);

    /** The statement (without its semicolon) that stores {@code value} of {@code type}. */
    String store(String buffer, Code index, DType type, Code value);

    Code unary(UnaryFn fn, DType type, DType operand, Code x);

    /** {@code a} and {@code b} have types {@code left} and {@code right} (normally the same). */
    Code binary(BinaryFn fn, DType type, DType left, DType right, Code a, Code b);

    /** {@code x} of type {@code from} as {@code to}, with the language's cast semantics. */
    Code convert(DType from, DType to, Code x);

    Code simdReduce(Combine combine, DType type, Code x);

    /** The declaration (without its semicolon) of an array in threadgroup or per-thread memory. */
    String array(String name, DType type, int length, boolean threadgroup);

    /** A target-specific statement: barriers and simdgroup matrices (without the semicolon). */
    String special(KStmt s);

    /** Element {@code index} of a kernel's own array. */
    default Code loadArray(String array, Code index, DType type) {
        return Code.primary(array + "[" + index.text() + "]");
    }

    default String storeArray(String array, Code index, Code value) {
        return array + "[" + index.text() + "] = " + value.text();
    }

    /** Integer division and remainder of non-negative index operands. */
    default Code index(boolean divide, Code a, Code b) {
        return Code.infix(a, divide ? "/" : "%", Precedence.MULTIPLICATIVE, b);
    }

    default Code select(Code condition, Code a, Code b) {
        return Code.conditional(condition, a, b);
    }

    /** A line comment (without the line break). */
    default String comment(String text) {
        return ("// " + text).strip();
    }

    /** The loop's step clause, e.g. {@code e++} or {@code e += 4}. */
    default String increment(String var, Code step) {
        return step.text().equals("1") ? var + "++" : var + " += " + step.text();
    }
}
