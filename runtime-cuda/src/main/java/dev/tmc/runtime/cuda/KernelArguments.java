// The bits of a kernel's scalar arguments as cuLaunchKernel reads them: each value in the low
// bytes of a 64-bit slot, in the kernel parameter's C type (int, float, __half, __nv_bfloat16, bool).
package dev.tmc.runtime.cuda;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.numeric.BFloat16;
import dev.tmc.runtime.numeric.Float16;

final class KernelArguments {
    private KernelArguments() {
    }

    /** {@code value} is already a value of {@code type} (rounded by the binder). */
    static long bits(DType type, double value) {
        switch (type) {
            case F32: return Float.floatToRawIntBits((float) value) & 0xffffffffL;
            case F16: return Float16.fromDouble(value) & 0xffffL;
            case BF16: return BFloat16.fromDouble(value) & 0xffffL;
            case I32: return ((long) (int) value) & 0xffffffffL;
            case BOOL: return value != 0 ? 1 : 0;
            default: throw new AssertionError(type);
        }
    }
}
