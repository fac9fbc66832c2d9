// A pipeline or fn-instance parameter: a tensor, or a scalar passed as a Java primitive.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.source.SourceSpan;

import java.util.OptionalDouble;

public record GraphParam(String name, TensorType type, boolean scalar, OptionalDouble defaultValue,
                         SourceSpan span) {
}
