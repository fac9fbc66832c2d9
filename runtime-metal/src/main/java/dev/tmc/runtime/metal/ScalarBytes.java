// A kernel's scalar argument as Metal reads it through `constant T&`: the value stored in the
// scalar's dtype, little-endian (f16 and bf16 as their 16 bits, bool as one byte 0 or 1).
package dev.tmc.runtime.metal;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.numeric.BFloat16;
import dev.tmc.runtime.numeric.Float16;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

final class ScalarBytes {
    private ScalarBytes() {
    }

    /** @param value already rounded to {@code dtype} (BoundCall's scalars and dims are) */
    static byte[] of(DType dtype, double value) {
        ByteBuffer out = ByteBuffer.allocate(dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32: out.putFloat((float) value); break;
            case F16: out.putShort(Float16.fromDouble(value)); break;
            case BF16: out.putShort(BFloat16.fromDouble(value)); break;
            case I32: out.putInt(toInt(value)); break;
            case BOOL: out.put((byte) (value != 0 ? 1 : 0)); break;
            default: throw new AssertionError(dtype);
        }
        return out.array();
    }

    /** A dim or an i32 value; one that does not fit is an error, not a silent wrap. */
    private static int toInt(double value) {
        if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the i32 kernel argument " + value + " does not fit in 32 bits");
        }
        return (int) value;
    }
}
