// One parsed .tm file.
package dev.tmc.compiler.ast;

import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceSpan;

import java.util.List;
import java.util.Optional;

public record CompilationUnit(SourceFile file, Optional<String> packageName,
                              Optional<Stmt.Precision> precision, List<Decl> decls) {
    public CompilationUnit {
        decls = List.copyOf(decls);
    }

    public List<Decl.Fn> fns() {
        return decls.stream().filter(d -> d instanceof Decl.Fn).map(d -> (Decl.Fn) d).toList();
    }

    public List<Decl.Pipeline> pipelines() {
        return decls.stream().filter(d -> d instanceof Decl.Pipeline).map(d -> (Decl.Pipeline) d).toList();
    }

    public static SourceSpan whole(SourceFile file) {
        return file.span(0, file.text().length());
    }
}
