// Statements of a pipeline or fn body.
package dev.tmc.compiler.ast;

import dev.tmc.compiler.source.SourceSpan;

public sealed interface Stmt {
    SourceSpan span();

    record Let(String name, SourceSpan nameSpan, Expr value, SourceSpan span) implements Stmt {
    }

    record Return(Expr value, SourceSpan span) implements Stmt {
    }

    /** {@code precision strict;} as the first statement of a pipeline. */
    record Precision(String profile, SourceSpan profileSpan, SourceSpan span) implements Stmt {
    }
}
