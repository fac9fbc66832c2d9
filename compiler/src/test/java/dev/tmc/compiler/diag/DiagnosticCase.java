// One program of the diagnostics table, cut from a .tm resource, with the diagnostics it must give.
package dev.tmc.compiler.diag;

import dev.tmc.compiler.source.SourceFile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource holds one or more cases, each starting at a line {@code // case: name}. Expectations
 * are comments next to the code they blame:
 *
 * <pre>
 *   let z = y;  // expect-error:11: unknown name 'y'
 *   // expect-error@+1:12: unknown name 'y'     (the line below; @-1 is the line above)
 *   // expect-warning:7: is never used
 * </pre>
 *
 * The number after the colon is the 1-based column where the diagnostic's span starts; the text
 * is a substring of its message. A case's source keeps the file's line numbers (earlier lines are
 * blanked), so positions read the same in the resource and in the report; it ends where the next
 * case starts, which is where an "unexpected end of file" case finds its end.
 */
record DiagnosticCase(String resource, String name, int line, SourceFile source, List<Expectation> expected) {

    record Expectation(Severity severity, int line, int column, String message) {
        @Override
        public String toString() {
            return line + ":" + column + ": " + severity.label() + ": ..." + message + "...";
        }
    }

    private static final Pattern CASE = Pattern.compile("^// case: (.+)$");
    private static final Pattern EXPECT = Pattern.compile(
            "//\\s*expect-(error|warning)(?:@([+-]\\d+))?:(\\d+):\\s*(.*?)\\s*(?=//\\s*expect-|$)");

    static List<DiagnosticCase> parse(String resource, String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String[] lines = body.split("\n", -1);
        List<DiagnosticCase> cases = new ArrayList<>();
        int start = -1;
        String name = null;
        for (int i = 0; i <= lines.length; i++) {
            Matcher header = i < lines.length ? CASE.matcher(lines[i]) : null;
            boolean boundary = i == lines.length || header.matches();
            if (!boundary) {
                continue;
            }
            if (name != null) {
                cases.add(of(resource, name, lines, start, i));
            }
            if (i < lines.length) {
                name = header.group(1).trim();
                start = i;
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(resource + " has no '// case:' line");
        }
        return cases;
    }

    /** The case on lines [from, to) of the resource, 0-based. */
    private static DiagnosticCase of(String resource, String name, String[] lines, int from, int to) {
        StringBuilder text = new StringBuilder();
        List<Expectation> expected = new ArrayList<>();
        for (int i = 0; i < to; i++) {
            if (i < from) {
                text.append('\n');
                continue;
            }
            text.append(lines[i]).append('\n');
            Matcher m = EXPECT.matcher(lines[i]);
            while (m.find()) {
                Severity severity = m.group(1).equals("error") ? Severity.ERROR : Severity.WARNING;
                int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                expected.add(new Expectation(severity, i + 1 + offset, Integer.parseInt(m.group(3)), m.group(4)));
            }
        }
        if (expected.isEmpty()) {
            throw new IllegalArgumentException(resource + ":" + (from + 1) + " case '" + name + "' expects nothing");
        }
        return new DiagnosticCase(resource, name, from + 1, new SourceFile(resource, text.toString()), expected);
    }

    @Override
    public String toString() {
        return resource + ":" + line + " " + name;
    }
}
