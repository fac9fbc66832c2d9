// The shortest decimal that reads back as a given double, spelled as JavaScript spells numbers:
// the deterministic number form of manifests (JDK 17's Double.toString is not always shortest).
package dev.tmc.runtime.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

final class ShortestDecimal {
    /** 17 significant digits always identify a double. */
    private static final int MAX_DIGITS = 17;

    private ShortestDecimal() {}

    /**
     * E.g. {@code 0.1}, {@code 1e-7}, {@code 1.5e+300}, {@code 65504}, {@code -0}: the fewest
     * significant digits that round-trip, the nearest such decimal when several do.
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON has no numbers for
     */
    static String of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(value + " has no JSON number");
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        BigDecimal decimal = shortest(value).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        // value = 0.digits * 10^point, as in ECMAScript's Number::toString.
        int point = digits.length() - decimal.scale();
        return (value < 0 ? "-" : "") + spell(digits, point);
    }

    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= MAX_DIGITS; precision++) {
            // The nearest decimal of this length can miss at a power of two, where the gap below
            // is half the gap above; then the neighbour on the other side may still round-trip.
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (candidate.doubleValue() == value && (best == null
                        || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN));
    }

    private static String spell(String digits, int point) {
        int k = digits.length();
        if (k <= point && point <= 21) {
            return digits + "0".repeat(point - k);
        }
        if (0 < point && point <= 21) {
            return digits.substring(0, point) + "." + digits.substring(point);
        }
        if (-6 < point && point <= 0) {
            return "0." + "0".repeat(-point) + digits;
        }
        int exponent = point - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }
}
