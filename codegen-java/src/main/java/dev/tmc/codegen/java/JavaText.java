// Small pieces of Java source text: identifiers from file names, string literals, comment lines
// that javac cannot misread, and lists wrapped to a readable width.
package dev.tmc.codegen.java;

import java.util.List;

public final class JavaText {
    /** Lines longer than this are wrapped where a list allows it. */
    static final int WIDTH = 110;

    private JavaText() {
    }

    /** {@code transformer_block.tm} (or a path ending in it) gives {@code TransformerBlock}. */
    public static String typeName(String tmFileName) {
        String base = baseName(tmFileName).replaceFirst("\\.tm$", "");
        StringBuilder out = new StringBuilder();
        for (String part : base.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, "Tm");
        }
        return out.toString();
    }

    /** The last segment of a path, e.g. {@code quickstart.tm}. */
    public static String baseName(String path) {
        return path.replaceAll(".*[/\\\\]", "");
    }

    /** A Java string literal of {@code s}. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Text for one line of a comment: line breaks become spaces and a backslash before 'u' is
     * spelled apart, since javac reads unicode escapes even inside comments.
     */
    public static String commentText(String s) {
        return s.replaceAll("[\\r\\n]+", " ").replace("\\u", "\\ u").replace("*/", "* /");
    }

    /**
     * {@code head + items joined by ", " + tail}, broken after commas so no line (indented by
     * {@code indent}) passes WIDTH; continuation lines are indented by {@code continuation}.
     */
    static String wrap(String indent, String head, List<String> items, String tail, String continuation) {
        StringBuilder out = new StringBuilder(indent).append(head);
        int lineStart = 0;
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i) + (i + 1 < items.size() ? "," : tail);
            int column = out.length() - lineStart;
            if (i > 0 && column + 1 + item.length() > WIDTH) {
                out.append('\n');
                lineStart = out.length();
                out.append(continuation).append(item);
            } else {
                out.append(i > 0 ? " " : "").append(item);
            }
        }
        if (items.isEmpty()) {
            out.append(tail);
        }
        return out.toString();
    }
}
