/* The plain C API of tmc's Metal bridge (tmc_metal_bridge.mm), bound to Java by JavaCPP
 * (dev.tmc.runtime.metal.MetalNative). Handles are opaque. Every call that can fail takes `error`,
 * a buffer of TMC_MTL_ERROR_CAPACITY chars: it stays "" on success and otherwise holds Metal's
 * own message, which the Java side turns into an exception. */
#ifndef TMC_METAL_BRIDGE_H
#define TMC_METAL_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TMC_MTL_ERROR_CAPACITY 2048

typedef struct tmc_mtl_device tmc_mtl_device;     /* an MTLDevice and its one command queue */
typedef struct tmc_mtl_library tmc_mtl_library;   /* an MTLLibrary */
typedef struct tmc_mtl_pipeline tmc_mtl_pipeline; /* an MTLComputePipelineState, made once per kernel */
typedef struct tmc_mtl_buffer tmc_mtl_buffer;     /* an MTLBuffer in MTLStorageModeShared */
typedef struct tmc_mtl_commands tmc_mtl_commands; /* one command buffer with its one compute encoder */

/* Called once per committed command buffer, on a Metal thread: failed != 0 with Metal's message
 * when the command buffer ended in error. */
typedef void (*tmc_mtl_completion)(int64_t token, int32_t failed, const char* message);

/* The system default device, or NULL (error says why). */
tmc_mtl_device* tmc_mtl_device_create(char* error);
/* The device's name (e.g. "Apple M2"), copied into name (capacity bytes, NUL-terminated). */
void tmc_mtl_device_name(tmc_mtl_device* device, char* name, size_t capacity);
void tmc_mtl_device_release(tmc_mtl_device* device);

/* A library from the bytes of a .metallib: what a call runs when the build had the toolchain. */
tmc_mtl_library* tmc_mtl_library_from_metallib(tmc_mtl_device* device, const void* bytes, size_t length,
                                               char* error);
/* A library compiled from MSL source: the fallback when no .metallib was built (slow; the Java
 * side logs it). Compiled without fast math, as the toolchain compiles .metallib files. */
tmc_mtl_library* tmc_mtl_library_from_source(tmc_mtl_device* device, const char* source, char* error);
void tmc_mtl_library_release(tmc_mtl_library* library);

/* The compute pipeline state of kernel function `function` of the library. */
tmc_mtl_pipeline* tmc_mtl_pipeline_create(tmc_mtl_device* device, tmc_mtl_library* library, const char* function,
                                          char* error);
/* The most threads one threadgroup of this pipeline may have. */
uint32_t tmc_mtl_pipeline_max_threads(tmc_mtl_pipeline* pipeline);
void tmc_mtl_pipeline_release(tmc_mtl_pipeline* pipeline);

/* A shared-storage buffer of `length` bytes (at least 1): host and GPU see the same memory. */
tmc_mtl_buffer* tmc_mtl_buffer_create(tmc_mtl_device* device, size_t length, char* error);
void* tmc_mtl_buffer_contents(tmc_mtl_buffer* buffer);
size_t tmc_mtl_buffer_length(tmc_mtl_buffer* buffer);
void tmc_mtl_buffer_release(tmc_mtl_buffer* buffer);

/* A command buffer from the device's queue with one compute encoder open on it. The command
 * buffer does not retain the buffers it uses: the Java side keeps them alive until completion. */
tmc_mtl_commands* tmc_mtl_commands_begin(tmc_mtl_device* device, char* error);
void tmc_mtl_commands_set_pipeline(tmc_mtl_commands* commands, tmc_mtl_pipeline* pipeline);
void tmc_mtl_commands_set_buffer(tmc_mtl_commands* commands, tmc_mtl_buffer* buffer, size_t offset, uint32_t index);
void tmc_mtl_commands_set_bytes(tmc_mtl_commands* commands, const void* bytes, size_t length, uint32_t index);
/* threadgroups x 1 x 1 threadgroups of threads x 1 x 1 threads. */
void tmc_mtl_commands_dispatch(tmc_mtl_commands* commands, uint64_t threadgroups, uint32_t threads);
/* Ends encoding and commits; `completion` is called with `token` when the GPU is done. */
void tmc_mtl_commands_commit(tmc_mtl_commands* commands, tmc_mtl_completion completion, int64_t token);
/* Blocks until the committed command buffer has completed; fills error when it ended in error. */
void tmc_mtl_commands_wait(tmc_mtl_commands* commands, char* error);
void tmc_mtl_commands_release(tmc_mtl_commands* commands);

#ifdef __cplusplus
}
#endif

#endif
