// Inputs that do not fit the signature are refused before anything runs, with a message that says why.
package dev.tmc.compiler.interp;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static dev.tmc.compiler.interp.Programs.array;
import static dev.tmc.compiler.interp.Programs.assertExact;
import static dev.tmc.compiler.interp.Programs.f32;
import static dev.tmc.compiler.interp.Programs.out;
import static dev.tmc.compiler.interp.Programs.scalar;
import static dev.tmc.compiler.interp.Programs.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InputErrorTest {
    private static final String NORM = "pipeline P(x: f32[N, D], w: f32[D]) -> f32[N, D] { return x * w; }";

    private static String refused(String text, Object... inputs) {
        return assertThrows(InputError.class, () -> Programs.run(text, inputs)).getMessage();
    }

    @Test
    void missingInput() {
        assertEquals("missing input 'w' of pipeline P", refused(NORM, "x", array(DType.F32, shape(1, 2), 1, 2)));
    }

    @Test
    void unknownInput() {
        assertEquals("pipeline P has no parameter 'v'", refused(NORM, "x", array(DType.F32, shape(1, 2), 1, 2),
                "w", f32(1, 2), "v", f32(1)));
    }

    @Test
    void wrongDtype() {
        assertEquals("input 'w' is f16 but is declared f32", refused(NORM, "x", array(DType.F32, shape(1, 2), 1, 2),
                "w", Programs.vector(DType.F16, 1, 2)));
    }

    @Test
    void wrongRank() {
        assertEquals("input 'x' has rank 1 (shape [2]) but is declared f32[N, D]",
                refused(NORM, "x", f32(1, 2), "w", f32(1, 2)));
        assertEquals("input 's' has rank 1 (shape [1]) but is declared f32[]",
                refused("pipeline P(s: f32) -> f32[] { return s; }", "s", f32(1)));
    }

    @Test
    void inconsistentDims() {
        assertEquals("input 'w' has size 3 for dim D at axis 0, but input 'x' gave D = 2",
                refused(NORM, "x", array(DType.F32, shape(1, 2), 1, 2), "w", f32(1, 2, 3)));
    }

    @Test
    void literalDimMismatch() {
        assertEquals("input 'x' has size 3 at axis 1 but is declared f32[N, 4]",
                refused("pipeline P(x: f32[N, 4]) -> f32[N, 4] { return x; }",
                        "x", array(DType.F32, shape(1, 3), 1, 2, 3)));
    }

    @Test
    void sliceBoundsAreCheckedPerCall() throws InputError {
        String text = "pipeline P(x: f32[N]) -> f32[N - 2] { return x[1:N-1]; }";
        assertEquals("slice 1:N - 1 ends before it starts on axis 0 (with {N=1})", refused(text, "x", f32(7)));
        assertExact(DType.F32, shape(0), new double[0], out(text, "x", f32(7, 8)));
        assertExact(DType.F32, shape(1), new double[] {8}, out(text, "x", f32(7, 8, 9)));
    }

    @Test
    void indexPastTheEndOfASymbolicDim() throws InputError {
        String text = "pipeline P(x: f32[N]) -> f32[] { return x[2]; }";
        assertEquals("index 2 ends after the dim N of axis 0 (with {N=2})", refused(text, "x", f32(1, 2)));
        assertExact(DType.F32, shape(), new double[] {3}, out(text, "x", f32(1, 2, 3)));
    }

    @Test
    void arangeOfANegativeLength() {
        assertEquals("arange needs a non-negative length, found N - 2 (with {N=1})",
                refused("pipeline P(x: f32[N]) -> i32[N - 2] { return arange(N - 2) + 0 * (sum(x) as i32); }",
                        "x", f32(1)));
    }

    @Test
    void broadcastToASymbolicDimThatIsNegative() throws InputError {
        String text = "pipeline P(x: f32[N]) -> f32[N - 2, N] { return broadcast(x, N - 2, N); }";
        assertEquals("broadcast needs non-negative dims, found N - 2 (with {N=1})", refused(text, "x", f32(1)));
        assertExact(DType.F32, shape(1, 3), new double[] {1, 2, 3}, out(text, "x", f32(1, 2, 3)));
    }

    @Test
    void scalarsWithoutDefaultsAreRequired() {
        assertEquals("missing input 'k' of pipeline P",
                refused("pipeline P(x: f32[N], k: f32) -> f32[N] { return x * k; }", "x", f32(1)));
    }

    @Test
    void aGivenScalarMustHaveItsDtype() {
        assertEquals("input 'k' is i32 but is declared f32",
                refused("pipeline P(x: f32[N], k: f32 = 1) -> f32[N] { return x * k; }", "x", f32(1),
                        "k", scalar(DType.I32, 2)));
    }
}
