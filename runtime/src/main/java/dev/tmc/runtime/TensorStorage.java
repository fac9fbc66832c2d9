// Backend SPI: the memory that holds one tensor's elements on its device. Tensor does every host
// transfer through these methods, in the host layout of ArrayKind (float[], short[], int[], byte[]).
package dev.tmc.runtime;

public abstract class TensorStorage {
    protected TensorStorage() {}

    /** Copies {@code count} elements from a host array of the tensor's ArrayKind into the storage. */
    protected abstract void upload(Object hostArray, int count);

    /** Copies the first {@code count} elements into a host array of the tensor's ArrayKind. */
    protected abstract void download(Object hostArray, int count);

    /** Sets the first {@code count} elements to zero. */
    protected abstract void zero(int count);

    /** Waits until device work already submitted that writes this storage has finished. */
    protected void awaitWrites() {
    }

    /** Gives the memory back to the device's pool; called once, after the last reader let go. */
    protected abstract void release();
}
