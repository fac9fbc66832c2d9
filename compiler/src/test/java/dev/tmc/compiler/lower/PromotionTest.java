// The promotion lattice exactly as docs/language.md tabulates it, cell by cell, both ways round.
package dev.tmc.compiler.lower;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromotionTest {
    private static final Promotion.Kind BOOL = Promotion.Kind.strong(DType.BOOL);
    private static final Promotion.Kind I32 = Promotion.Kind.strong(DType.I32);
    private static final Promotion.Kind F16 = Promotion.Kind.strong(DType.F16);
    private static final Promotion.Kind BF16 = Promotion.Kind.strong(DType.BF16);
    private static final Promotion.Kind F32 = Promotion.Kind.strong(DType.F32);
    private static final Promotion.Kind INT_LIT = new Promotion.Kind(DType.I32, true);
    private static final Promotion.Kind FLOAT_LIT = new Promotion.Kind(DType.F32, true);

    private static final List<Promotion.Kind> ORDER = List.of(BOOL, I32, F16, BF16, F32, INT_LIT, FLOAT_LIT);

    /** Row a, column b, in the order bool i32 f16 bf16 f32 int-literal float-literal. */
    private static final List<List<Promotion.Kind>> TABLE = List.of(
            List.of(BOOL, I32, F16, BF16, F32, INT_LIT, FLOAT_LIT),
            List.of(I32, I32, F16, BF16, F32, I32, FLOAT_LIT),
            List.of(F16, F16, F16, F32, F32, F16, F16),
            List.of(BF16, BF16, F32, BF16, F32, BF16, BF16),
            List.of(F32, F32, F32, F32, F32, F32, F32),
            List.of(INT_LIT, I32, F16, BF16, F32, INT_LIT, FLOAT_LIT),
            List.of(FLOAT_LIT, FLOAT_LIT, F16, BF16, F32, FLOAT_LIT, FLOAT_LIT));

    @Test
    void everyCellOfTheDocumentedTable() {
        StringBuilder wrong = new StringBuilder();
        for (int a = 0; a < ORDER.size(); a++) {
            for (int b = 0; b < ORDER.size(); b++) {
                Promotion.Kind got = Promotion.promote(ORDER.get(a), ORDER.get(b));
                if (!got.equals(TABLE.get(a).get(b))) {
                    wrong.append(ORDER.get(a)).append(" with ").append(ORDER.get(b)).append(": expected ")
                            .append(TABLE.get(a).get(b)).append(", got ").append(got).append('\n');
                }
            }
        }
        assertEquals("", wrong.toString());
    }

    @Test
    void strongPromotionIsSymmetric() {
        for (DType a : DType.values()) {
            for (DType b : DType.values()) {
                assertEquals(Promotion.promote(a, b), Promotion.promote(b, a), a + " with " + b);
            }
        }
    }

    @Test
    void kindsNameThemselves() {
        assertEquals("int literal", INT_LIT.toString());
        assertEquals("float literal", FLOAT_LIT.toString());
        assertEquals("bf16", BF16.toString());
    }
}
