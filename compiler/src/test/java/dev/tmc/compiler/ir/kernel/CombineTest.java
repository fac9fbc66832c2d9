// The identity of each combine is a value of its dtype and leaves every value unchanged: combine(id, x) == x.
package dev.tmc.compiler.ir.kernel;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CombineTest {
    private static DoubleBinaryOperator meaning(Combine c) {
        switch (c) {
            case SUM: return Double::sum;
            case PROD: return (a, b) -> a * b;
            case MAX: return Math::max;
            default: return Math::min;
        }
    }

    private static double[] samples(DType t) {
        switch (t) {
            case BOOL: return new double[] {0, 1};
            case I32: return new double[] {Integer.MIN_VALUE, -7, 0, 3, Integer.MAX_VALUE};
            default: return new double[] {Double.NEGATIVE_INFINITY, -2.5, 0, 1, 65504, Double.POSITIVE_INFINITY};
        }
    }

    @Test
    void theIdentityIsNeutralForEveryValueOfEveryDtype() {
        for (Combine c : Combine.values()) {
            for (DType t : DType.values()) {
                if (t == DType.BOOL && (c == Combine.SUM || c == Combine.PROD)) {
                    continue; // bools are counted as i32, never summed as bools
                }
                double id = c.identity(t);
                if (!t.isFloat()) {
                    // spelled as a literal of the type: it must be one of the type's values
                    assertEquals(id, Math.max(samples(t)[0], Math.min(samples(t)[samples(t).length - 1], id)),
                            c + " of " + t + ": " + id + " is no " + t);
                }
                for (double x : samples(t)) {
                    if (c == Combine.PROD && Double.isInfinite(x)) {
                        continue;
                    }
                    assertEquals(x, meaning(c).applyAsDouble(c.identity(t), x), c + " of " + t + " at " + x);
                }
            }
        }
    }
}
