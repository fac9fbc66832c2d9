// A CUDA tensor's memory: a block from the device's pool. Transfers go through the stream, so an
// upload lands after earlier kernels and a download waits for them.
package dev.tmc.runtime.cuda;

import dev.tmc.runtime.TensorStorage;

final class CudaStorage extends TensorStorage {
    private final long pointer;
    private final int elementBytes;
    private final CudaMemoryPool pool;

    CudaStorage(long pointer, int elementBytes, CudaMemoryPool pool) {
        this.pointer = pointer;
        this.elementBytes = elementBytes;
        this.pool = pool;
    }

    long pointer() {
        return pointer;
    }

    @Override
    protected void upload(Object hostArray, int count) {
        CudaDriver.upload(pointer, hostArray, (long) count * elementBytes);
    }

    @Override
    protected void download(Object hostArray, int count) {
        CudaDriver.download(pointer, hostArray, (long) count * elementBytes);
    }

    @Override
    protected void zero(int count) {
        CudaDriver.zero(pointer, (long) count * elementBytes);
    }

    @Override
    protected void awaitWrites() {
        CudaDriver.synchronize();
    }

    @Override
    protected void release() {
        pool.give(pointer);
    }
}
