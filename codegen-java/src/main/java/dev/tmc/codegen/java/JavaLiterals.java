// Java spellings of kernel IR literals: the shortest decimal that javac reads back as exactly the
// float, computed with BigDecimal so the text is the same on every JDK (Float.toString changed in 19).
package dev.tmc.codegen.java;

import dev.tmc.codegen.java.clike.Code;
import dev.tmc.codegen.java.clike.Precedence;
import dev.tmc.compiler.diag.InternalCompilerError;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

final class JavaLiterals {
    private JavaLiterals() {
    }

    /** A float literal for {@code value}, which a float holds exactly (f32, f16 and bf16 values all do). */
    static Code floatLiteral(double value) {
        if (Double.isNaN(value)) {
            return Code.primary("Float.NaN");
        }
        if (Double.isInfinite(value)) {
            return Code.primary(value > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY");
        }
        float f = (float) value;
        if (f != value) {
            throw new InternalCompilerError("literal " + value + " is not a float");
        }
        String text = shortest(f) + "f";
        return text.startsWith("-") ? new Code(text, Precedence.PREFIX) : Code.primary(text);
    }

    static Code intLiteral(double value) {
        if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InternalCompilerError("literal " + value + " is not an i32");
        }
        int i = (int) value;
        if (i == Integer.MIN_VALUE) {
            return Code.primary("Integer.MIN_VALUE"); // 2147483648 alone is not a Java literal
        }
        return i < 0 ? new Code(Integer.toString(i), Precedence.PREFIX) : Code.primary(Integer.toString(i));
    }

    /** The fewest significant digits that read back as {@code f}: 0.1, 3.0, 1.0e-5. */
    static String shortest(float f) {
        if (f == 0) {
            return Float.floatToRawIntBits(f) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(f);
        for (int digits = 1; ; digits++) {
            BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Float.parseFloat(d.toString()) == f) {
                return spell(d.stripTrailingZeros());
            }
        }
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
