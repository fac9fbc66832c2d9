// Spells values for people and scripts alike: C's %g (6 significant digits), nan, inf, true, false.
package dev.tmc.cli;

import dev.tmc.runtime.DType;

import java.util.Locale;

final class NumberSpelling {
    private NumberSpelling() {
    }

    private static final int DIGITS = 6;

    /** An element of {@code dtype}: integers and bools exactly, floats as {@link #general}. */
    static String value(DType dtype, double v) {
        if (dtype.isBool()) {
            return v != 0 ? "true" : "false";
        }
        if (dtype.isInteger() && !Double.isNaN(v) && !Double.isInfinite(v)) {
            return Long.toString((long) v);
        }
        return general(v);
    }

    /** {@code %g}: fixed notation for exponents -4..5, scientific otherwise, trailing zeros dropped. */
    static String general(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        // The exponent after rounding to DIGITS digits decides the notation, as in C.
        String scientific = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v);
        int e = scientific.indexOf('e');
        int exponent = Integer.parseInt(scientific.substring(e + 1));
        if (exponent < -4 || exponent >= DIGITS) {
            String sign = exponent < 0 ? "-" : "+";
            return trimZeros(scientific.substring(0, e)) + "e" + sign + String.format(Locale.ROOT, "%02d",
                    Math.abs(exponent));
        }
        return trimZeros(String.format(Locale.ROOT, "%." + (DIGITS - 1 - exponent) + "f", v));
    }

    private static String trimZeros(String digits) {
        if (digits.indexOf('.') < 0) {
            return digits;
        }
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        if (digits.charAt(end - 1) == '.') {
            end--;
        }
        return digits.substring(0, end);
    }
}
