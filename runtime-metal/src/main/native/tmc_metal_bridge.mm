// tmc's Metal bridge: the few Metal calls the runtime makes, behind the plain C API of
// tmc_metal_bridge.h. Compiled with ARC (-fobjc-arc): the structs own their Metal objects.
// Checked on Linux against test stubs (runtime-metal/src/test/native/stub); runs only on macOS.
#import <Foundation/Foundation.h>
#import <Metal/Metal.h>

#include "tmc_metal_bridge.h"

#include <new>
#include <stdio.h>
#include <string.h>

struct tmc_mtl_device {
    id<MTLDevice> device;
    id<MTLCommandQueue> queue; // one per device: command buffers run in commit order
};

struct tmc_mtl_library {
    id<MTLLibrary> library;
};

struct tmc_mtl_pipeline {
    id<MTLComputePipelineState> state;
};

struct tmc_mtl_buffer {
    id<MTLBuffer> buffer;
};

struct tmc_mtl_commands {
    id<MTLCommandBuffer> commands;
    id<MTLComputeCommandEncoder> encoder; // nil once committed
};

static void clear_error(char* error) {
    error[0] = '\0';
}

static void fail_text(char* error, const char* what) {
    snprintf(error, TMC_MTL_ERROR_CAPACITY, "%s", what);
}

// Metal's own words: NSError's description carries the compiler log or the GPU fault.
static void fail_ns(char* error, const char* what, NSError* cause) {
    const char* detail = "Metal gave no details";
    if (cause != nil) {
        const char* text = [[cause localizedDescription] UTF8String];
        if (text != NULL) {
            detail = text;
        }
    }
    snprintf(error, TMC_MTL_ERROR_CAPACITY, "%s: %s", what, detail);
}

extern "C" tmc_mtl_device* tmc_mtl_device_create(char* error) {
    clear_error(error);
    @autoreleasepool {
        id<MTLDevice> device = MTLCreateSystemDefaultDevice();
        if (device == nil) {
            fail_text(error, "no Metal device: MTLCreateSystemDefaultDevice() returned nil");
            return NULL;
        }
        id<MTLCommandQueue> queue = [device newCommandQueue];
        if (queue == nil) {
            fail_text(error, "Metal could not create a command queue");
            return NULL;
        }
        tmc_mtl_device* out = new (std::nothrow) tmc_mtl_device;
        if (out == NULL) {
            fail_text(error, "out of host memory");
            return NULL;
        }
        out->device = device;
        out->queue = queue;
        return out;
    }
}

extern "C" void tmc_mtl_device_name(tmc_mtl_device* device, char* name, size_t capacity) {
    @autoreleasepool {
        const char* text = [[device->device name] UTF8String];
        snprintf(name, capacity, "%s", text != NULL ? text : "unnamed Metal device");
    }
}

extern "C" void tmc_mtl_device_release(tmc_mtl_device* device) {
    delete device;
}

extern "C" tmc_mtl_library* tmc_mtl_library_from_metallib(tmc_mtl_device* device, const void* bytes, size_t length,
                                                          char* error) {
    clear_error(error);
    @autoreleasepool {
        // The default destructor copies the bytes, so the Java array may go right after this call.
        dispatch_data_t data = dispatch_data_create(bytes, length,
                dispatch_get_global_queue(DISPATCH_QUEUE_PRIORITY_DEFAULT, 0), DISPATCH_DATA_DESTRUCTOR_DEFAULT);
        NSError* cause = nil;
        id<MTLLibrary> library = [device->device newLibraryWithData:data error:&cause];
        if (library == nil) {
            fail_ns(error, "Metal cannot load the .metallib", cause);
            return NULL;
        }
        tmc_mtl_library* out = new (std::nothrow) tmc_mtl_library;
        if (out == NULL) {
            fail_text(error, "out of host memory");
            return NULL;
        }
        out->library = library;
        return out;
    }
}

extern "C" tmc_mtl_library* tmc_mtl_library_from_source(tmc_mtl_device* device, const char* source, char* error) {
    clear_error(error);
    @autoreleasepool {
        MTLCompileOptions* options = [[MTLCompileOptions alloc] init];
        // As tmc's MetalToolchain compiles .metallib files: IEEE NaN, infinities and signed zeros.
        // macOS 15 replaced fastMathEnabled (deprecated there) by mathMode.
#if defined(__MAC_15_0) && __MAC_OS_X_VERSION_MAX_ALLOWED >= __MAC_15_0
        if (@available(macOS 15.0, *)) {
            options.mathMode = MTLMathModeSafe;
        } else {
            options.fastMathEnabled = NO;
        }
#else
        options.fastMathEnabled = NO;
#endif
        options.languageVersion = MTLLanguageVersion3_0;
        NSString* text = [NSString stringWithUTF8String:source];
        if (text == nil) {
            fail_text(error, "the Metal source is not valid UTF-8");
            return NULL;
        }
        NSError* cause = nil;
        id<MTLLibrary> library = [device->device newLibraryWithSource:text options:options error:&cause];
        if (library == nil) { // a library with warnings comes with a non-nil error: only nil fails
            fail_ns(error, "Metal cannot compile the kernels' source", cause);
            return NULL;
        }
        tmc_mtl_library* out = new (std::nothrow) tmc_mtl_library;
        if (out == NULL) {
            fail_text(error, "out of host memory");
            return NULL;
        }
        out->library = library;
        return out;
    }
}

extern "C" void tmc_mtl_library_release(tmc_mtl_library* library) {
    delete library;
}

