// A lowered value together with the source span to blame when it is the wrong kind of value.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.source.SourceSpan;

record Operand(Lowered value, SourceSpan span) {
    boolean isInvalid() {
        return value instanceof Lowered.Invalid;
    }
}
