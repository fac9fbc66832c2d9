// Distances between floats counted in units in the last place of a dtype: the measure the
// op-semantics test holds each function to.
package dev.tmc.tests.metal;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.numeric.BFloat16;
import dev.tmc.runtime.numeric.Float16;

final class Ulps {
    private Ulps() {
    }

    /** Steps between two values of {@code dtype} (both representable); NaN and inf only match themselves. */
    static long between(DType dtype, double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual) ? 0 : Long.MAX_VALUE;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual ? 0 : Long.MAX_VALUE;
        }
        if (expected == actual) {
            return 0; // -0.0 and 0.0 included
        }
        return Math.abs(ordinal(dtype, expected) - ordinal(dtype, actual));
    }

    /** The position of a value in its dtype's ordering of finite values (0.0 and -0.0 both 0). */
    private static long ordinal(DType dtype, double v) {
        long bits;
        long sign;
        switch (dtype) {
            case F32:
                bits = Float.floatToRawIntBits((float) v) & 0x7fffffffL;
                sign = Float.floatToRawIntBits((float) v) >>> 31;
                break;
            case F16:
                bits = Float16.fromDouble(v) & 0x7fffL;
                sign = (Float16.fromDouble(v) >> 15) & 1;
                break;
            case BF16:
                bits = BFloat16.fromDouble(v) & 0x7fffL;
                sign = (BFloat16.fromDouble(v) >> 15) & 1;
                break;
            default:
                return (long) v;
        }
        return sign != 0 ? -bits : bits;
    }
}
