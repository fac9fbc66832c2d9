// The Java array type that holds a dtype's elements: the CPU backend's buffers and the host side
// of every transfer (float[] f32, short[] raw bits of f16 and bf16, int[] i32, byte[] 0/1 bool).
package dev.tmc.runtime.cpu;

import dev.tmc.runtime.DType;

import java.util.Arrays;

public enum ArrayKind {
    FLOAT(4), SHORT(2), INT(4), BYTE(1);

    private final int bytesPerElement;

    ArrayKind(int bytesPerElement) {
        this.bytesPerElement = bytesPerElement;
    }

    public static ArrayKind of(DType dtype) {
        switch (dtype) {
            case F32: return FLOAT;
            case F16: case BF16: return SHORT;
            case I32: return INT;
            case BOOL: return BYTE;
            default: throw new AssertionError(dtype);
        }
    }

    /** The kind of an array of this family; IllegalArgumentException for anything else. */
    public static ArrayKind ofArray(Object array) {
        if (array instanceof float[]) {
            return FLOAT;
        }
        if (array instanceof short[]) {
            return SHORT;
        }
        if (array instanceof int[]) {
            return INT;
        }
        if (array instanceof byte[]) {
            return BYTE;
        }
        throw new IllegalArgumentException("not a tensor buffer: " + (array == null ? "null" : array.getClass().getName()));
    }

    public int bytesPerElement() {
        return bytesPerElement;
    }

    /** A zeroed array of {@code length} elements. */
    public Object allocate(int length) {
        switch (this) {
            case FLOAT: return new float[length];
            case SHORT: return new short[length];
            case INT: return new int[length];
            default: return new byte[length];
        }
    }

    public static int length(Object array) {
        switch (ofArray(array)) {
            case FLOAT: return ((float[]) array).length;
            case SHORT: return ((short[]) array).length;
            case INT: return ((int[]) array).length;
            default: return ((byte[]) array).length;
        }
    }

    /** Zeroes the first {@code count} elements. */
    public static void clear(Object array, int count) {
        switch (ofArray(array)) {
            case FLOAT: Arrays.fill((float[]) array, 0, count, 0f); break;
            case SHORT: Arrays.fill((short[]) array, 0, count, (short) 0); break;
            case INT: Arrays.fill((int[]) array, 0, count, 0); break;
            default: Arrays.fill((byte[]) array, 0, count, (byte) 0); break;
        }
    }
}
