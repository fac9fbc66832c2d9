// Source text to checked graph IR: parse, then lower with the prelude. Diagnostics are collected.
package dev.tmc.compiler.driver;

import dev.tmc.compiler.ast.CompilationUnit;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.lower.LowerAst;
import dev.tmc.compiler.parse.Parser;
import dev.tmc.compiler.prelude.Prelude;
import dev.tmc.compiler.source.SourceFile;

import java.util.Optional;

public final class Frontend {
    private Frontend() {
    }

    /** The graph IR of {@code file}, or empty when {@code diagnostics} got an error. */
    public static Optional<Module> lower(SourceFile file, Precision defaultPrecision, Diagnostics diagnostics) {
        Optional<CompilationUnit> unit = Parser.parse(file, diagnostics);
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        return LowerAst.lower(unit.get(), Prelude.unit(), defaultPrecision, diagnostics);
    }
}
