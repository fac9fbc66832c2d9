// A Metal tensor's memory: a shared-storage buffer from the device's pool, which host copies read
// and write in place. A tensor that a call writes remembers that call's submission: reading it
// waits for the GPU, and its buffer goes back to the pool only once the GPU is done with it.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.TensorStorage;
import dev.tmc.runtime.cpu.ArrayKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

final class MetalStorage extends TensorStorage {
    /** Bytes per host copy step: a ByteBuffer view holds at most 2^31 - 1 bytes. */
    private static final int CHUNK_BYTES = 1 << 30;

    private final MetalBuffers pool;
    private final MetalBridge.Buffer buffer;
    private final long bytes;
    private final ArrayKind kind;
    /** The submission that writes this storage, until the storage is released; null for none. */
    private volatile Submission writer;

    MetalStorage(MetalBuffers pool, MetalBridge.Buffer buffer, long bytes, ArrayKind kind) {
        this.pool = pool;
        this.buffer = buffer;
        this.bytes = bytes;
        this.kind = kind;
    }

    MetalBridge.Buffer buffer() {
        return buffer;
    }

    /** The submission writing this storage, or null. */
    Submission writer() {
        return writer;
    }

    void writtenBy(Submission submission) {
        this.writer = submission;
    }

    @Override
    protected void upload(Object hostArray, int count) {
        copy(hostArray, count, true);
    }

    @Override
    protected void download(Object hostArray, int count) {
        copy(hostArray, count, false);
    }

    @Override
    protected void zero(int count) {
        copy(kind.allocate(count), count, true);
    }

    @Override
    protected void awaitWrites() {
        Submission s = writer;
        if (s != null) {
            s.await();
        }
    }

    /** Back to the pool, but not while a GPU write is in flight: a reuse would race with it. */
    @Override
    protected void release() {
        Submission s = writer;
        if (s == null || s.isDone()) {
            pool.give(buffer, bytes);
        } else {
            s.done().whenComplete((ok, failed) -> pool.give(buffer, bytes));
        }
    }

    private void copy(Object hostArray, int count, boolean toDevice) {
        int perElement = kind.bytesPerElement();
        int chunk = CHUNK_BYTES / perElement;
        for (int first = 0; first < count; first += chunk) {
            int n = Math.min(chunk, count - first);
            ByteBuffer view = buffer.view((long) first * perElement, n * perElement).order(ByteOrder.LITTLE_ENDIAN);
            switch (kind) {
                case FLOAT:
                    if (toDevice) {
                        view.asFloatBuffer().put((float[]) hostArray, first, n);
                    } else {
                        view.asFloatBuffer().get((float[]) hostArray, first, n);
                    }
                    break;
                case SHORT:
                    if (toDevice) {
                        view.asShortBuffer().put((short[]) hostArray, first, n);
                    } else {
                        view.asShortBuffer().get((short[]) hostArray, first, n);
                    }
                    break;
                case INT:
                    if (toDevice) {
                        view.asIntBuffer().put((int[]) hostArray, first, n);
                    } else {
                        view.asIntBuffer().get((int[]) hostArray, first, n);
                    }
                    break;
                default:
                    if (toDevice) {
                        view.put((byte[]) hostArray, first, n);
                    } else {
                        view.get((byte[]) hostArray, first, n);
                    }
                    break;
            }
        }
    }
}
