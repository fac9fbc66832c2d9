// The one public entry to parsing: .tm text in, AST and syntax diagnostics out; ANTLR stays inside.
package dev.tmc.compiler.parse;

import dev.tmc.compiler.ast.CompilationUnit;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.grammar.TmLexer;
import dev.tmc.grammar.TmParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.Optional;

public final class Parser {
    private Parser() {
    }

    /**
     * Parses a file. Syntax errors are reported to {@code diagnostics} (several per file, thanks to
     * ANTLR's recovery) and then no AST is returned, so later phases never see a broken tree.
     */
    public static Optional<CompilationUnit> parse(SourceFile file, Diagnostics diagnostics) {
        TmLexer lexer = new TmLexer(CharStreams.fromString(file.text(), file.name()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        TmParser parser = new TmParser(tokens);
        parser.removeErrorListeners();

        // SLL is enough for almost every input and much faster; fall back to full LL only on failure.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        TmParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (ParseCancellationException slFailed) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            SyntaxErrors errors = new SyntaxErrors(file, diagnostics);
            parser.setErrorHandler(errors);
            parser.addErrorListener(errors.listener());
            tree = parser.file();
            if (errors.count() > 0) {
                return Optional.empty();
            }
        }
        int before = diagnostics.errorCount();
        CompilationUnit unit = new AstBuilder(file, diagnostics).file(tree);
        return diagnostics.errorCount() > before ? Optional.empty() : Optional.of(unit);
    }
}
