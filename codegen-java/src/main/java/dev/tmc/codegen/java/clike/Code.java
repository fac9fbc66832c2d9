// A printed expression and how tightly it binds, so operands get parentheses only where needed.
package dev.tmc.codegen.java.clike;

/**
 * @param text       the expression as the target writes it
 * @param precedence its binding strength (see {@link Precedence}); PRIMARY never needs parentheses
 */
public record Code(String text, int precedence) {

    public static Code primary(String text) {
        return new Code(text, Precedence.PRIMARY);
    }

    /** {@code function(args...)}. */
    public static Code call(String function, Code... args) {
        StringBuilder out = new StringBuilder(function).append('(');
        for (int i = 0; i < args.length; i++) {
            out.append(i > 0 ? ", " : "").append(args[i].text);
        }
        return primary(out.append(')').toString());
    }

    /** {@code op x}, e.g. {@code -x}, {@code !x} or a cast {@code (float) x}. */
    public static Code prefix(String op, Code x) {
        // "- -x" must not become the decrement "--x"
        boolean clash = x.text.startsWith("-") || x.text.startsWith("+");
        return new Code(op + (x.precedence < Precedence.PREFIX || clash ? x.parenthesized() : x.text),
                Precedence.PREFIX);
    }

    /**
     * {@code a op b}. The right operand of an equal level keeps its parentheses (a - (b - c); float
     * addition is not associative either), and comparisons and logic are never mixed bare.
     */
    public static Code infix(Code a, String op, int precedence, Code b) {
        boolean left = a.precedence < precedence || Precedence.mixes(precedence, a.precedence, true);
        boolean right = b.precedence <= precedence || Precedence.mixes(precedence, b.precedence, false);
        return new Code((left ? a.parenthesized() : a.text) + " " + op + " " + (right ? b.parenthesized() : b.text),
                precedence);
    }

    /** {@code c ? a : b}. */
    public static Code conditional(Code c, Code a, Code b) {
        // a bare comparison reads well as a condition (x < y ? a : b); connectives get parentheses
        String cond = c.precedence < Precedence.EQUALITY ? c.parenthesized() : c.text;
        String x = a.precedence <= Precedence.CONDITIONAL ? a.parenthesized() : a.text;
        String y = b.precedence < Precedence.CONDITIONAL ? b.parenthesized() : b.text;
        return new Code(cond + " ? " + x + " : " + y, Precedence.CONDITIONAL);
    }

    public String parenthesized() {
        return "(" + text + ")";
    }

    /** This code as a primary expression, in parentheses unless it is one. */
    public Code asPrimary() {
        return precedence >= Precedence.PRIMARY ? this : primary(parenthesized());
    }
}
