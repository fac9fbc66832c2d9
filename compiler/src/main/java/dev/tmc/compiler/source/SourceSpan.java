// A half-open range of characters in a source file; every AST node and IR instruction carries one.
package dev.tmc.compiler.source;

public record SourceSpan(SourceFile file, int start, int end) {

    /** The span of compiler-made values that have no source text. */
    public static final SourceSpan NONE = new SourceSpan(new SourceFile("<generated>", ""), 0, 0);

    public SourceSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int line() {
        return file.line(start);
    }

    public int column() {
        return file.column(start);
    }

    /** The smallest span covering both; spans of different files keep this one. */
    public SourceSpan to(SourceSpan other) {
        if (other.file != file) {
            return this;
        }
        return new SourceSpan(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    public boolean isNone() {
        return this == NONE;
    }

    /** {@code file:line:col}, as compilers and IDEs print positions. */
    public String location() {
        return file.name() + ":" + line() + ":" + column();
    }

    @Override
    public String toString() {
        return location();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSpan s && s.file == file && s.start == start && s.end == end;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(file) * 31 * 31 + start * 31 + end;
    }
}
