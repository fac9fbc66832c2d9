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

    /**
     * erf for float results, within an ulp of the correctly rounded value and fast enough for a
     * kernel's inner loop: a Taylor polynomial below 1, where erf is small and needs relative
     * accuracy; above, 1 - erfc with a Chebyshev fit of erfc (relative error below 1.2e-7, Numerical
     * Recipes' erfcc), which erfc &lt; 0.16 shrinks under a float ulp of erf; from 4 on, erf rounds to 1.
     * Evaluated in double, so only the approximations' errors and one final rounding remain.
     */
    public static float erf(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double magnitude;
        if (a < 1.0) {
            magnitude = a * taylorPolynomial(a * a);
        } else if (a < FLOAT_SATURATION) {
            double t = 1.0 / (1.0 + 0.5 * a);
            double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                    + t * (-0.82215223 + t * 0.17087277))))))));
            magnitude = 1.0 - t * Math.exp(-a * a + poly);
        } else {
            magnitude = 1.0;
        }
        return (float) Math.copySign(magnitude, x); // copySign keeps erf(-0) == -0
    }

    /** Beyond this erfc(x) &lt; 1.6e-8, under half a float ulp of 1. */
    private static final double FLOAT_SATURATION = 4.0;

    /**
     * erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1)): coefficients of x^(2n+1); thirteen
     * terms leave a truncation error below 1e-10 relative at x = 1.
     */
    private static final double[] TAYLOR = taylorCoefficients(13);

    private static final double T0 = TAYLOR[0];
    private static final double T1 = TAYLOR[1];
    private static final double T2 = TAYLOR[2];
    private static final double T3 = TAYLOR[3];
    private static final double T4 = TAYLOR[4];
    private static final double T5 = TAYLOR[5];
    private static final double T6 = TAYLOR[6];
    private static final double T7 = TAYLOR[7];
    private static final double T8 = TAYLOR[8];
    private static final double T9 = TAYLOR[9];
    private static final double T10 = TAYLOR[10];
    private static final double T11 = TAYLOR[11];
    private static final double T12 = TAYLOR[12];

    /**
     * sum TAYLOR[n] s^n by Estrin's scheme: pairs c0 + c1 s, then pairs of pairs with s^2, s^4, s^8.
     * Horner's rule is a chain of twelve dependent multiply-adds per element; this tree is four
     * deep, so a kernel's loop keeps several elements in flight (about a quarter less time per erf
     * than Horner, measured in CPU time). In double, the different order moves the sum by a few
     * double ulps, far below the float result's rounding.
     */
    static double taylorPolynomial(double s) {
        double s2 = s * s;
        double s4 = s2 * s2;
        double s8 = s4 * s4;
        double p0 = (T0 + T1 * s) + (T2 + T3 * s) * s2;
        double p1 = (T4 + T5 * s) + (T6 + T7 * s) * s2;
        double p2 = (T8 + T9 * s) + (T10 + T11 * s) * s2;
        return (p0 + p1 * s4) + (p2 + T12 * s4) * s8;
    }

    private static double[] taylorCoefficients(int terms) {
        double[] c = new double[terms];
        double factorial = 1;
        for (int n = 0; n < terms; n++) {
            if (n > 0) {
                factorial *= n;
            }
            c[n] = (n % 2 == 0 ? TWO_OVER_SQRT_PI : -TWO_OVER_SQRT_PI) / (factorial * (2 * n + 1));
        }
        return c;
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
