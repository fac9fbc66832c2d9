/* The driver-API side of tmc_cuda.h: the few types and functions tmc uses, declared here and
 * looked up in libcuda.so.1 with dlsym (the _v2 names are the ones cuda.h maps the plain names to). */
#include "tmc_cuda.h"
#include "tmc_cuda_internal.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef int CUresult;
typedef int CUdevice;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef struct CUevent_st *CUevent;
typedef uint64_t CUdeviceptr;
typedef struct CUgraph_st *CUgraph;
typedef struct CUgraphExec_st *CUgraphExec;

#define CU_STREAM_NON_BLOCKING 0x1
#define CU_EVENT_DEFAULT 0x0
#define CU_STREAM_CAPTURE_MODE_THREAD_LOCAL 1

static struct {
    CUresult (*init)(unsigned int);
    CUresult (*device_get)(CUdevice *, int);
    CUresult (*device_get_name)(char *, int, CUdevice);
    CUresult (*primary_ctx_retain)(CUcontext *, CUdevice);
    CUresult (*ctx_set_current)(CUcontext);
    CUresult (*stream_create)(CUstream *, unsigned int);
    CUresult (*stream_synchronize)(CUstream);
    CUresult (*module_load_data)(CUmodule *, const void *);
    CUresult (*module_get_function)(CUfunction *, CUmodule, const char *);
    CUresult (*mem_alloc)(CUdeviceptr *, size_t);
    CUresult (*mem_free)(CUdeviceptr);
    CUresult (*memcpy_htod_async)(CUdeviceptr, const void *, size_t, CUstream);
    CUresult (*memcpy_dtoh_async)(void *, CUdeviceptr, size_t, CUstream);
    CUresult (*memcpy_dtod_async)(CUdeviceptr, CUdeviceptr, size_t, CUstream);
    CUresult (*memset_d8_async)(CUdeviceptr, unsigned char, size_t, CUstream);
    CUresult (*launch_kernel)(CUfunction, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int,
                              unsigned int, unsigned int, CUstream, void **, void **);
    CUresult (*event_create)(CUevent *, unsigned int);
    CUresult (*event_record)(CUevent, CUstream);
    CUresult (*event_synchronize)(CUevent);
    CUresult (*event_elapsed_time)(float *, CUevent, CUevent);
    CUresult (*get_error_name)(CUresult, const char **);
    CUresult (*get_error_string)(CUresult, const char **);
    /* CUDA graphs (driver 11.4+); absent ones leave graphs off, nothing else. */
    CUresult (*stream_destroy)(CUstream);
    CUresult (*stream_begin_capture)(CUstream, int);
    CUresult (*stream_end_capture)(CUstream, CUgraph *);
    CUresult (*graph_instantiate)(CUgraphExec *, CUgraph, unsigned long long);
    CUresult (*graph_launch)(CUgraphExec, CUstream);
    CUresult (*graph_exec_destroy)(CUgraphExec);
    CUresult (*graph_destroy)(CUgraph);
} cu;

static CUcontext context;
static CUstream stream;
static CUdevice device;
/* Per thread: a failure is read back on the thread that met it, whatever other threads do meanwhile. */
static _Thread_local char last_error[512];
/* While this thread captures a graph: the stream its launches are recorded on instead of `stream`
   (a private one, so that other threads' work on `stream` stays out of the graph). */
static _Thread_local CUstream capturing;
static int graphs;

#define MAX_ARGS 64

static int fail(const char *call, CUresult r) {
    const char *name = "?";
    const char *text = "?";
    if (cu.get_error_name) {
        cu.get_error_name(r, &name);
    }
    if (cu.get_error_string) {
        cu.get_error_string(r, &text);
    }
    snprintf(last_error, sizeof last_error, "%s: %s (%s)", call, name ? name : "?", text ? text : "?");
    return r == 0 ? -1 : r;
}

static int fail_text(const char *message) {
    snprintf(last_error, sizeof last_error, "%s", message);
    return -1;
}

