// The JavaCPP binding of the bridge's C API (src/main/native/tmc_metal_bridge.h): one Java method
// per C function, nothing more. The mac-native Maven profile generates and compiles its JNI glue;
// on other platforms the class loads but its methods have no native code, so only
// NativeMetalBridge, after a successful load(), calls them.
package dev.tmc.runtime.metal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Opaque;
import org.bytedeco.javacpp.annotation.Platform;

@Platform(value = {"macosx-arm64", "macosx-x86_64"}, include = "tmc_metal_bridge.h", link = "tmc_metal_bridge",
        framework = {"Metal", "Foundation"})
/** Public for JavaCPP's Builder, which loads it by name; its methods stay package-private. */
public final class MetalNative {
    /** Bytes of the error buffer every failing call takes (TMC_MTL_ERROR_CAPACITY). */
    static final int ERROR_CAPACITY = 2048;

    private MetalNative() {
    }

    /**
     * Loads the native library; throws UnsatisfiedLinkError (or another LinkageError) where it
     * was not built or cannot load, and IllegalStateException on platforms without one.
     */
    static void load() {
        String loaded = Loader.load(MetalNative.class);
        if (loaded == null) {
            throw new IllegalStateException("the Metal bridge is built for macOS only, not for " + Loader.getPlatform());
        }
    }

    @Opaque
    @Name("tmc_mtl_device")
    static final class DeviceHandle extends Pointer {
        DeviceHandle() {
            super((Pointer) null);
        }
    }

    @Opaque
    @Name("tmc_mtl_library")
    static final class LibraryHandle extends Pointer {
        LibraryHandle() {
            super((Pointer) null);
        }
    }

    @Opaque
    @Name("tmc_mtl_pipeline")
    static final class PipelineHandle extends Pointer {
        PipelineHandle() {
            super((Pointer) null);
        }
    }

    @Opaque
    @Name("tmc_mtl_buffer")
    static final class BufferHandle extends Pointer {
        BufferHandle() {
            super((Pointer) null);
        }
    }

    @Opaque
    @Name("tmc_mtl_commands")
    static final class CommandsHandle extends Pointer {
        CommandsHandle() {
            super((Pointer) null);
        }
    }

    /** Where completions go: the command buffer's token and Metal's message, or null on success. */
    interface CompletionSink {
        void completed(long token, String error);
    }

    /**
     * tmc_mtl_completion: JavaCPP compiles a native thunk that calls {@link #call} on this
     * instance, on Metal's completion thread. One lives as long as its device.
     */
    static final class Completion extends FunctionPointer {
        static {
            Loader.load();
        }

        private final transient CompletionSink sink;

        Completion(CompletionSink sink) {
            this.sink = sink;
            allocate();
        }

        private native void allocate();

        public void call(@Cast("int64_t") long token, @Cast("int32_t") int failed,
                         @Cast("const char*") BytePointer message) {
            sink.completed(token, failed != 0 ? message.getString() : null);
        }
    }

    static native DeviceHandle tmc_mtl_device_create(@Cast("char*") BytePointer error);

    static native void tmc_mtl_device_name(DeviceHandle device, @Cast("char*") BytePointer name,
                                           @Cast("size_t") long capacity);

    static native void tmc_mtl_device_release(DeviceHandle device);

    static native LibraryHandle tmc_mtl_library_from_metallib(DeviceHandle device, @Cast("const void*") BytePointer bytes,
                                                              @Cast("size_t") long length,
                                                              @Cast("char*") BytePointer error);

    static native LibraryHandle tmc_mtl_library_from_source(DeviceHandle device, @Cast("const char*") BytePointer source,
                                                            @Cast("char*") BytePointer error);

    static native void tmc_mtl_library_release(LibraryHandle library);

    static native PipelineHandle tmc_mtl_pipeline_create(DeviceHandle device, LibraryHandle library,
                                                         @Cast("const char*") BytePointer function,
                                                         @Cast("char*") BytePointer error);

    static native @Cast("uint32_t") int tmc_mtl_pipeline_max_threads(PipelineHandle pipeline);

    static native void tmc_mtl_pipeline_release(PipelineHandle pipeline);

    static native BufferHandle tmc_mtl_buffer_create(DeviceHandle device, @Cast("size_t") long length,
                                                     @Cast("char*") BytePointer error);

    static native Pointer tmc_mtl_buffer_contents(BufferHandle buffer);

    static native @Cast("size_t") long tmc_mtl_buffer_length(BufferHandle buffer);

    static native void tmc_mtl_buffer_release(BufferHandle buffer);

    static native CommandsHandle tmc_mtl_commands_begin(DeviceHandle device, @Cast("char*") BytePointer error);

    static native void tmc_mtl_commands_set_pipeline(CommandsHandle commands, PipelineHandle pipeline);

    static native void tmc_mtl_commands_set_buffer(CommandsHandle commands, BufferHandle buffer,
                                                   @Cast("size_t") long offset, @Cast("uint32_t") int index);

    static native void tmc_mtl_commands_set_bytes(CommandsHandle commands, @Cast("const void*") BytePointer bytes,
                                                  @Cast("size_t") long length, @Cast("uint32_t") int index);

    static native void tmc_mtl_commands_dispatch(CommandsHandle commands, @Cast("uint64_t") long threadgroups,
                                                 @Cast("uint32_t") int threads);

    static native void tmc_mtl_commands_commit(CommandsHandle commands, Completion completion,
                                               @Cast("int64_t") long token);

    static native void tmc_mtl_commands_wait(CommandsHandle commands, @Cast("char*") BytePointer error);

    static native void tmc_mtl_commands_release(CommandsHandle commands);
}