extern "C" tmc_mtl_pipeline* tmc_mtl_pipeline_create(tmc_mtl_device* device, tmc_mtl_library* library,
                                                     const char* function, char* error) {
    clear_error(error);
    @autoreleasepool {
        NSString* name = [NSString stringWithUTF8String:function];
        id<MTLFunction> kernel = name == nil ? nil : [library->library newFunctionWithName:name];
        if (kernel == nil) {
            snprintf(error, TMC_MTL_ERROR_CAPACITY, "the Metal library has no function named %s", function);
            return NULL;
        }
        NSError* cause = nil;
        id<MTLComputePipelineState> state = [device->device newComputePipelineStateWithFunction:kernel error:&cause];
        if (state == nil) {
            fail_ns(error, "Metal cannot create the compute pipeline state", cause);
            return NULL;
        }
        tmc_mtl_pipeline* out = new (std::nothrow) tmc_mtl_pipeline;
        if (out == NULL) {
            fail_text(error, "out of host memory");
            return NULL;
        }
        out->state = state;
        return out;
    }
}

extern "C" uint32_t tmc_mtl_pipeline_max_threads(tmc_mtl_pipeline* pipeline) {
    return (uint32_t) [pipeline->state maxTotalThreadsPerThreadgroup];
}

extern "C" void tmc_mtl_pipeline_release(tmc_mtl_pipeline* pipeline) {
    delete pipeline;
}

extern "C" tmc_mtl_buffer* tmc_mtl_buffer_create(tmc_mtl_device* device, size_t length, char* error) {
    clear_error(error);
    @autoreleasepool {
        NSUInteger bytes = length == 0 ? 1 : (NSUInteger) length; // Metal has no empty buffers
        id<MTLBuffer> buffer = [device->device newBufferWithLength:bytes options:MTLResourceStorageModeShared];
        if (buffer == nil) {
            snprintf(error, TMC_MTL_ERROR_CAPACITY,
                     "out of memory: Metal cannot allocate a shared buffer of %zu bytes (the device allows at most "
                     "%llu bytes per buffer)", length, (unsigned long long) [device->device maxBufferLength]);
            return NULL;
        }
        tmc_mtl_buffer* out = new (std::nothrow) tmc_mtl_buffer;
        if (out == NULL) {
            fail_text(error, "out of host memory");
            return NULL;
        }
        out->buffer = buffer;
        return out;
    }
}

extern "C" void* tmc_mtl_buffer_contents(tmc_mtl_buffer* buffer) {
    return [buffer->buffer contents];
}

extern "C" size_t tmc_mtl_buffer_length(tmc_mtl_buffer* buffer) {
    return (size_t) [buffer->buffer length];
}

extern "C" void tmc_mtl_buffer_release(tmc_mtl_buffer* buffer) {
    delete buffer;
}

extern "C" tmc_mtl_commands* tmc_mtl_commands_begin(tmc_mtl_device* device, char* error) {
    clear_error(error);
    @autoreleasepool {
        // Unretained: the Java side holds every buffer of the call until the completion callback.
        id<MTLCommandBuffer> commands = [device->queue commandBufferWithUnretainedReferences];
        if (commands == nil) {
            fail_text(error, "Metal could not create a command buffer");
            return NULL;
        }
        id<MTLComputeCommandEncoder> encoder = [commands computeCommandEncoder];
        if (encoder == nil) {
            fail_text(error, "Metal could not create a compute command encoder");
            return NULL;
        }
        tmc_mtl_commands* out = new (std::nothrow) tmc_mtl_commands;
        if (out == NULL) {
            fail_text(error, "out of host memory");
            return NULL;
        }
        out->commands = commands;
        out->encoder = encoder;
        return out;
    }
}

extern "C" void tmc_mtl_commands_set_pipeline(tmc_mtl_commands* commands, tmc_mtl_pipeline* pipeline) {
    [commands->encoder setComputePipelineState:pipeline->state];
}

extern "C" void tmc_mtl_commands_set_buffer(tmc_mtl_commands* commands, tmc_mtl_buffer* buffer, size_t offset,
                                            uint32_t index) {
    [commands->encoder setBuffer:buffer->buffer offset:(NSUInteger) offset atIndex:(NSUInteger) index];
}

extern "C" void tmc_mtl_commands_set_bytes(tmc_mtl_commands* commands, const void* bytes, size_t length,
                                           uint32_t index) {
    [commands->encoder setBytes:bytes length:(NSUInteger) length atIndex:(NSUInteger) index];
}

extern "C" void tmc_mtl_commands_dispatch(tmc_mtl_commands* commands, uint64_t threadgroups, uint32_t threads) {
    [commands->encoder dispatchThreadgroups:MTLSizeMake((NSUInteger) threadgroups, 1, 1)
                      threadsPerThreadgroup:MTLSizeMake((NSUInteger) threads, 1, 1)];
}

extern "C" void tmc_mtl_commands_commit(tmc_mtl_commands* commands, tmc_mtl_completion completion, int64_t token) {
    @autoreleasepool {
        [commands->encoder endEncoding];
        commands->encoder = nil;
        [commands->commands addCompletedHandler:^(id<MTLCommandBuffer> done) {
            if ([done status] == MTLCommandBufferStatusError) {
                char message[TMC_MTL_ERROR_CAPACITY];
                fail_ns(message, "the Metal command buffer failed", [done error]);
                completion(token, 1, message);
            } else {
                completion(token, 0, "");
            }
        }];
        [commands->commands commit];
    }
}

extern "C" void tmc_mtl_commands_wait(tmc_mtl_commands* commands, char* error) {
    clear_error(error);
    @autoreleasepool {
        [commands->commands waitUntilCompleted];
        if ([commands->commands status] == MTLCommandBufferStatusError) {
            fail_ns(error, "the Metal command buffer failed", [commands->commands error]);
        }
    }
}

extern "C" void tmc_mtl_commands_release(tmc_mtl_commands* commands) {
    delete commands;
}
