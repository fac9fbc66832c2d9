// A CPU tensor's memory: a typed array from the device's pool, possibly longer than the tensor.
package dev.tmc.runtime.cpu;

import dev.tmc.runtime.TensorStorage;

final class CpuStorage extends TensorStorage {
    private final Object array;
    private final BufferPool pool;

    CpuStorage(Object array, BufferPool pool) {
        this.array = array;
        this.pool = pool;
    }

    /** What kernels read and write; only the first size() elements are the tensor's. */
    Object array() {
        return array;
    }

    @Override
    protected void upload(Object hostArray, int count) {
        System.arraycopy(hostArray, 0, array, 0, count);
    }

    @Override
    protected void download(Object hostArray, int count) {
        System.arraycopy(array, 0, hostArray, 0, count);
    }

    @Override
    protected void zero(int count) {
        ArrayKind.clear(array, count);
    }

    @Override
    protected void release() {
        pool.give(array);
    }
}
