// Prints JSON deterministically: members in the order given, 2-space indent, and any array or
// object that fits in the line printed on that line, so sizes like [[4, "N", "D"]] stay readable.
package dev.tmc.runtime.plan;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

final class JsonWriter {
    private static final int WIDTH = 100;
    private static final int INDENT = 2;

    private JsonWriter() {}

    /** The text of {@code value}, ending with a newline. */
    static String write(Json value) {
        StringBuilder out = new StringBuilder();
        write(value, 0, 0, out);
        return out.append('\n').toString();
    }

    /** Writes {@code value} starting at {@code column}, continuation lines indented by {@code indent}. */
    private static void write(Json value, int indent, int column, StringBuilder out) {
        String flat = flat(value);
        if (column + flat.length() <= WIDTH || !(value instanceof Json.Obj || value instanceof Json.Arr)) {
            out.append(flat);
            return;
        }
        String inner = " ".repeat(indent + INDENT);
        if (value instanceof Json.Arr a) {
            out.append("[\n");
            for (Iterator<Json> it = a.elements().iterator(); it.hasNext(); ) {
                out.append(inner);
                write(it.next(), indent + INDENT, inner.length(), out);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append(" ".repeat(indent)).append(']');
        } else {
            out.append("{\n");
            for (Iterator<Map.Entry<String, Json>> it = ((Json.Obj) value).members().entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Json> m = it.next();
                String key = quote(m.getKey()) + ": ";
                out.append(inner).append(key);
                write(m.getValue(), indent + INDENT, inner.length() + key.length(), out);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append(" ".repeat(indent)).append('}');
        }
    }

    /** The one-line form: {@code {"a": 1, "b": [2, 3]}}. */
    private static String flat(Json value) {
        if (value instanceof Json.Obj o) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<String, Json> m : o.members().entrySet()) {
                b.append(b.length() > 1 ? ", " : "").append(quote(m.getKey())).append(": ").append(flat(m.getValue()));
            }
            return b.append('}').toString();
        }
        if (value instanceof Json.Arr a) {
            List<Json> elements = a.elements();
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < elements.size(); i++) {
                b.append(i > 0 ? ", " : "").append(flat(elements.get(i)));
            }
            return b.append(']').toString();
        }
        if (value instanceof Json.Str s) {
            return quote(s.value());
        }
        if (value instanceof Json.Num n) {
            return n.text();
        }
        if (value instanceof Json.Bool b) {
            return Boolean.toString(b.value());
        }
        return "null";
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, the rest as is. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
