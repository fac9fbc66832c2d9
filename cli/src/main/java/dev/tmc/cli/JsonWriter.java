// A small streaming JSON writer for `tmc explain --format json`: keys in the order written,
// two-space indentation, strings escaped per RFC 8259, so equal inputs give equal bytes.
package dev.tmc.cli;

import java.util.ArrayDeque;
import java.util.Deque;

final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final Deque<Container> open = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        return begin('{');
    }

    JsonWriter endObject() {
        return end('}');
    }

    JsonWriter beginArray() {
        return begin('[');
    }

    /** An array written on one line, for short lists of numbers and strings such as shapes. */
    JsonWriter beginInlineArray() {
        separate();
        out.append('[');
        open.push(new Container(true));
        return this;
    }

    JsonWriter endArray() {
        return end(']');
    }

    /** The key of the next object member. */
    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    JsonWriter value(long n) {
        separate();
        out.append(n);
        return this;
    }

    /** A finite number in Java's shortest round-trip form; JSON has no NaN or infinity, so those are null. */
    JsonWriter value(double d) {
        separate();
        out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        return this;
    }

    /** A float in its shortest form that reads back as the same float: 1e-6 stays 1.0E-6, not 9.99...E-7. */
    JsonWriter value(float f) {
        separate();
        out.append(Float.isFinite(f) ? Float.toString(f) : "null");
        return this;
    }

    JsonWriter value(boolean b) {
        separate();
        out.append(b);
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed JSON container");
        }
        return out + "\n";
    }

    private JsonWriter begin(char bracket) {
        separate();
        out.append(bracket);
        open.push(new Container(false));
        return this;
    }

    private JsonWriter end(char bracket) {
        Container closed = open.pop();
        if (closed.hasMembers && !closed.inline) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    /** Before a value or key: the comma and newline, unless the value follows its key. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (open.isEmpty()) {
            return;
        }
        Container container = open.peek();
        if (container.inline) {
            out.append(container.hasMembers ? ", " : "");
        } else {
            out.append(container.hasMembers ? "," : "");
            newline();
        }
        container.hasMembers = true;
    }

    private void newline() {
        out.append('\n').append("  ".repeat(open.size()));
    }

    /** An open object or array: whether it has a member yet, and whether it stays on one line. */
    private static final class Container {
        final boolean inline;
        boolean hasMembers;

        Container(boolean inline) {
            this.inline = inline;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    // Other controls must be escaped; U+2028/9 too, so the output is also valid JavaScript.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
