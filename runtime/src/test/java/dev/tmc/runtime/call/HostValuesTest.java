// Host values: ScalarMath's meaning with every op rounded to its own dtype, i32 arithmetic wrapping.
package dev.tmc.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.plan.HostExpr;
import dev.tmc.runtime.plan.SizeExpr;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HostValuesTest {
    private static final Map<String, Long> DIMS = Map.of("N", 2L, "D", 6L);
    /** Parameter 0 is a tensor; 1 is an f32 scalar (1e-6 rounded), 2 an i32 scalar. */
    private static final double[] SCALARS = {0, (float) 1e-6, 7};

    private static HostExpr c(double v, DType t) {
        return new HostExpr.Const(v, t);
    }

    private static HostExpr op(String name, DType t, HostExpr... args) {
        return new HostExpr.Op(name, t, List.of(args));
    }

    private static double eval(HostExpr e) {
        return HostValues.evaluate(e, SCALARS, DIMS);
    }

    @Test
    void f16RoundsAfterEveryOp() {
        double tiny = Math.scalb(1.0, -11); // half an f16 ulp of 1: 1 + tiny ties to 1
        HostExpr sumF16 = op("add", DType.F16, c(1, DType.F16), c(tiny, DType.F16));
        assertEquals(1.0, eval(sumF16));
        assertEquals(0.0, eval(op("sub", DType.F16, sumF16, c(1, DType.F16))), "rounded before the subtraction");
        HostExpr sumF32 = op("add", DType.F32, c(1, DType.F32), c(tiny, DType.F32));
        assertEquals(tiny, eval(op("sub", DType.F32, sumF32, c(1, DType.F32))), "f32 holds 1 + 2^-11");
        assertEquals(2.71875, eval(op("exp", DType.F16, c(1, DType.F16))), "e in f16");
        assertEquals(Double.POSITIVE_INFINITY, eval(op("mul", DType.F16, c(300, DType.F16), c(300, DType.F16))));
    }

    @Test
    void f32RoundsAfterEveryOp() {
        assertEquals((float) (1 / Math.sqrt((float) 1e-6)), eval(op("rsqrt", DType.F32, new HostExpr.Param(1, DType.F32))));
        assertEquals((float) (1.0 / 6), eval(op("div", DType.F32, c(1, DType.F32), new HostExpr.DimValue(SizeExpr.dim("D"), DType.F32))));
        assertEquals((float) 0.1, eval(c(0.1, DType.F32)), "constants too");
        assertEquals(Math.scalb(1.0, 24), eval(op("add", DType.F32, c(Math.scalb(1.0, 24), DType.F32), c(1, DType.F32))),
                "2^24 + 1 rounds to 2^24 in f32");
    }

    @Test
    void integerOpsWrapAndFollowTheLanguage() {
        assertEquals(2, eval(op("mod", DType.I32, c(-7, DType.I32), c(3, DType.I32))));
        assertEquals(0, eval(op("mod", DType.I32, new HostExpr.Param(2, DType.I32), c(0, DType.I32))));
        assertEquals(Integer.MIN_VALUE, eval(op("add", DType.I32, c(Integer.MAX_VALUE, DType.I32), c(1, DType.I32))));
        assertEquals(Integer.MIN_VALUE, eval(op("neg", DType.I32, c(Integer.MIN_VALUE, DType.I32))));
        assertEquals(0, eval(op("pow", DType.I32, c(2, DType.I32), c(-1, DType.I32))));
        assertEquals(-1, eval(op("pow", DType.I32, c(-1, DType.I32), c(-3, DType.I32))));
        assertEquals(49, eval(op("mul", DType.I32, new HostExpr.Param(2, DType.I32), c(7, DType.I32))));
        assertEquals(3.5, eval(op("div", DType.F32, c(7, DType.I32), c(2, DType.I32))), "i32 / i32 is f32");
    }

    @Test
    void castsSelectsAndComparisons() {
        assertEquals(-2, eval(op("cast", DType.I32, c(-2.7, DType.F32))));
        assertEquals(Double.POSITIVE_INFINITY, eval(op("cast", DType.F16, c(65520, DType.F32))));
        assertEquals(1, eval(op("lt", DType.BOOL, new HostExpr.DimValue(SizeExpr.dim("N"), DType.I32), c(3, DType.I32))));
        HostExpr pick = op("select", DType.F32, op("gt", DType.BOOL, c(1, DType.F32), c(2, DType.F32)),
                c(10, DType.F32), c(20, DType.F32));
        assertEquals(20, eval(pick));
        assertEquals(Double.NaN, eval(op("max", DType.F32, c(1, DType.F32), c(Double.NaN, DType.F32))), "NaN propagates");
        assertEquals(1, eval(op("not", DType.BOOL, c(0, DType.BOOL))));
    }
}
