package dev.tmc.runtime;

import dev.tmc.runtime.numeric.BFloat16;
import dev.tmc.runtime.numeric.Float16;

import java.util.Locale;
import java.util.Optional;

/** The element types of tmc tensors, with their storage size and exact rounding from f64. */
public enum DType {
    F32("f32", 4),
    F16("f16", 2),
    BF16("bf16", 2),
    I32("i32", 4),
    BOOL("bool", 1);

    private final String spelling;
    private final int byteSize;

    DType(String spelling, int byteSize) {
        this.spelling = spelling;
        this.byteSize = byteSize;
    }

    /** The name used in .tm source, e.g. {@code bf16}. */
    public String spelling() {
        return spelling;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    public boolean isInteger() {
        return this == I32;
    }

    public boolean isBool() {
        return this == BOOL;
    }

    /**
     * The value a store of {@code value} into this dtype holds, as an f64: round to nearest even for
     * floats; for i32 truncate toward zero and saturate, NaN becoming 0; for bool, nonzero is true.
     */
    public double round(double value) {
        switch (this) {
            case F32: return (float) value;
            case F16: return Float16.toDouble(Float16.fromDouble(value));
            case BF16: return BFloat16.toDouble(BFloat16.fromDouble(value));
            case I32: return (int) value;
            case BOOL: return value != 0 ? 1.0 : 0.0;
            default: throw new AssertionError(this);
        }
    }

    public static Optional<DType> fromSpelling(String name) {
        for (DType t : values()) {
            if (t.spelling.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return spelling.toLowerCase(Locale.ROOT);
    }
}
