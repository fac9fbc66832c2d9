// The shortest decimal spelling of a float that a C-like compiler reads back as exactly that value.
// Computed with BigDecimal, so the text is the same on every JDK (Float.toString changed in JDK 19).
package dev.tmc.codegen.cstyle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.DoublePredicate;

public final class FloatLiterals {
    private FloatLiterals() {
    }

    /**
     * Decimal digits for the finite {@code value}, e.g. {@code 0.5}, {@code 3.0}, {@code 1.0e-06}: the
     * fewest significant digits whose float reading, passed through {@code readsBack}, gives {@code
     * value} again. {@code readsBack} receives the float the compiler reads (as a double) and says
     * whether it becomes {@code value} (for f32: equality; for f16: after rounding to f16).
     */
    public static String shortest(double value, DoublePredicate readsBack) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite literal: " + value);
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (readsBack.test(Float.parseFloat(d.toString()))) {
                return spell(d);
            }
        }
        throw new IllegalArgumentException(value + " has no float spelling that reads back");
    }

    /** Plain notation for magnitudes in [1e-4, 1e7), else d.ddde[+-]XX, always with a '.'. */
    private static String spell(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1; // of the leading digit
        if (exponent >= -4 && exponent < 7) {
            String plain = stripped.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = stripped.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder();
        if (stripped.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0)).append('.').append(digits.length() > 1 ? digits.substring(1) : "0");
        out.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        out.append(e < 10 ? "0" : "").append(e);
        return out.toString();
    }
}
