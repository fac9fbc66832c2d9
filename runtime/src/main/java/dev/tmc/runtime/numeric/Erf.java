// The error function erf, within a few ulps over the whole real line, from two classical expansions.
package dev.tmc.runtime.numeric;

/**
 * erf(x) = 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt.
 *
 * <p>Two classical expansions, each used where it has no cancellation:
 *
 * <ul>
 *   <li>|x| &lt; {@value #SERIES_LIMIT}: erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (2n+1)!!.
 *       Every term is positive, so the sum loses nothing, unlike the alternating Taylor series whose
 *       terms grow like exp(x^2) before cancelling.
 *   <li>|x| &ge; {@value #SERIES_LIMIT}: erf(x) = 1 - erfc(x) with erfc from its Laplace continued
 *       fraction; erfc is below 5e-4 there, so its own small relative error barely reaches erf.
 * </ul>
 *
 * <p>exp(-x^2) is evaluated with x^2 split into a rounded part and its exact rounding error (fma),
 * because the error of a plainly rounded x^2 is magnified by x^2 in the exponential.
 */
public final class Erf {
    static final double SERIES_LIMIT = 2.5;
    /** Beyond this erfc(x) &lt; 2.2e-17, under half an ulp of 1, so erf(x) rounds to exactly 1. */
    private static final double SATURATION = 6.0;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
    /** Series terms below this fraction of the sum no longer move the double-double result's hi part. */
    private static final double SERIES_TOLERANCE = 0x1p-60;
    /** The continued fraction only feeds erfc &lt; 2e-4, so a double-precision stop is plenty. */
    private static final double FRACTION_TOLERANCE = 0x1p-52;
    private static final int MAX_TERMS = 500;

    private Erf() {}

    public static double erf(double x) {
        if (Double.isNaN(x) || x == 0) {
            return x; // NaN propagates; keeps the sign of zero, erf being odd
        }
        double a = Math.abs(x);
        double magnitude;
        if (a < SERIES_LIMIT) {
            magnitude = positiveSeries(a);
        } else if (a < SATURATION) {
            magnitude = 1.0 - continuedFractionErfc(a);
        } else {
            magnitude = 1.0;
        }
        return x < 0 ? -magnitude : magnitude;
    }

    /** exp(-a^2) without the error of rounding a^2 first (exp(-(s+e)) ~ exp(-s) * (1 - e)). */
    private static double expMinusSquare(double a) {
        double square = a * a;
        double squareError = Math.fma(a, a, -square); // exact: a*a == square + squareError
        return Math.exp(-square) * (1.0 - squareError);
    }

    /**
     * The series in double-double arithmetic (each quantity a rounded hi part plus its exact error
     * lo): the terms are a running product, and in plain doubles the roundings of that product
     * compound over the ~2x^2 terms that dominate the sum, costing up to ~10 ulps near the limit.
     */
    private static double positiveSeries(double a) {
        double square = a * a;
        double squareError = Math.fma(a, a, -square);
        double ratioHi = 2.0 * square; // 2a^2 == ratioHi + ratioLo exactly
        double ratioLo = 2.0 * squareError;
        double termHi = a;
        double termLo = 0;
        double sumHi = a;
        double sumLo = 0;
        for (int n = 1; n < MAX_TERMS && termHi > sumHi * SERIES_TOLERANCE; n++) {
            // term *= ratio (double-double product)
            double p = termHi * ratioHi;
            double pErr = Math.fma(termHi, ratioHi, -p) + (termHi * ratioLo + termLo * ratioHi);
            termHi = p + pErr;
            termLo = pErr - (termHi - p);
            // term /= 2n + 1 (double-double by exact integer)
            int divisor = 2 * n + 1;
            double q = termHi / divisor;
            double qErr = (Math.fma(-q, divisor, termHi) + termLo) / divisor;
            termHi = q + qErr;
            termLo = qErr - (termHi - q);
            // sum += term (double-double; the sum of positive terms always dominates the term)
            double s = sumHi + termHi;
            double sErr = (sumHi - s) + termHi + sumLo + termLo;
            sumHi = s + sErr;
            sumLo = sErr - (sumHi - s);
        }
        return TWO_OVER_SQRT_PI * expMinusSquare(a) * (sumHi + sumLo);
    }

    /**
     * erfc(a) = exp(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + ...))))), evaluated
     * forwards by the modified Lentz method so the depth need not be chosen in advance. With a &gt; 0
     * and positive partial numerators no denominator can vanish, so Lentz's zero guards are omitted.
     */
    private static double continuedFractionErfc(double a) {
        double f = a;
        double c = a;
        double d = 0;
        for (int k = 1; k < MAX_TERMS; k++) {
            double partialNumerator = 0.5 * k;
            d = a + partialNumerator * d;
            d = 1.0 / d;
            c = a + partialNumerator / c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < FRACTION_TOLERANCE) {
                break;
            }
        }
        return ONE_OVER_SQRT_PI * expMinusSquare(a) / f;
    }
}
