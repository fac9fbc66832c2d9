// Scalar arguments in the bytes Metal reads through `constant T&`, against hand-worked encodings.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScalarBytesTest {
    @Test
    void eachDtypeIsStoredLittleEndianInItsOwnWidth() {
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, (byte) 0xbf}, ScalarBytes.of(DType.F32, -1));
        assertArrayEquals(new byte[] {0, 0x3c}, ScalarBytes.of(DType.F16, 1)); // half 1.0 = 0x3c00
        assertArrayEquals(new byte[] {(byte) 0x80, 0x3f}, ScalarBytes.of(DType.BF16, 1)); // bf16 1.0 = 0x3f80
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, ScalarBytes.of(DType.I32, -1));
        assertArrayEquals(new byte[] {1}, ScalarBytes.of(DType.BOOL, 1));
        assertArrayEquals(new byte[] {0}, ScalarBytes.of(DType.BOOL, 0));
    }

    @Test
    void anI32ThatDoesNotFitIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ScalarBytes.of(DType.I32, 1L << 31));
    }
}
