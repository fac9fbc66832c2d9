// A manifest that cannot be read: malformed JSON, a field of the wrong kind, or another format version.
package dev.tmc.runtime.plan;

/** The message starts with where the problem is: {@code source:line:column: } when the position is known. */
public final class PlanFormatException extends IllegalArgumentException {
    public PlanFormatException(String source, int line, int column, String message) {
        super(source + ":" + line + ":" + column + ": " + message);
    }

    public PlanFormatException(String source, String message) {
        super(source + ": " + message);
    }

    public PlanFormatException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
