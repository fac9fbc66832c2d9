// A strict RFC 8259 JSON parser for manifests: no comments, trailing commas, NaN literals, single
// quotes or duplicate keys; every error names the source, line and column.
package dev.tmc.runtime.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class JsonParser {
    /** Deeper nesting than any manifest has; the limit keeps hostile input from overflowing the stack. */
    private static final int MAX_DEPTH = 256;

    private final String text;
    private final String source;
    private int pos;
    private int line = 1;
    private int lineStart;

    private JsonParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The one value {@code text} holds; {@code source} names it in errors. */
    static Json parse(String text, String source) {
        JsonParser p = new JsonParser(text, source);
        p.skipWhitespace();
        Json value = p.value(0);
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describeNext() + " after the end of the JSON value");
        }
        return value;
    }

    private Json value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        Json.Position at = position();
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(at, depth);
            case '[': return array(at, depth);
            case '"': return new Json.Str(string(), at);
            case 't': literal("true"); return new Json.Bool(true, at);
            case 'f': literal("false"); return new Json.Bool(false, at);
            case 'n': literal("null"); return new Json.Null(at);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return new Json.Num(number(), at);
                }
                throw error("unexpected " + describeNext() + ", expected a value");
        }
    }

    private Json.Obj object(Json.Position at, int depth) {
        pos++; // '{'
        Map<String, Json> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new Json.Obj(members, at);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeNext() + ", expected a key in double quotes");
            }
            Json.Position keyAt = position();
            String key = string();
            skipWhitespace();
            expect(':', "after the key \"" + key + "\"");
            skipWhitespace();
            Json value = value(depth + 1);
            if (members.putIfAbsent(key, value) != null) {
                throw new PlanFormatException(source, keyAt.line(), keyAt.column(), "duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return new Json.Obj(members, at);
            } else {
                throw error("unexpected " + describeNext() + ", expected ',' or '}' in an object");
            }
        }
    }

    private Json.Arr array(Json.Position at, int depth) {
        pos++; // '['
        List<Json> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new Json.Arr(elements, at);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return new Json.Arr(elements, at);
            } else {
                throw error("unexpected " + describeNext() + ", expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error(String.format("control character U+%04X in a string (write it as an escape)", (int) c));
            }
            if (c == '\\') {
                out.append(escape());
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private char escape() {
        pos++; // backslash
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("unterminated \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos), 16);
                    if (digit < 0) {
                        throw error("bad \\u escape: '" + text.charAt(pos) + "' is not a hex digit");
                    }
                    code = code * 16 + digit;
                    pos++;
                }
                return (char) code;
            default:
                pos--;
                throw error("unknown escape \\" + c);
        }
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, returned as written. */
    private String number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("a number may not have a leading zero");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit after '-'");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        return text.substring(start, pos);
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describeNext() + ", expected a value");
        }
        pos += word.length();
    }

    private void expect(char c, String where) {
        if (peek() != c) {
            throw error("unexpected " + describeNext() + ", expected '" + c + "' " + where);
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The next char, or -1 at the end. */
    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private String describeNext() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "'" + c + "'";
    }

    private Json.Position position() {
        return new Json.Position(line, pos - lineStart + 1);
    }

    private PlanFormatException error(String message) {
        Json.Position at = position();
        return new PlanFormatException(source, at.line(), at.column(), message);
    }
}
