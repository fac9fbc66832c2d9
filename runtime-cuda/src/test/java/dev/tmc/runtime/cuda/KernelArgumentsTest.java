package dev.tmc.runtime.cuda;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelArgumentsTest {
    @Test
    void eachScalarTypeLandsInTheLowBytesAsItsCTypeHoldsIt() {
        assertEquals(0x3fc00000L, KernelArguments.bits(DType.F32, 1.5));
        assertEquals(0xbf800000L, KernelArguments.bits(DType.F32, -1.0));
        assertEquals(0x3e00L, KernelArguments.bits(DType.F16, 1.5));
        assertEquals(0xbc00L, KernelArguments.bits(DType.F16, -1.0)); // no sign extension into the upper bytes
        assertEquals(0x3fc0L, KernelArguments.bits(DType.BF16, 1.5));
        assertEquals(0xffffffffL, KernelArguments.bits(DType.I32, -1));
        assertEquals(7L, KernelArguments.bits(DType.I32, 7));
        assertEquals(1L, KernelArguments.bits(DType.BOOL, 1));
        assertEquals(0L, KernelArguments.bits(DType.BOOL, 0));
    }

    @Test
    void poolRoundsUpToPowersOfTwoFrom256Bytes() {
        assertEquals(256, CudaMemoryPool.sizeClass(0));
        assertEquals(256, CudaMemoryPool.sizeClass(256));
        assertEquals(512, CudaMemoryPool.sizeClass(257));
        assertEquals(1L << 31, CudaMemoryPool.sizeClass((1L << 30) + 1));
    }
}
