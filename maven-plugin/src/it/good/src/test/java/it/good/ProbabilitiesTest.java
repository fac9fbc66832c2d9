package it.good;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProbabilitiesTest {
    @Test
    void matchesASoftmaxComputedHere() {
        float[] x = {0.5f, -1f, 2f, 3f, 0f, -0.25f};
        float[] got = Probabilities.of(x, 2, 3);
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(2.0 * x[r * 3 + c]);
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(Math.exp(2.0 * x[r * 3 + c]) / sum, got[r * 3 + c], 1e-6, "row " + r + " col " + c);
            }
        }
    }
}