#define CHECK(call, expr)                  \
    do {                                   \
        CUresult r_ = (expr);              \
        if (r_ != 0) {                     \
            return fail(call, r_);         \
        }                                  \
    } while (0)

/* Each entry point may run on another host thread: make the one context current there. */
static int current(void) {
    if (!context) {
        return fail_text("tmc_cuda_open was not called or failed");
    }
    CHECK("cuCtxSetCurrent", cu.ctx_set_current(context));
    return 0;
}

#define CURRENT()                  \
    do {                           \
        int c_ = current();        \
        if (c_ != 0) {             \
            return c_;             \
        }                          \
    } while (0)

static int bind(void *lib, void **slot, const char *name) {
    *slot = dlsym(lib, name);
    if (!*slot) {
        snprintf(last_error, sizeof last_error, "libcuda.so.1 has no %s", name);
        return -1;
    }
    return 0;
}

int tmc_cuda_open(int ordinal) {
    if (context) {
        return 0;
    }
    void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(last_error, sizeof last_error, "cannot load libcuda.so.1: %s", dlerror());
        return -1;
    }
    struct {
        void **slot;
        const char *name;
    } table[] = {
        {(void **)&cu.init, "cuInit"},
        {(void **)&cu.device_get, "cuDeviceGet"},
        {(void **)&cu.device_get_name, "cuDeviceGetName"},
        {(void **)&cu.primary_ctx_retain, "cuDevicePrimaryCtxRetain"},
        {(void **)&cu.ctx_set_current, "cuCtxSetCurrent"},
        {(void **)&cu.stream_create, "cuStreamCreate"},
        {(void **)&cu.stream_synchronize, "cuStreamSynchronize"},
        {(void **)&cu.module_load_data, "cuModuleLoadData"},
        {(void **)&cu.module_get_function, "cuModuleGetFunction"},
        {(void **)&cu.mem_alloc, "cuMemAlloc_v2"},
        {(void **)&cu.mem_free, "cuMemFree_v2"},
        {(void **)&cu.memcpy_htod_async, "cuMemcpyHtoDAsync_v2"},
        {(void **)&cu.memcpy_dtoh_async, "cuMemcpyDtoHAsync_v2"},
        {(void **)&cu.memcpy_dtod_async, "cuMemcpyDtoDAsync_v2"},
        {(void **)&cu.memset_d8_async, "cuMemsetD8Async"},
        {(void **)&cu.launch_kernel, "cuLaunchKernel"},
        {(void **)&cu.event_create, "cuEventCreate"},
        {(void **)&cu.event_record, "cuEventRecord"},
        {(void **)&cu.event_synchronize, "cuEventSynchronize"},
        {(void **)&cu.event_elapsed_time, "cuEventElapsedTime"},
        {(void **)&cu.get_error_name, "cuGetErrorName"},
        {(void **)&cu.get_error_string, "cuGetErrorString"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (bind(lib, table[i].slot, table[i].name) != 0) {
            return -1;
        }
    }
    struct {
        void **slot;
        const char *name;
    } graph_table[] = {
        {(void **)&cu.stream_destroy, "cuStreamDestroy_v2"},
        {(void **)&cu.stream_begin_capture, "cuStreamBeginCapture_v2"},
        {(void **)&cu.stream_end_capture, "cuStreamEndCapture"},
        {(void **)&cu.graph_instantiate, "cuGraphInstantiateWithFlags"},
        {(void **)&cu.graph_launch, "cuGraphLaunch"},
        {(void **)&cu.graph_exec_destroy, "cuGraphExecDestroy"},
        {(void **)&cu.graph_destroy, "cuGraphDestroy"},
    };
    graphs = 1;
    for (size_t i = 0; i < sizeof graph_table / sizeof graph_table[0]; i++) {
        *graph_table[i].slot = dlsym(lib, graph_table[i].name);
        graphs = graphs && *graph_table[i].slot;
    }
    CHECK("cuInit", cu.init(0));
    CHECK("cuDeviceGet", cu.device_get(&device, ordinal));
    CUcontext ctx;
    CHECK("cuDevicePrimaryCtxRetain", cu.primary_ctx_retain(&ctx, device));
    CHECK("cuCtxSetCurrent", cu.ctx_set_current(ctx));
    CHECK("cuStreamCreate", cu.stream_create(&stream, CU_STREAM_NON_BLOCKING));
    context = ctx;
    return 0;
}

