// Top-level declarations: fns and pipelines, and the parts of their signatures.
package dev.tmc.compiler.ast;

import dev.tmc.compiler.source.SourceSpan;

import java.util.List;
import java.util.Optional;

public sealed interface Decl {
    String name();

    SourceSpan nameSpan();

    SourceSpan span();

    record Fn(String name, SourceSpan nameSpan, List<FnParam> params, List<Stmt> body, SourceSpan span)
            implements Decl {
        public Fn {
            params = List.copyOf(params);
            body = List.copyOf(body);
        }
    }

    record Pipeline(String name, SourceSpan nameSpan, List<Param> params, List<Output> outputs,
                    boolean namedOutputs, List<Stmt> body, SourceSpan span) implements Decl {
        public Pipeline {
            params = List.copyOf(params);
            outputs = List.copyOf(outputs);
            body = List.copyOf(body);
        }
    }

    /** A fn parameter: untyped (fns are generic), optionally with a default. */
    record FnParam(String name, Optional<Expr> defaultValue, SourceSpan span) {
    }

    record Param(String name, SourceSpan nameSpan, TypeRef type, Optional<Expr> defaultValue, SourceSpan span) {
    }

    /** An output; the single unnamed output of {@code -> f32[N]} is called {@code out}. */
    record Output(String name, TypeRef type, SourceSpan span) {
    }
}
