// The .npy element types tmc reads and writes, each with its NumPy descr and little-endian codec.
package dev.tmc.runtime.io;

import dev.tmc.runtime.numeric.Float16;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A NumPy dtype as spelled in an .npy header ({@code descr}), with how one element is stored.
 * Values travel as doubles; {@link #encode} converts a double into the type the way a store does.
 */
public enum NpyType {
    F4("<f4", 4) {
        @Override double decode(ByteBuffer in) { return in.getFloat(); }
        @Override void encode(ByteBuffer out, double v) { out.putFloat((float) v); }
    },
    F8("<f8", 8) {
        @Override double decode(ByteBuffer in) { return in.getDouble(); }
        @Override void encode(ByteBuffer out, double v) { out.putDouble(v); }
    },
    F2("<f2", 2) {
        @Override double decode(ByteBuffer in) { return Float16.toDouble(in.getShort()); }
        @Override void encode(ByteBuffer out, double v) { out.putShort(Float16.fromDouble(v)); }
    },
    I4("<i4", 4) {
        @Override double decode(ByteBuffer in) { return in.getInt(); }
        // Java's narrowing cast truncates toward zero, saturates, and maps NaN to 0.
        @Override void encode(ByteBuffer out, double v) { out.putInt((int) v); }
    },
    I8("<i8", 8) {
        // Magnitudes above 2^53 round to the nearest double: values travel as doubles.
        @Override double decode(ByteBuffer in) { return in.getLong(); }
        @Override void encode(ByteBuffer out, double v) { out.putLong((long) v); }
    },
    B1("|b1", 1) {
        // NumPy reads any nonzero byte as True, and bool(nan) is True too.
        @Override double decode(ByteBuffer in) { return in.get() != 0 ? 1 : 0; }
        @Override void encode(ByteBuffer out, double v) { out.put((byte) (v != 0 ? 1 : 0)); }
    },
    U1("|u1", 1) {
        @Override double decode(ByteBuffer in) { return in.get() & 0xff; }
        // Same rule as the wider integers: truncate toward zero, saturate, NaN to 0.
        @Override void encode(ByteBuffer out, double v) { out.put((byte) Math.max(0, Math.min(255, (int) v))); }
    };

    private final String descr;
    private final int itemSize;

    NpyType(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    /** The header spelling NumPy writes, e.g. {@code <f4} or {@code |b1}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Reads one element at the buffer's position (the buffer is little-endian). */
    abstract double decode(ByteBuffer in);

    /** Writes {@code value} converted to this type at the buffer's position. */
    abstract void encode(ByteBuffer out, double value);

    /**
     * The type a header descr names. Single-byte types have no byte order, so any of the prefixes
     * '|', '&lt;', '&gt;' and '=' is accepted for them; wider types must say little-endian ('&lt;').
     */
    public static Optional<NpyType> fromDescr(String descr) {
        for (NpyType t : values()) {
            if (t.descr.equals(descr)
                    || (t.itemSize == 1 && descr.length() == 3 && "|<>=".indexOf(descr.charAt(0)) >= 0
                            && descr.substring(1).equals(t.descr.substring(1)))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The supported descrs, for error messages: {@code <f4, <f8, <f2, <i4, <i8, |b1, |u1}. */
    public static String supportedDescrs() {
        return Arrays.stream(values()).map(NpyType::descr).collect(Collectors.joining(", "));
    }
}