int tmc_cuda_enter(void) {
    return current();
}

void *tmc_cuda_stream(void) {
    return capturing ? capturing : stream;
}

void *tmc_cuda_open_library(const char *const names[], size_t count, char *why, size_t capacity) {
    size_t used = 0;
    why[0] = 0;
    for (size_t i = 0; i < count; i++) {
        if (!names[i] || !*names[i]) {
            continue;
        }
        void *lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (lib) {
            return lib;
        }
        if (used + 1 < capacity) {
            used += (size_t)snprintf(why + used, capacity - used, "%s%s", used ? "; " : "", dlerror());
        }
    }
    return NULL;
}

int tmc_cuda_fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(last_error, sizeof last_error, format, args);
    va_end(args);
    return -1;
}

const char *tmc_cuda_error(void) {
    return last_error;
}

int tmc_cuda_device_name(char *name, int capacity) {
    CURRENT();
    CHECK("cuDeviceGetName", cu.device_get_name(name, capacity, device));
    return 0;
}

int tmc_cuda_module_load(const void *image, uint64_t *module) {
    CURRENT();
    CUmodule m;
    CHECK("cuModuleLoadData", cu.module_load_data(&m, image));
    *module = (uint64_t)(uintptr_t)m;
    return 0;
}

int tmc_cuda_module_function(uint64_t module, const char *name, uint64_t *function) {
    CURRENT();
    CUfunction f;
    CUresult r = cu.module_get_function(&f, (CUmodule)(uintptr_t)module, name);
    if (r != 0) {
        fail("cuModuleGetFunction", r);
        size_t used = strlen(last_error);
        snprintf(last_error + used, sizeof last_error - used, " for kernel %s", name);
        return r;
    }
    *function = (uint64_t)(uintptr_t)f;
    return 0;
}

int tmc_cuda_alloc(uint64_t bytes, uint64_t *pointer) {
    CURRENT();
    CUdeviceptr p;
    CHECK("cuMemAlloc", cu.mem_alloc(&p, (size_t)bytes));
    *pointer = p;
    return 0;
}

int tmc_cuda_free(uint64_t pointer) {
    CURRENT();
    CHECK("cuMemFree", cu.mem_free((CUdeviceptr)pointer));
    return 0;
}

int tmc_cuda_upload(uint64_t device_ptr, const void *host, uint64_t bytes) {
    CURRENT();
    CHECK("cuMemcpyHtoDAsync", cu.memcpy_htod_async((CUdeviceptr)device_ptr, host, (size_t)bytes, stream));
    /* The host memory is the caller's only until we return. */
    CHECK("cuStreamSynchronize", cu.stream_synchronize(stream));
    return 0;
}

int tmc_cuda_download(void *host, uint64_t device_ptr, uint64_t bytes) {
    CURRENT();
    CHECK("cuMemcpyDtoHAsync", cu.memcpy_dtoh_async(host, (CUdeviceptr)device_ptr, (size_t)bytes, stream));
    CHECK("cuStreamSynchronize", cu.stream_synchronize(stream));
    return 0;
}

int tmc_cuda_zero(uint64_t device_ptr, uint64_t bytes) {
    return tmc_cuda_fill(device_ptr, bytes, 0);
}

int tmc_cuda_fill(uint64_t device_ptr, uint64_t bytes, unsigned char value) {
    CURRENT();
    CHECK("cuMemsetD8Async", cu.memset_d8_async((CUdeviceptr)device_ptr, value, (size_t)bytes, stream));
    return 0;
}

