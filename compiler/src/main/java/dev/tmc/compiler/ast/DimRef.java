// A dimension as written in a type: a literal, a symbol, or arithmetic on them (outputs only).
package dev.tmc.compiler.ast;

import dev.tmc.compiler.source.SourceSpan;

public sealed interface DimRef {
    SourceSpan span();

    record Literal(long value, SourceSpan span) implements DimRef {
    }

    record Symbol(String name, SourceSpan span) implements DimRef {
    }

    record Arith(char op, DimRef left, DimRef right, SourceSpan span) implements DimRef {
    }
}
