// Thread-level statements of kernel IR.
package dev.tmc.compiler.ir.kernel;

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

    /** All threads of the threadgroup wait here; threadgroup memory writes before are visible after. */
    record Barrier() implements KStmt {
    }

    /** Source context for readers of generated code, e.g. the .tm line a kernel comes from. */
    record Comment(String text) implements KStmt {
    }
}
