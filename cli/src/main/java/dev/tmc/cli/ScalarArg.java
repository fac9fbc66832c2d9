// Reads the text of --arg NAME=VALUE as a value of the scalar parameter's dtype.
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.runtime.DType;

import java.util.Locale;
import java.util.regex.Pattern;

final class ScalarArg {
    private ScalarArg() {
    }

    // Decimal only: Double.parseDouble would also take "0x1p3", "1d" and "1f", which no user means.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    /** The value, as the f64 that a store into the parameter's dtype holds. */
    static double parse(GraphParam param, String text) {
        DType dtype = param.type().dtype();
        if (dtype.isFloat()) {
            return dtype.round(parseFloat(param, text));
        }
        if (dtype.isInteger()) {
            return parseInteger(param, text);
        }
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true") ? 1 : 0;
        }
        throw bad(param, text, "true or false");
    }

    private static double parseFloat(GraphParam param, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                break;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw bad(param, text, "a number such as 0.5, -2 or 1e-6");
        }
        return Double.parseDouble(text);
    }

    private static double parseInteger(GraphParam param, String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw bad(param, text, "a whole number");
        }
        try {
            return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw bad(param, text, "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
    }

    private static CliError bad(GraphParam param, String text, String expected) {
        return CliError.usage("--arg " + param.name() + "=" + text + ": '" + text + "' is not a value of "
                + param.name() + "'s type " + param.type().dtype().spelling() + "; expected " + expected);
    }
}
