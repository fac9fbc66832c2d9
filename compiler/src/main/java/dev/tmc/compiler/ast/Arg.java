// A call argument: positional, or keyword as in axis = -1.
package dev.tmc.compiler.ast;

import dev.tmc.compiler.source.SourceSpan;

import java.util.Optional;

public record Arg(Optional<String> keyword, Expr value, SourceSpan span) {
    public boolean isKeyword() {
        return keyword.isPresent();
    }
}
