// Reads the Python dict literal of an .npy header, tolerant of any layout a Python writer may produce.
package dev.tmc.runtime.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser for the subset of Python literals NumPy puts in a header: dicts with
 * string keys, single- or double-quoted strings, integers (with Python 2's {@code L} suffix),
 * True/False/None, tuples and lists, with any whitespace and optional trailing commas. NumPy reads
 * headers with {@code ast.literal_eval}, so we accept what that accepts for these forms.
 */
final class PythonLiteralParser {
    /** Real headers nest two deep; the limit only stops hostile input from exhausting the stack. */
    private static final int MAX_DEPTH = 32;
    private static final int SNIPPET_LIMIT = 120;

    private final String file;
    private final String text;
    private int pos;
    private int depth;

    private PythonLiteralParser(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Parses {@code text} as one dict literal followed only by whitespace. */
    static PythonLiteral.Dict parseDict(String file, String text) throws NpyFormatException {
        PythonLiteralParser parser = new PythonLiteralParser(file, text);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw parser.error("expected the header to start with '{'");
        }
        PythonLiteral.Dict dict = (PythonLiteral.Dict) parser.value();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected text after the header dict");
        }
        return dict;
    }

    private PythonLiteral value() throws NpyFormatException {
        skipWhitespace();
        char c = peek();
        if (c == '{' || c == '(' || c == '[') {
            if (++depth > MAX_DEPTH) {
                throw error("literal nested more than " + MAX_DEPTH + " deep");
            }
            PythonLiteral nested = c == '{' ? dict() : sequence(c);
            depth--;
            return nested;
        }
        if (c == '\'' || c == '"') {
            return new PythonLiteral.Str(string());
        }
        if (c == '-' || c == '+' || isDigit(c)) {
            return integer();
        }
        if (Character.isLetter(c)) {
            return constant();
        }
        throw error(pos < text.length() ? "unexpected character '" + c + "'" : "header ends in the middle of a value");
    }

    private PythonLiteral.Dict dict() throws NpyFormatException {
        expect('{');
        Map<String, PythonLiteral> entries = new LinkedHashMap<>();
        while (!closes('}')) {
            skipWhitespace();
            if (peek() != '\'' && peek() != '"') {
                throw error("expected a quoted key or '}'");
            }
            int keyStart = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            if (entries.put(key, value()) != null) {
                pos = keyStart;
                throw error("duplicate key '" + key + "'");
            }
            separatorOrClose('}');
        }
        return new PythonLiteral.Dict(entries);
    }

    /** A tuple or list; a parenthesised single item without a comma is just that item, as in Python. */
    private PythonLiteral sequence(char open) throws NpyFormatException {
        char close = open == '(' ? ')' : ']';
        expect(open);
        List<PythonLiteral> items = new ArrayList<>();
        boolean sawComma = false;
        while (!closes(close)) {
            items.add(value());
            sawComma |= separatorOrClose(close);
        }
        if (open == '(' && items.size() == 1 && !sawComma) {
            return items.get(0);
        }
        return new PythonLiteral.Sequence(open == '(', List.copyOf(items));
    }

    /** After an item: consumes a comma (returning true) or checks that the closer comes next. */
    private boolean separatorOrClose(char close) throws NpyFormatException {
        skipWhitespace();
        if (peek() == ',') {
            pos++;
            return true;
        }
        if (peek() != close) {
            throw error("expected ',' or '" + close + "'");
        }
        return false;
    }

    /** Consumes the closer if it comes next (after whitespace). */
    private boolean closes(char close) {
        skipWhitespace();
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    private String string() throws NpyFormatException {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\n') {
                pos--;
                throw error("unterminated string");
            }
            if (c == '\\' && pos < text.length()) {
                char escaped = text.charAt(pos++);
                // Only the escapes a dtype string could need; Python keeps unknown ones verbatim.
                switch (escaped) {
                    case '\\', '\'', '"' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    default -> out.append('\\').append(escaped);
                }
            } else {
                out.append(c);
            }
        }
        if (pos >= text.length() || text.charAt(pos) != quote) {
            throw error("unterminated string");
        }
        pos++;
        return out.toString();
    }

    private PythonLiteral.Int integer() throws NpyFormatException {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
            skipWhitespace(); // Python reads "- 3" as unary minus applied to 3
        }
        int digitsStart = pos;
        while (isDigit(peek())) {
            pos++;
        }
        if (pos == digitsStart) {
            pos = start;
            throw error("expected digits");
        }
        BigInteger magnitude = new BigInteger(text.substring(digitsStart, pos));
        if (peek() == 'L' || peek() == 'l') {
            pos++; // Python 2 long suffix, found in headers written by old NumPy
        }
        return new PythonLiteral.Int(text.charAt(start) == '-' ? magnitude.negate() : magnitude);
    }

    private PythonLiteral.Constant constant() throws NpyFormatException {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (!name.equals("True") && !name.equals("False") && !name.equals("None")) {
            pos = start;
            throw error("unexpected name '" + name + "'");
        }
        return new PythonLiteral.Constant(name);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expect(char c) throws NpyFormatException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\n\r\f\u000b".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    /** A one-line message pointing at the offset, with the header shown (newlines escaped). */
    private NpyFormatException error(String what) {
        String shown = text.strip().replace("\n", "\\n").replace("\r", "\\r");
        if (shown.length() > SNIPPET_LIMIT) {
            shown = shown.substring(0, SNIPPET_LIMIT) + "...";
        }
        return new NpyFormatException(file, "malformed header: " + what + " at offset " + pos + " in " + shown);
    }
}
