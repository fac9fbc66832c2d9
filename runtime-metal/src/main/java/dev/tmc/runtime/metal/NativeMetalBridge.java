// MetalBridge over the native library: each method one call of the C API, its error buffer turned
// into a MetalException with Metal's message, completions routed back by token.
package dev.tmc.runtime.metal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

final class NativeMetalBridge implements MetalBridge {
    private final MetalNative.DeviceHandle device;
    private final String name;
    /** Committed command buffers whose completion has not come back yet, by token. */
    private final Map<Long, Completion> pending = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    /** One thunk for every command buffer: JavaCPP allocates native code per instance. */
    private final MetalNative.Completion completion;

    private NativeMetalBridge(MetalNative.DeviceHandle device, String name) {
        this.device = device;
        this.name = name;
        this.completion = new MetalNative.Completion(this::completed);
    }

    /**
     * The system's default Metal device.
     *
     * @throws LinkageError           where the native library is missing or cannot load
     * @throws IllegalStateException  on platforms the bridge is not built for
     * @throws MetalException         when Metal finds no device
     */
    static NativeMetalBridge open() {
        MetalNative.load();
        BytePointer error = errorBuffer();
        MetalNative.DeviceHandle device = MetalNative.tmc_mtl_device_create(error);
        check(device, error);
        BytePointer name = new BytePointer(256);
        MetalNative.tmc_mtl_device_name(device, name, 256);
        return new NativeMetalBridge(device, name.getString());
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Library loadLibrary(byte[] metallib) {
        BytePointer error = errorBuffer();
        BytePointer bytes = new BytePointer(metallib.length);
        bytes.put(metallib);
        MetalNative.LibraryHandle lib;
        try {
            lib = MetalNative.tmc_mtl_library_from_metallib(device, bytes, metallib.length, error);
        } finally {
            bytes.deallocate(); // the bridge copied them
        }
        check(lib, error);
        return new NativeLibrary(lib);
    }

    @Override
    public Library compileLibrary(String source) {
        BytePointer error = errorBuffer();
        MetalNative.LibraryHandle lib = MetalNative.tmc_mtl_library_from_source(device, cString(source),
                error);
        check(lib, error);
        return new NativeLibrary(lib);
    }

    @Override
    public Pipeline pipeline(Library library, String function) {
        BytePointer error = errorBuffer();
        MetalNative.PipelineHandle state = MetalNative.tmc_mtl_pipeline_create(device,
                ((NativeLibrary) library).handle, cString(function), error);
        check(state, error);
        return new NativePipeline(state, function, MetalNative.tmc_mtl_pipeline_max_threads(state));
    }

    @Override
    public Buffer allocate(long bytes) {
        BytePointer error = errorBuffer();
        MetalNative.BufferHandle buffer = MetalNative.tmc_mtl_buffer_create(device, bytes, error);
        check(buffer, error);
        return new NativeBuffer(buffer);
    }

    @Override
    public Commands begin() {
        BytePointer error = errorBuffer();
        MetalNative.CommandsHandle commands = MetalNative.tmc_mtl_commands_begin(device, error);
        check(commands, error);
        return new NativeCommands(commands);
    }

    private void completed(long token, String error) {
        Completion c = pending.remove(token);
        if (c != null) {
            c.completed(Optional.ofNullable(error));
        }
    }

    /** A NUL-terminated UTF-8 copy of {@code text}. */
    private static BytePointer cString(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        BytePointer p = new BytePointer(utf8.length + 1L);
        p.put(utf8);
        p.put(utf8.length, (byte) 0);
        return p;
    }

    private static BytePointer errorBuffer() {
        BytePointer error = new BytePointer(MetalNative.ERROR_CAPACITY);
        error.put(0, (byte) 0);
        return error;
    }

    /** MetalException with the bridge's message when the call failed (a null handle or a message). */
    private static void check(Pointer result, BytePointer error) {
        String message = error.getString();
        if (result == null || result.isNull() || !message.isEmpty()) {
            throw new MetalException(message.isEmpty() ? "Metal failed without a message" : message);
        }
    }

    private static final class NativeLibrary implements Library {
        private final MetalNative.LibraryHandle handle;

        NativeLibrary(MetalNative.LibraryHandle handle) {
            this.handle = handle;
        }

        @Override
        public void release() {
            MetalNative.tmc_mtl_library_release(handle);
        }
    }

    private static final class NativePipeline implements Pipeline {
        private final MetalNative.PipelineHandle handle;
        private final String function;
        private final int maxThreads;

        NativePipeline(MetalNative.PipelineHandle handle, String function, int maxThreads) {
            this.handle = handle;
            this.function = function;
            this.maxThreads = maxThreads;
        }

        @Override
        public String function() {
            return function;
        }

        @Override
        public int maxThreadsPerThreadgroup() {
            return maxThreads;
        }

        @Override
        public void release() {
            MetalNative.tmc_mtl_pipeline_release(handle);
        }
    }

    private static final class NativeBuffer implements Buffer {
        private final MetalNative.BufferHandle handle;
        private final long length;
        private final BytePointer contents;

        NativeBuffer(MetalNative.BufferHandle handle) {
            this.handle = handle;
            this.length = MetalNative.tmc_mtl_buffer_length(handle);
            this.contents = new BytePointer(MetalNative.tmc_mtl_buffer_contents(handle)).capacity(length);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public ByteBuffer view(long offset, int bytes) {
            if (offset < 0 || bytes < 0 || offset + bytes > length) {
                throw new IndexOutOfBoundsException(bytes + " bytes at " + offset + " of a buffer of " + length);
            }
            return new BytePointer(contents).position(offset).limit(offset + bytes).asByteBuffer();
        }

        @Override
        public void release() {
            MetalNative.tmc_mtl_buffer_release(handle);
        }
    }

    private final class NativeCommands implements Commands {
        private final MetalNative.CommandsHandle handle;

        NativeCommands(MetalNative.CommandsHandle handle) {
            this.handle = handle;
        }

        @Override
        public void setPipeline(Pipeline pipeline) {
            MetalNative.tmc_mtl_commands_set_pipeline(handle, ((NativePipeline) pipeline).handle);
        }

        @Override
        public void setBuffer(Buffer buffer, long offset, int index) {
            MetalNative.tmc_mtl_commands_set_buffer(handle, ((NativeBuffer) buffer).handle, offset, index);
        }

        @Override
        public void setBytes(byte[] bytes, int index) {
            try (BytePointer p = new BytePointer(bytes)) { // Metal copies them while encoding
                MetalNative.tmc_mtl_commands_set_bytes(handle, p, bytes.length, index);
            }
        }

        @Override
        public void dispatch(long threadgroups, int threads) {
            MetalNative.tmc_mtl_commands_dispatch(handle, threadgroups, threads);
        }

        @Override
        public void commit(Completion onDone) {
            long token = tokens.incrementAndGet();
            pending.put(token, onDone);
            MetalNative.tmc_mtl_commands_commit(handle, completion, token);
        }

        @Override
        public void waitUntilCompleted() {
            BytePointer error = errorBuffer();
            MetalNative.tmc_mtl_commands_wait(handle, error);
            String message = error.getString();
            if (!message.isEmpty()) {
                throw new MetalException(message);
            }
        }

        @Override
        public void release() {
            MetalNative.tmc_mtl_commands_release(handle);
        }
    }
}
