// Turns ANTLR's recognition errors into tmc diagnostics with plain-language messages.
package dev.tmc.compiler.parse;

import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.grammar.TmLexer;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;

final class SyntaxErrors extends DefaultErrorStrategy {
    private final SourceFile file;
    private final Diagnostics diagnostics;
    private int count;

    SyntaxErrors(SourceFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    int count() {
        return count;
    }

    /** Errors the strategy does not see itself (e.g. in adaptive prediction) still arrive here. */
    BaseErrorListener listener() {
        return new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col,
                                    String msg, RecognitionException e) {
                if (e == null && offending instanceof Token t) {
                    error(span(t), "syntax error at " + describe(t));
                }
            }
        };
    }

    @Override
    protected void reportNoViableAlternative(org.antlr.v4.runtime.Parser recognizer, NoViableAltException e) {
        Token t = e.getOffendingToken();
        error(span(t), unexpected(t, expected(recognizer)));
    }

    @Override
    protected void reportInputMismatch(org.antlr.v4.runtime.Parser recognizer, InputMismatchException e) {
        Token t = e.getOffendingToken();
        error(span(t), unexpected(t, e.getExpectedTokens()));
    }

    @Override
    protected void reportFailedPredicate(org.antlr.v4.runtime.Parser recognizer,
                                         org.antlr.v4.runtime.FailedPredicateException e) {
        Token t = e.getOffendingToken();
        error(span(t), "syntax error at " + describe(t));
    }

    @Override
    protected void reportUnwantedToken(org.antlr.v4.runtime.Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        error(span(t), unexpected(t, expected(recognizer)));
    }

    @Override
    protected void reportMissingToken(org.antlr.v4.runtime.Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        Token previous = recognizer.getInputStream().LT(-1);
        // A missing ';' belongs right after the previous token, where the user forgot it.
        SourceSpan at = previous != null && previous.getType() != Token.EOF
                ? file.span(previous.getStopIndex() + 1, previous.getStopIndex() + 1)
                : span(t);
        error(at, "expected " + names(expected(recognizer)) + " before " + describe(t));
    }

    private IntervalSet expected(org.antlr.v4.runtime.Parser recognizer) {
        return recognizer.getExpectedTokens();
    }

    private String unexpected(Token t, IntervalSet expected) {
        if (t.getType() == TmLexer.ERROR_CHAR) {
            return "unexpected character '" + t.getText() + "'";
        }
        String what = t.getType() == Token.EOF ? "unexpected end of file" : "unexpected " + describe(t);
        return expected == null || expected.isNil() ? what : what + "; expected " + names(expected);
    }

    private void error(SourceSpan span, String message) {
        count++;
        diagnostics.error(span, message);
    }

    private SourceSpan span(Token t) {
        if (t.getType() == Token.EOF) {
            int end = file.text().length();
            return file.span(end, end);
        }
        return file.span(t.getStartIndex(), t.getStopIndex() + 1);
    }

    private static String describe(Token t) {
        return t.getType() == Token.EOF ? "end of file" : "'" + t.getText() + "'";
    }

    /** Names the expected tokens the way a person would; long sets collapse to what they mean. */
    private static String names(IntervalSet set) {
        List<Integer> types = set.toList();
        if (types.contains(TmLexer.INT) && types.contains(TmLexer.IDENT) && types.contains(TmLexer.LPAREN)) {
            return "an expression";
        }
        List<String> names = new ArrayList<>();
        for (int type : types) {
            names.add(tokenName(type));
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String tokenName(int type) {
        switch (type) {
            case Token.EOF: return "end of file";
            case TmLexer.IDENT: return "a name";
            case TmLexer.INT: return "an integer";
            case TmLexer.FLOAT: return "a number";
            default:
                String literal = TmLexer.VOCABULARY.getLiteralName(type);
                return literal != null ? literal : TmLexer.VOCABULARY.getDisplayName(type);
        }
    }
}