int tmc_cuda_copy(uint64_t to, uint64_t from, uint64_t bytes) {
    CURRENT();
    CHECK("cuMemcpyDtoDAsync", cu.memcpy_dtod_async((CUdeviceptr)to, (CUdeviceptr)from, (size_t)bytes, stream));
    return 0;
}

int tmc_cuda_launch(uint64_t function, uint32_t grid, uint32_t block, int count, uint64_t *args) {
    CURRENT();
    if (count < 0 || count > MAX_ARGS) {
        return fail_text("tmc_cuda_launch: too many kernel arguments");
    }
    void *params[MAX_ARGS];
    for (int i = 0; i < count; i++) {
        params[i] = &args[i];
    }
    CHECK("cuLaunchKernel", cu.launch_kernel((CUfunction)(uintptr_t)function, grid, 1, 1, block, 1, 1, 0,
                                             tmc_cuda_stream(), params, NULL));
    return 0;
}

int tmc_cuda_graphs_available(void) {
    return context && graphs;
}

int tmc_cuda_capture_begin(void) {
    CURRENT();
    if (!graphs) {
        return fail_text("this driver has no CUDA graphs (cuStreamBeginCapture_v2, cuGraphInstantiateWithFlags)");
    }
    if (capturing) {
        return fail_text("tmc_cuda_capture_begin: this thread is capturing already");
    }
    CUstream s;
    CHECK("cuStreamCreate", cu.stream_create(&s, CU_STREAM_NON_BLOCKING));
    CUresult r = cu.stream_begin_capture(s, CU_STREAM_CAPTURE_MODE_THREAD_LOCAL);
    if (r != 0) {
        cu.stream_destroy(s);
        return fail("cuStreamBeginCapture", r);
    }
    capturing = s;
    return 0;
}

int tmc_cuda_capture_end(uint64_t *exec) {
    *exec = 0;
    if (!capturing) {
        return fail_text("tmc_cuda_capture_end: this thread is not capturing");
    }
    CUstream s = capturing;
    capturing = NULL;
    CUgraph graph = NULL;
    CUresult r = cu.stream_end_capture(s, &graph);
    cu.stream_destroy(s);
    if (r != 0) {
        if (graph) {
            cu.graph_destroy(graph);
        }
        return fail("cuStreamEndCapture", r);
    }
    CUgraphExec e;
    r = cu.graph_instantiate(&e, graph, 0);
    cu.graph_destroy(graph);
    if (r != 0) {
        return fail("cuGraphInstantiateWithFlags", r);
    }
    *exec = (uint64_t)(uintptr_t)e;
    return 0;
}

int tmc_cuda_graph_launch(uint64_t exec) {
    CURRENT();
    CHECK("cuGraphLaunch", cu.graph_launch((CUgraphExec)(uintptr_t)exec, stream));
    return 0;
}

int tmc_cuda_graph_destroy(uint64_t exec) {
    CURRENT();
    CHECK("cuGraphExecDestroy", cu.graph_exec_destroy((CUgraphExec)(uintptr_t)exec));
    return 0;
}

int tmc_cuda_synchronize(void) {
    CURRENT();
    CHECK("cuStreamSynchronize", cu.stream_synchronize(stream));
    return 0;
}

int tmc_cuda_event_create(uint64_t *event) {
    CURRENT();
    CUevent e;
    CHECK("cuEventCreate", cu.event_create(&e, CU_EVENT_DEFAULT));
    *event = (uint64_t)(uintptr_t)e;
    return 0;
}

int tmc_cuda_event_record(uint64_t event) {
    CURRENT();
    CHECK("cuEventRecord", cu.event_record((CUevent)(uintptr_t)event, stream));
    return 0;
}

int tmc_cuda_event_elapsed(uint64_t start, uint64_t end, float *milliseconds) {
    CURRENT();
    CHECK("cuEventSynchronize", cu.event_synchronize((CUevent)(uintptr_t)end));
    CHECK("cuEventElapsedTime", cu.event_elapsed_time(milliseconds, (CUevent)(uintptr_t)start,
                                                      (CUevent)(uintptr_t)end));
    return 0;
}
