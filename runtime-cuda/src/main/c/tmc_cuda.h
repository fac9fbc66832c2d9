/* tmc's bridge to the CUDA driver: a plain C API over one context and one stream on one GPU.
 * libcuda.so.1 is opened with dlopen at run time, so building needs no CUDA headers or SDK.
 * Every function returns 0 on success, else a nonzero code whose message tmc_cuda_error() gives.
 * Work is ordered on the one stream; only downloads and tmc_cuda_synchronize wait for it. */
#ifndef TMC_CUDA_H
#define TMC_CUDA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Loads the driver, initialises it and makes the primary context of GPU `ordinal` current. */
int tmc_cuda_open(int ordinal);

/* The last failure's message, e.g. "cuMemAlloc: CUDA_ERROR_OUT_OF_MEMORY (out of memory)". */
const char *tmc_cuda_error(void);

int tmc_cuda_device_name(char *name, int capacity);

/* A module from a fatbin, cubin or PTX image in memory; its functions by name. */
int tmc_cuda_module_load(const void *image, uint64_t *module);
int tmc_cuda_module_function(uint64_t module, const char *name, uint64_t *function);

int tmc_cuda_alloc(uint64_t bytes, uint64_t *pointer);
int tmc_cuda_free(uint64_t pointer);

/* Host to device, ordered after earlier work on the stream; returns once the host memory is read. */
int tmc_cuda_upload(uint64_t device, const void *host, uint64_t bytes);

/* Device to host after all earlier work on the stream: the one place the host waits. */
int tmc_cuda_download(void *host, uint64_t device, uint64_t bytes);

int tmc_cuda_zero(uint64_t device, uint64_t bytes);
/* Sets every byte to `value`, in stream order. */
int tmc_cuda_fill(uint64_t device, uint64_t bytes, unsigned char value);
int tmc_cuda_copy(uint64_t to, uint64_t from, uint64_t bytes);

/* Enqueues `function` on the stream. args[i] holds argument i's bits in its low bytes (little
 * endian: a pointer, an int, a float, a half or a bool alike); nothing waits for it. */
int tmc_cuda_launch(uint64_t function, uint32_t grid, uint32_t block, int count, uint64_t *args);

int tmc_cuda_synchronize(void);

/* CUDA graphs. Between capture_begin and capture_end this thread's launches and matmuls are
 * recorded (on a private stream), not run; capture_end instantiates what was recorded, and
 * graph_launch enqueues all of it on the stream at once. A graph keeps the pointers and argument
 * values it was recorded with. available: 1 where the driver has them. */
int tmc_cuda_graphs_available(void);
int tmc_cuda_capture_begin(void);
int tmc_cuda_capture_end(uint64_t *exec);
int tmc_cuda_graph_launch(uint64_t exec);
/* Frees a graph; one still running is freed when it completes. */
int tmc_cuda_graph_destroy(uint64_t exec);

/* cuBLASLt, opened with dlopen on first use: $TMC_CUBLASLT, else libcublasLt.so.13, .so.12, .so.
 * Returns 1 when it is there, 0 when not (tmc_cuda_error() then says why); never fails otherwise. */
int tmc_cuda_matmul_available(void);

/* D[batch][m][n] = alpha * A @ B (+ bias[n]), row-major and contiguous, f32 accumulation, enqueued
 * on the stream. A is [batch][m][k] ([batch][k][m] with transpose_a), B is [batch][k][n]
 * ([batch][n][k] with transpose_b); bias is 0 for none. dtype: 0 bf16, 1 f16 (A, B, bias, D).
 * The workspace is the caller's until the stream passes this call. Returns 0 on success, 1 when
 * cuBLASLt offers no algorithm for the shape (nothing was enqueued), else a failure. */
int tmc_cuda_matmul(uint64_t a, uint64_t b, uint64_t d, uint64_t bias, int transpose_a, int transpose_b,
                    int64_t batch, int64_t m, int64_t n, int64_t k, float alpha, int dtype,
                    uint64_t workspace, uint64_t workspace_bytes);

/* cuDNN's fused attention, opened with dlopen on first use: $TMC_CUDNN, else libcudnn.so.9.
 * Returns 1 when it is there, 0 when not (tmc_cuda_error() then says why); never fails otherwise. */
int tmc_cuda_attention_available(void);

/* Builds (and caches) cuDNN's plan for the shape without running it, so that a later
 * tmc_cuda_attention of the shape finds it: 0 when there is a plan, 1 when cuDNN has none, else a
 * failure. May run on any thread; attention calls wait while it builds. */
int tmc_cuda_attention_prepare(int64_t heads, int64_t rows, int64_t cols, int64_t e, int dtype);

/* out = softmax(scale * q @ k^T, axis = -1) @ v per head, enqueued on the stream: q and out are
 * [heads][rows][e], k and v [heads][cols][e], row-major and contiguous, 16-byte aligned; f32 scores
 * and accumulation. dtype: 0 bf16, 1 f16. The workspace is the caller's until the stream passes this
 * call. Returns 0 on success, 1 when cuDNN offers no plan for the shape, it needs more workspace or 64
 * other shapes fill the plan cache (nothing was enqueued), else a failure. */
int tmc_cuda_attention(uint64_t q, uint64_t k, uint64_t v, uint64_t out, int64_t heads, int64_t rows, int64_t cols,
                       int64_t e, float scale, int dtype, uint64_t workspace, uint64_t workspace_bytes);

/* The graph and engine configuration behind the last tmc_cuda_attention call, or why it has none. */
const char *tmc_cuda_attention_plan_info(void);

int tmc_cuda_event_create(uint64_t *event);
int tmc_cuda_event_record(uint64_t event);
/* Milliseconds between two recorded events, waiting for the second. */
int tmc_cuda_event_elapsed(uint64_t start, uint64_t end, float *milliseconds);

#ifdef __cplusplus
}
#endif

#endif
