// The dtype promotion lattice (JAX-style weak types), written down in docs/language.md.
package dev.tmc.compiler.lower;

import dev.tmc.runtime.DType;

final class Promotion {
    private Promotion() {
    }

    /** A dtype and whether it is weak: the type of a literal that adapts to the other operand. */
    record Kind(DType dtype, boolean weak) {
        static Kind strong(DType d) {
            return new Kind(d, false);
        }

        @Override
        public String toString() {
            return weak ? (dtype == DType.I32 ? "int literal" : "float literal") : dtype.spelling();
        }
    }

    /**
     * The common kind of two operands. Weak meets weak: the wider category, still weak. Weak meets
     * strong: the strong dtype, except that a float literal lifts an integer or bool to (weak) f32.
     * Strong meets strong: bool adapts to anything, i32 to any float, f16 with bf16 gives f32, and
     * a 16-bit float with f32 gives f32.
     */
    static Kind promote(Kind a, Kind b) {
        if (a.weak && b.weak) {
            return new Kind(wider(a.dtype, b.dtype), true);
        }
        if (a.weak || b.weak) {
            Kind weak = a.weak ? a : b;
            Kind strong = a.weak ? b : a;
            if (strong.dtype.isFloat()) {
                return strong;
            }
            if (weak.dtype == DType.F32) {
                return new Kind(DType.F32, true);
            }
            return strong.dtype == DType.BOOL ? new Kind(DType.I32, true) : strong;
        }
        return Kind.strong(promote(a.dtype, b.dtype));
    }

    static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a == DType.BOOL) {
            return b;
        }
        if (b == DType.BOOL) {
            return a;
        }
        if (a == DType.I32) {
            return b;
        }
        if (b == DType.I32) {
            return a;
        }
        // Two different floats: f16+bf16 has no common 16-bit type; anything with f32 is f32.
        return DType.F32;
    }

    private static DType wider(DType a, DType b) {
        if (a == DType.F32 || b == DType.F32) {
            return DType.F32;
        }
        if (a == DType.I32 || b == DType.I32) {
            return DType.I32;
        }
        return DType.BOOL;
    }
}
