// Thread-level expressions of kernel IR. Every expression has a scalar type; i32 doubles as the
// index type. Meaning follows OpSemantics exactly; printers only spell it for their target.
package dev.tmc.compiler.ir.kernel;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.runtime.DType;

public sealed interface KExpr {
    DType type();

    /** A literal of the given type (value already representable in it). */
    record Lit(DType type, double value) implements KExpr {
        public static Lit index(long v) {
            return new Lit(DType.I32, v);
        }

        public static Lit bool(boolean v) {
            return new Lit(DType.BOOL, v ? 1 : 0);
        }
    }

    /** A local variable, a loop variable or a scalar kernel argument. */
    record Var(String name, DType type) implements KExpr {
    }

    /** A thread coordinate the hardware provides; always i32. */
    record ThreadIndex(ThreadAxis axis) implements KExpr {
        public DType type() {
            return DType.I32;
        }
    }

    /** Element {@code index} of a device buffer argument; the type is the buffer's dtype. */
    record Load(String buffer, KExpr index, DType type) implements KExpr {
    }

    /** Element {@code index} of a threadgroup or per-thread array declared in the kernel. */
    record LoadArray(String array, KExpr index, DType type) implements KExpr {
    }

    record Unary(UnaryFn fn, KExpr x, DType type) implements KExpr {
    }

    record Binary(BinaryFn fn, KExpr a, KExpr b, DType type) implements KExpr {
    }

    /** Integer division and remainder of non-negative i32 operands, for index arithmetic. */
    record IndexOp(IndexFn fn, KExpr a, KExpr b) implements KExpr {
        public DType type() {
            return DType.I32;
        }
    }

    enum IndexFn { DIV, MOD }

    /** {@code cond ? a : b}, evaluating only the chosen operand. */
    record Select(KExpr cond, KExpr a, KExpr b, DType type) implements KExpr {
    }

    /** Conversion with the language's cast semantics (as DType.round defines them). */
    record Convert(KExpr x, DType type) implements KExpr {
    }

    /** Combines {@code x} across the lanes of the simdgroup; every lane gets the result. */
    record SimdReduce(Combine combine, KExpr x, DType type) implements KExpr {
    }
}
