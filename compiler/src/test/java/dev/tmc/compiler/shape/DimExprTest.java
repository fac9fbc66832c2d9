// Symbolic dims: canonical equality, exact floor division, exact division, evaluation, printing.
package dev.tmc.compiler.shape;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DimExprTest {
    private static final DimExpr N = DimExpr.sym("N");
    private static final DimExpr D = DimExpr.sym("D");
    private static final DimExpr H = DimExpr.sym("H");

    @Test
    void productsCommute() {
        assertEquals(N.times(D), D.times(N));
        assertEquals(N.times(D).times(H), H.times(N).times(D));
        assertEquals(N.times(D).hashCode(), D.times(N).hashCode());
    }

    @Test
    void likeTermsCollect() {
        assertEquals(N.times(2), N.plus(N));
        assertEquals(DimExpr.of(0), N.minus(N));
        assertEquals(D, N.plus(D).minus(N));
        assertEquals(N.times(D).times(3), N.times(D).plus(D.times(N)).plus(N.times(D)));
        assertEquals(DimExpr.of(7), DimExpr.of(3).plus(4));
    }

    @Test
    void distributesOverSums() {
        // (N + 1)(N - 1) = N*N - 1
        assertEquals(N.times(N).minus(DimExpr.of(1)), N.plus(1).times(N.minus(DimExpr.of(1))));
    }

    @Test
    void differentExpressionsDiffer() {
        assertNotEquals(N, D);
        assertNotEquals(N.times(2), N.plus(2));
        assertNotEquals(N.times(N), N.times(2));
    }

    @Test
    void constants() {
        assertTrue(DimExpr.of(0).isConstant());
        assertEquals(0, DimExpr.of(0).constant());
        assertEquals(-5, DimExpr.of(-5).constant());
        assertFalse(N.isConstant());
        assertTrue(N.minus(N).plus(3).isConstant());
        assertThrows(IllegalStateException.class, N::constant);
        assertTrue(N.isSymbol());
        assertFalse(N.times(2).isSymbol());
        assertEquals("N", N.symbolName());
    }

    @Test
    void floorDivIsExactWhereTheDivisionIs() {
        assertEquals(N, N.times(2).plus(1).floorDiv(2));      // (2N + 1)/2 == N
        assertEquals(N.plus(3), N.times(4).plus(13).floorDiv(4));
        assertEquals(N.times(D), N.times(D).times(6).floorDiv(6));
        assertEquals(DimExpr.of(-4), DimExpr.of(-7).floorDiv(2)); // floor, not truncation
        assertEquals(N, N.floorDiv(1));
    }

    @Test
    void floorDivKeepsTheRemainderSymbolically() {
        DimExpr half = N.plus(1).floorDiv(2);
        assertEquals("(N + 1)/2", half.toString());
        assertEquals(half, N.plus(1).floorDiv(2));
        assertNotEquals(N.floorDiv(2), half);
        // floor((N - 1)/2) = floor((N + 1)/2) - 1: the remainder is normalised to non-negative terms
        assertEquals(half.minus(DimExpr.of(1)), N.minus(DimExpr.of(1)).floorDiv(2));
        assertThrows(ArithmeticException.class, () -> N.floorDiv(0));
    }

    @Test
    void ceilDivIsTheLengthOfAStridedSlice() {
        assertEquals(N.plus(1).floorDiv(2), N.ceilDiv(2));
        assertEquals(N, N.times(3).ceilDiv(3));
        for (long n = 0; n <= 12; n++) {
            long len = 0;
            for (long i = 0; i < n; i += 3) {
                len++;
            }
            assertEquals(len, N.ceilDiv(3).evaluate(Map.of("N", n)), "N = " + n);
        }
    }

    @Test
    void divideExact() {
        assertEquals(Optional.of(D), N.times(D).times(4).divideExact(N.times(4)));
        assertEquals(Optional.of(N.plus(1)), N.times(2).plus(2).divideExact(DimExpr.of(2)));
        assertEquals(Optional.of(DimExpr.of(1)), N.plus(D).divideExact(D.plus(N)));
        assertEquals(Optional.of(N.times(D)), N.times(D).divideExact(DimExpr.of(1)));
        assertEquals(Optional.empty(), N.divideExact(DimExpr.of(2)));
        assertEquals(Optional.empty(), N.times(D).divideExact(H));
        assertEquals(Optional.empty(), N.plus(1).divideExact(N));
        assertEquals(Optional.empty(), N.times(D).divideExact(N.plus(D)));
    }

    @Test
    void evaluate() {
        Map<String, Long> at = Map.of("N", 7L, "D", 3L);
        assertEquals(21, N.times(D).evaluate(at));
        assertEquals(4, N.ceilDiv(2).evaluate(at));
        assertEquals(3, N.floorDiv(2).evaluate(at));
        assertEquals(2 * 7 - 3 + 5, N.times(2).minus(D).plus(5).evaluate(at));
        assertEquals(-3, N.minus(DimExpr.of(10)).evaluate(at));
        // nested floor division: floor((floor((N+1)/2) * D + 1) / 2) at N=7, D=3 is floor(13/2) = 6
        assertEquals(6, N.ceilDiv(2).times(D).plus(1).floorDiv(2).evaluate(at));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> H.evaluate(at));
        assertTrue(e.getMessage().contains("H"), e.getMessage());
    }

    @Test
    void evaluateAgreesWithIntegerArithmetic() {
        DimExpr e = N.times(N).plus(D.times(3)).minus(DimExpr.of(4)).floorDiv(5);
        for (long n = 0; n < 9; n++) {
            for (long d = 0; d < 9; d++) {
                assertEquals(Math.floorDiv(n * n + 3 * d - 4, 5), e.evaluate(Map.of("N", n, "D", d)), n + "," + d);
            }
        }
    }

    @Test
    void printsHigherDegreeFirstAndConstantsLast() {
        assertEquals("0", DimExpr.of(0).toString());
        assertEquals("-3", DimExpr.of(-3).toString());
        assertEquals("N", N.toString());
        assertEquals("D*N", N.times(D).toString());
        assertEquals("D*N + 2*N + 1", N.times(D).plus(N.times(2)).plus(1).toString());
        assertEquals("N - 1", N.minus(DimExpr.of(1)).toString());
        assertEquals("-N + 4", DimExpr.of(4).minus(N).toString());
        assertEquals("D - 2*N", D.minus(N.times(2)).toString());
        assertEquals("N/2", N.floorDiv(2).toString());
        assertEquals("3*(N + 1)/2", N.plus(1).floorDiv(2).times(3).toString());
    }

    @Test
    void symbolsIncludeThoseInsideDivisions() {
        assertEquals(java.util.Set.of("D", "N"), N.plus(D).floorDiv(2).symbols());
    }

    @Test
    void evidentlyNonNegative() {
        assertTrue(N.times(D).plus(N).plus(1).isEvidentlyNonNegative());
        assertTrue(N.ceilDiv(2).isEvidentlyNonNegative());
        assertFalse(N.minus(DimExpr.of(1)).isEvidentlyNonNegative());
        assertFalse(DimExpr.of(-1).isEvidentlyNonNegative());
    }

    @Test
    void alignUp() {
        assertEquals(16, N.alignUp(8).evaluate(Map.of("N", 9L)));
        assertEquals(8, N.alignUp(8).evaluate(Map.of("N", 8L)));
        assertEquals(DimExpr.of(24), DimExpr.of(17).alignUp(8));
    }

    @Test
    void shapeElementCountAndPrinting() {
        Shape s = Shape.of(N, DimExpr.of(4), D);
        assertEquals(N.times(D).times(4), s.elementCount());
        assertEquals("[N, 4, D]", s.toString());
        assertEquals(DimExpr.of(1), Shape.SCALAR.elementCount());
        assertEquals("[]", Shape.SCALAR.toString());
        assertEquals(Shape.of(D, N), Shape.of(D, N));
    }
}
