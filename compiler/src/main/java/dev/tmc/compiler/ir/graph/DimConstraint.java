// A fact about the dims that only a call can check, e.g. a slice's stop <= N; must be >= 0.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.source.SourceSpan;

public record DimConstraint(DimExpr nonNegative, String message, SourceSpan span) {
}
