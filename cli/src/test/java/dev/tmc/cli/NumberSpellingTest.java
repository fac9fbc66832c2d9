// NumberSpelling follows C's %g, which scripts and people both read without surprises.
package dev.tmc.cli;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumberSpellingTest {
    @Test
    void generalMatchesCPercentG() {
        // Expected strings are what printf("%g") prints.
        double[] values = {0, -0.0, 1, -2.5, 0.0123, 398.273291015625, 123456, 1234567, 1e-4, 1e-5, 1e-6,
            0.30000000000000004, 999999.5, 1e100, -1.5e-7, 100};
        String[] expected = {"0", "-0", "1", "-2.5", "0.0123", "398.273", "123456", "1.23457e+06", "0.0001", "1e-05",
            "1e-06", "0.3", "1e+06", "1e+100", "-1.5e-07", "100"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], NumberSpelling.general(values[i]), "value " + values[i]);
        }
    }

    @Test
    void specialValues() {
        assertEquals("nan", NumberSpelling.general(Double.NaN));
        assertEquals("inf", NumberSpelling.general(Double.POSITIVE_INFINITY));
        assertEquals("-inf", NumberSpelling.general(Double.NEGATIVE_INFINITY));
    }

    @Test
    void integersAndBoolsAreExact() {
        assertEquals("2147483647", NumberSpelling.value(DType.I32, Integer.MAX_VALUE));
        assertEquals("-7", NumberSpelling.value(DType.I32, -7));
        assertEquals("true", NumberSpelling.value(DType.BOOL, 1));
        assertEquals("false", NumberSpelling.value(DType.BOOL, 0));
        assertEquals("0.333333", NumberSpelling.value(DType.F32, 1.0 / 3));
    }
}
