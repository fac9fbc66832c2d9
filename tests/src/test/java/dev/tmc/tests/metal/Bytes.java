// Tensors as the bytes of a device buffer (little-endian, in a storage dtype) and back.
package dev.tmc.tests.metal;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.numeric.BFloat16;
import dev.tmc.runtime.numeric.Float16;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

final class Bytes {
    private Bytes() {
    }

    static byte[] of(DType dtype, double[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            put(out, dtype, v);
        }
        return out.array();
    }

    static byte[] scalar(DType dtype, double value) {
        return of(dtype, new double[] {dtype.round(value)});
    }

    private static void put(ByteBuffer out, DType dtype, double v) {
        switch (dtype) {
            case F32: out.putFloat((float) v); break;
            case F16: out.putShort(Float16.fromDouble(v)); break;
            case BF16: out.putShort(BFloat16.fromDouble(v)); break;
            case I32: out.putInt((int) v); break;
            default: out.put((byte) (v != 0 ? 1 : 0));
        }
    }

    /** Values stored in {@code bytes}; a bool byte other than 0 or 1 (never written) reads as NaN. */
    static HostArray read(DType dtype, long[] shape, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[bytes.length / dtype.byteSize()];
        for (int i = 0; i < values.length; i++) {
            switch (dtype) {
                case F32: values[i] = in.getFloat(); break;
                case F16: values[i] = Float16.toDouble(in.getShort()); break;
                case BF16: values[i] = BFloat16.toDouble(in.getShort()); break;
                case I32: values[i] = in.getInt(); break;
                default:
                    byte b = in.get();
                    values[i] = b == 0 || b == 1 ? b : Double.NaN;
            }
        }
        return new HostArray(dtype, shape, values);
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }
}
