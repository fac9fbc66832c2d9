// A dense, row-major n-dimensional array of one dtype in a device's memory: what pipelines take and
// return. Host data goes in and out only through explicit copies.
package dev.tmc.runtime;

import dev.tmc.runtime.cpu.ArrayKind;
import dev.tmc.runtime.cpu.TypedArrays;
import dev.tmc.runtime.io.Npy;
import dev.tmc.runtime.io.NpyArray;
import dev.tmc.runtime.io.NpyType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closing a tensor gives its memory back to its device's pool; reading a closed tensor is an
 * IllegalStateException. A pipeline call that is still reading a tensor keeps its memory alive
 * when the tensor is closed meanwhile. Factories create tensors on {@link Device#cpu()}; use
 * {@link #to(Device)} to move them.
 */
public final class Tensor implements AutoCloseable {
    /** Java arrays cap the element count of one buffer. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Device device;
    private final DType dtype;
    private final long[] shape;
    private final int size;
    private final TensorStorage storage;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The owner's hold until close, plus one per reader in flight; the memory goes back at zero. */
    private final AtomicInteger holds = new AtomicInteger(1);

    Tensor(Device device, DType dtype, long[] shape, TensorStorage storage) {
        this.device = device;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.size = elementCount(this.shape);
        this.storage = storage;
    }

    // ---- factories (on the CPU device) ----------------------------------------------------------

    /** An f32 tensor holding a copy of {@code data} in row-major order; no shape means rank 0. */
    public static Tensor of(float[] data, long... shape) {
        return of(DType.F32, data, shape);
    }

    /** A tensor of {@code dtype} holding {@code data} rounded as a store into that dtype rounds. */
    public static Tensor of(DType dtype, float[] data, long... shape) {
        checkData(data.length, shape);
        return upload(dtype, shape, TypedArrays.fromFloats(dtype, data));
    }

    /** An i32 tensor. */
    public static Tensor ofInts(int[] data, long... shape) {
        checkData(data.length, shape);
        return upload(DType.I32, shape, data.clone());
    }

    /** A bool tensor. */
    public static Tensor ofBooleans(boolean[] data, long... shape) {
        checkData(data.length, shape);
        return upload(DType.BOOL, shape, TypedArrays.fromBooleans(data));
    }

    public static Tensor zeros(DType dtype, long... shape) {
        Tensor t = Device.cpu().newTensor(dtype, shape);
        t.storage.zero(t.size);
        return t;
    }

    /**
     * Reads an .npy file into the dtype that holds its type: f4 and f8 as f32, f2 as f16, i4, i8
     * and u1 as i32 (i8 saturating), b1 as bool.
     */
    public static Tensor fromNpy(Path file) throws IOException {
        NpyArray array = Npy.read(file);
        return fromNpy(array, naturalDType(array.type()));
    }

    /** Reads an .npy file of any supported type, converting its values into {@code dtype}. */
    public static Tensor fromNpy(Path file, DType dtype) throws IOException {
        return fromNpy(Npy.read(file), dtype);
    }

    private static Tensor fromNpy(NpyArray array, DType dtype) {
        return upload(dtype, array.shape(), TypedArrays.fromDoubles(dtype, array.values()));
    }

    private static DType naturalDType(NpyType type) {
        switch (type) {
            case F4: case F8: return DType.F32;
            case F2: return DType.F16;
            case I4: case I8: case U1: return DType.I32;
            case B1: return DType.BOOL;
            default: throw new AssertionError(type);
        }
    }

    private static Tensor upload(DType dtype, long[] shape, Object typed) {
        Tensor t = Device.cpu().newTensor(dtype, shape);
        t.storage.upload(typed, t.size);
        return t;
    }

    // ---- what it is -----------------------------------------------------------------------------

    public DType dtype() {
        return dtype;
    }

    /** A copy of the dims. */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The number of elements: the product of the dims, 1 for rank 0. */
    public long size() {
        return size;
    }

    public Device device() {
        return device;
    }

    public boolean isClosed() {
        return closed.get();
    }

    // ---- host copies ----------------------------------------------------------------------------

    /** The elements as floats, in row-major order (i32 rounds to the nearest float, bool is 0/1). */
    public float[] toFloatArray() {
        return TypedArrays.toFloats(dtype, read(), size);
    }

    /** The elements as ints (floats truncate toward zero and saturate; NaN is 0). */
    public int[] toIntArray() {
        return TypedArrays.toInts(dtype, read(), size);
    }

    /** The elements as booleans: nonzero, NaN included, is true. */
    public boolean[] toBooleanArray() {
        return TypedArrays.toBooleans(dtype, read(), size);
    }

    /**
     * Writes an .npy file: f32 as {@code <f4}, f16 as {@code <f2}, bf16 as {@code <f4} holding the
     * bf16 values (NumPy has no bf16), i32 as {@code <i4}, bool as {@code |b1}.
     */
    public void toNpy(Path file) throws IOException {
        NpyType type;
        switch (dtype) {
            case F16: type = NpyType.F2; break;
            case I32: type = NpyType.I4; break;
            case BOOL: type = NpyType.B1; break;
            default: type = NpyType.F4; break;
        }
        Npy.write(file, new NpyArray(type, shape, TypedArrays.toDoubles(dtype, read(), size)));
    }

    /** A copy on {@code target}, a new tensor to close separately even when the device is the same. */
    public Tensor to(Device target) {
        Object typed = read();
        Tensor copy = target.newTensor(dtype, shape);
        copy.storage.upload(typed, size);
        return copy;
    }

    /** Waits for device work already submitted that writes this tensor (a no-op on the CPU). */
    public void sync() {
        acquire();
        try {
            storage.awaitWrites();
        } finally {
            letGo();
        }
    }

    /** The elements in a fresh host array of the dtype's ArrayKind. */
    private Object read() {
        acquire();
        try {
            storage.awaitWrites();
            Object typed = ArrayKind.of(dtype).allocate(size);
            storage.download(typed, size);
            return typed;
        } finally {
            letGo();
        }
    }

    // ---- lifetime -------------------------------------------------------------------------------

    /** Gives the memory back once no call reads it any more; closing twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            letGo();
        }
    }

    /** Holds the memory for a reader; IllegalStateException once the tensor is closed. */
    TensorStorage acquire() {
        while (true) {
            int h = holds.get();
            if (h == 0 || closed.get()) {
                throw new IllegalStateException(this + " is closed");
            }
            if (holds.compareAndSet(h, h + 1)) {
                return storage;
            }
        }
    }

    void letGo() {
        if (holds.decrementAndGet() == 0) {
            storage.release();
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Tensor(").append(dtype).append('[');
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        b.append("] on ").append(device.name());
        return b.append(closed.get() ? ", closed)" : ")").toString();
    }

    // ---- shapes ---------------------------------------------------------------------------------

    /** The product of the dims; IllegalArgumentException for a negative dim or too many elements. */
    static int elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dim");
            }
            if (dim != 0 && count > MAX_ELEMENTS / dim) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more elements than one buffer holds (" + MAX_ELEMENTS + ")");
            }
            count *= dim;
        }
        return (int) count;
    }

    private static void checkData(int length, long[] shape) {
        int count = elementCount(shape);
        if (count != length) {
            throw new IllegalArgumentException("data has " + length + " values but shape "
                    + Arrays.toString(shape) + " holds " + count);
        }
    }
}
