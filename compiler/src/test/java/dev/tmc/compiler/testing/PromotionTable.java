// The promotion table of docs/language.md, written down again from the document (not from the
// compiler), so that a disagreement between the two shows up as a program that does not compile.
package dev.tmc.compiler.testing;

import dev.tmc.runtime.DType;

final class PromotionTable {
    private PromotionTable() {
    }

    /** A dtype and whether it is weak (a literal, or rank-0 arithmetic on literals). */
    record Kind(DType dtype, boolean weak) {
    }

    static Kind promote(Kind a, Kind b) {
        if (a.weak() && b.weak()) {
            // int literal with int literal stays int; anything with a float literal is a float literal
            return new Kind(a.dtype() == DType.F32 || b.dtype() == DType.F32 ? DType.F32 : DType.I32, true);
        }
        if (a.weak() || b.weak()) {
            Kind weak = a.weak() ? a : b;
            DType strong = a.weak() ? b.dtype() : a.dtype();
            if (strong.isFloat()) {
                return new Kind(strong, false);
            }
            if (weak.dtype() == DType.F32) {
                return new Kind(DType.F32, true);            // i32/bool with a float literal: f32 (weak)
            }
            return strong == DType.BOOL ? new Kind(DType.I32, true) : new Kind(DType.I32, false);
        }
        return new Kind(promote(a.dtype(), b.dtype()), false);
    }

    /** The strong part of the table (also the rule of concat and matmul). */
    static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a == DType.BOOL || b == DType.BOOL) {
            return a == DType.BOOL ? b : a;
        }
        if (a == DType.I32 || b == DType.I32) {
            return a == DType.I32 ? b : a;
        }
        return DType.F32;                                    // f16 with bf16, or a 16-bit float with f32
    }

    /** What math functions turn a dtype into: floats stay, i32 and bool become f32. */
    static DType floating(DType d) {
        return d.isFloat() ? d : DType.F32;
    }
}
