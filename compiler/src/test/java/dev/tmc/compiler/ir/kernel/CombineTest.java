package dev.tmc.compiler.ir.kernel;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CombineTest {
    @Test
    void identitiesAreValuesOfTheirType() {
        // A bool literal of Integer.MIN_VALUE printed as C's `true`: max over all-false rows gave true on CUDA.
        assertEquals(0, Combine.MAX.identity(DType.BOOL));
        assertEquals(1, Combine.MIN.identity(DType.BOOL));
        assertEquals(Integer.MIN_VALUE, Combine.MAX.identity(DType.I32));
        assertEquals(Double.POSITIVE_INFINITY, Combine.MIN.identity(DType.F16));
        assertEquals(0, Combine.SUM.identity(DType.BOOL));
    }
}
