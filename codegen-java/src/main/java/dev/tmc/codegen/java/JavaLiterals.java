// Doubles as the fewest decimal digits that read back exactly, for the documentation of generated
// classes (defaults of scalar parameters). Kernel literals are the C-like table's (JavaSpelling).
package dev.tmc.codegen.java;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

final class JavaLiterals {
    private JavaLiterals() {
    }

    /** The fewest significant digits that read back as the double {@code d}, for documentation. */
    static String shortestDouble(double d) {
        if (d == 0 || Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf")
                    : (Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0");
        }
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; ; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(r.toString()) == d) {
                return spell(r.stripTrailingZeros());
            }
        }
    }

    /** Plain notation for magnitudes in [1e-4, 1e7), else d.ddde-N; always with a '.'. */
    private static String spell(BigDecimal d) {
        int exponent = d.precision() - d.scale() - 1; // of the leading digit
        if (exponent >= -4 && exponent < 7) {
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        return (d.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0")
                + "e" + exponent;
    }
}
