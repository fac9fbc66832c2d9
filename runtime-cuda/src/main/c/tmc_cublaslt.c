/* Matrix products through cuBLASLt, opened with dlopen at first use (no CUDA headers at build time:
 * the few types, enum values and functions are declared here, values as cublasLt.h and
 * library_types.h of CUDA 12/13 give them). One handle; per shape one matmul descriptor, three
 * layouts and the heuristic's first algorithm, cached; every call on the bridge's one stream.
 * One lock guards the library state and the cache: pipelines may be called from any thread. */
#include "tmc_cuda.h"
#include "tmc_cuda_internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int cublasStatus_t;
typedef struct cublasLtContext *cublasLtHandle_t;
typedef struct cublasLtMatmulDescOpaque *cublasLtMatmulDesc_t;
typedef struct cublasLtMatrixLayoutOpaque *cublasLtMatrixLayout_t;
typedef struct cublasLtMatmulPreferenceOpaque *cublasLtMatmulPreference_t;
typedef struct {
    uint64_t data[8];
} cublasLtMatmulAlgo_t;
typedef struct {
    cublasLtMatmulAlgo_t algo;
    size_t workspaceSize;
    cublasStatus_t state;
    float wavesCount;
    int reserved[4];
} cublasLtMatmulHeuristicResult_t;

enum { CUDA_R_32F = 0, CUDA_R_16F = 2, CUDA_R_16BF = 14 };              /* cudaDataType_t */
enum { CUBLAS_COMPUTE_32F = 68 };                                        /* cublasComputeType_t */
enum { CUBLAS_OP_N = 0, CUBLAS_OP_T = 1 };                               /* cublasOperation_t */
enum { CUBLASLT_EPILOGUE_DEFAULT = 1, CUBLASLT_EPILOGUE_BIAS = 4 };     /* cublasLtEpilogue_t */
enum {                                                                   /* cublasLtMatmulDescAttributes_t */
    CUBLASLT_MATMUL_DESC_TRANSA = 3,
    CUBLASLT_MATMUL_DESC_TRANSB = 4,
    CUBLASLT_MATMUL_DESC_EPILOGUE = 7,
    CUBLASLT_MATMUL_DESC_BIAS_POINTER = 8,
};
enum { CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT = 5, CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET = 6 };
enum { CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES = 1 };

static struct {
    cublasStatus_t (*create)(cublasLtHandle_t *);
    cublasStatus_t (*desc_create)(cublasLtMatmulDesc_t *, int, int);
    cublasStatus_t (*desc_set)(cublasLtMatmulDesc_t, int, const void *, size_t);
    cublasStatus_t (*layout_create)(cublasLtMatrixLayout_t *, int, uint64_t, uint64_t, int64_t);
    cublasStatus_t (*layout_set)(cublasLtMatrixLayout_t, int, const void *, size_t);
    cublasStatus_t (*pref_create)(cublasLtMatmulPreference_t *);
    cublasStatus_t (*pref_set)(cublasLtMatmulPreference_t, int, const void *, size_t);
    cublasStatus_t (*heuristic)(cublasLtHandle_t, cublasLtMatmulDesc_t, cublasLtMatrixLayout_t,
                                cublasLtMatrixLayout_t, cublasLtMatrixLayout_t, cublasLtMatrixLayout_t,
                                cublasLtMatmulPreference_t, int, cublasLtMatmulHeuristicResult_t *, int *);
    cublasStatus_t (*matmul)(cublasLtHandle_t, cublasLtMatmulDesc_t, const void *, const void *,
                             cublasLtMatrixLayout_t, const void *, cublasLtMatrixLayout_t, const void *,
                             const void *, cublasLtMatrixLayout_t, void *, cublasLtMatrixLayout_t,
                             const cublasLtMatmulAlgo_t *, void *, size_t, void *);
} lt;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int state; /* 0: not tried, 1: ready, -1: absent */
static char absent[512];
static cublasLtHandle_t handle;

/* One shape's descriptors, found again by key. */
typedef struct {
    int64_t key[9];
    cublasLtMatmulDesc_t desc;
    cublasLtMatrixLayout_t a, b, d;
    cublasLtMatmulAlgo_t algo;
    size_t workspace;
    int found; /* 1: algo holds the heuristic's choice, 0: none exists */
} plan_t;

#define MAX_PLANS 256
static plan_t plans[MAX_PLANS];
static int plan_count;

static void *open_library(void) {
    const char *names[] = {getenv("TMC_CUBLASLT"), "libcublasLt.so.13", "libcublasLt.so.12", "libcublasLt.so"};
    return tmc_cuda_open_library(names, sizeof names / sizeof names[0], absent, sizeof absent);
}

static int load(void) {
    if (state != 0) {
        return state;
    }
    state = -1;
    void *lib = open_library();
    if (!lib) {
        return state;
    }
    struct {
        void **slot;
        const char *name;
    } table[] = {
        {(void **)&lt.create, "cublasLtCreate"},
        {(void **)&lt.desc_create, "cublasLtMatmulDescCreate"},
        {(void **)&lt.desc_set, "cublasLtMatmulDescSetAttribute"},
        {(void **)&lt.layout_create, "cublasLtMatrixLayoutCreate"},
        {(void **)&lt.layout_set, "cublasLtMatrixLayoutSetAttribute"},
        {(void **)&lt.pref_create, "cublasLtMatmulPreferenceCreate"},
        {(void **)&lt.pref_set, "cublasLtMatmulPreferenceSetAttribute"},
        {(void **)&lt.heuristic, "cublasLtMatmulAlgoGetHeuristic"},
        {(void **)&lt.matmul, "cublasLtMatmul"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        *table[i].slot = dlsym(lib, table[i].name);
        if (!*table[i].slot) {
            snprintf(absent, sizeof absent, "libcublasLt has no %s", table[i].name);
            return state;
        }
    }
    if (tmc_cuda_enter() != 0) {
        snprintf(absent, sizeof absent, "%s", tmc_cuda_error());
        return state;
    }
    cublasStatus_t r = lt.create(&handle);
    if (r != 0) {
        snprintf(absent, sizeof absent, "cublasLtCreate: status %d", r);
        return state;
    }
    state = 1;
    return state;
}

static plan_t *plan_for(int transpose_a, int transpose_b, int64_t batch, int64_t m, int64_t n, int64_t k,
                        int bias, int type, uint64_t workspace_bytes);

int tmc_cuda_matmul_available(void) {
    pthread_mutex_lock(&lock);
    int ready = load() == 1;
    if (!ready) {
        tmc_cuda_fail("cuBLASLt unavailable: %s", absent);
    } else if (plan_count == 0 && tmc_cuda_enter() == 0) {
        /* cuBLASLt's first heuristic query, whatever its shape, sets up the library's heuristics:
           about 100 ms on an H100 (a pipeline's first product then took 110-130 ms, 0.4 ms of it its
           own query). Asked here, where the library is opened off the calls' path. */
        plan_for(0, 0, 1, 64, 64, 64, 0, CUDA_R_16BF, 0);
    }
    pthread_mutex_unlock(&lock);
    return ready;
}

#define LT(call, expr)                                                    \
    do {                                                                  \
        cublasStatus_t r_ = (expr);                                       \
        if (r_ != 0) {                                                    \
            return tmc_cuda_fail("%s: cuBLAS status %d", call, r_);       \
        }                                                                 \
    } while (0)

/* A row-major [rows][cols] matrix per batch entry is column-major cols x rows with ld = cols. */
static int layout(cublasLtMatrixLayout_t *out, int type, int64_t rows, int64_t cols, int64_t batch) {
    LT("cublasLtMatrixLayoutCreate", lt.layout_create(out, type, (uint64_t)cols, (uint64_t)rows, cols));
    int32_t count = (int32_t)batch;
    int64_t stride = rows * cols;
    LT("cublasLtMatrixLayoutSetAttribute", lt.layout_set(*out, CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT, &count,
                                                         sizeof count));
    LT("cublasLtMatrixLayoutSetAttribute", lt.layout_set(*out, CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET,
                                                         &stride, sizeof stride));
    return 0;
}

/*
 * Column-major, row-major D = A B is D^T = B^T A^T: cuBLASLt's first operand is our B (n x k after
 * its op), its second our A (k x m), its output D^T (n x m), and a bias of n entries runs along
 * its rows, as cuBLASLt's BIAS epilogue wants.
 */
static int build(plan_t *p, int transpose_a, int transpose_b, int64_t batch, int64_t m, int64_t n, int64_t k,
                 int bias, int type, uint64_t workspace_bytes) {
    LT("cublasLtMatmulDescCreate", lt.desc_create(&p->desc, CUBLAS_COMPUTE_32F, CUDA_R_32F));
    int32_t op_first = transpose_b ? CUBLAS_OP_T : CUBLAS_OP_N;
    int32_t op_second = transpose_a ? CUBLAS_OP_T : CUBLAS_OP_N;
    uint32_t epilogue = bias ? CUBLASLT_EPILOGUE_BIAS : CUBLASLT_EPILOGUE_DEFAULT;
    LT("cublasLtMatmulDescSetAttribute", lt.desc_set(p->desc, CUBLASLT_MATMUL_DESC_TRANSA, &op_first,
                                                     sizeof op_first));
    LT("cublasLtMatmulDescSetAttribute", lt.desc_set(p->desc, CUBLASLT_MATMUL_DESC_TRANSB, &op_second,
                                                     sizeof op_second));
    LT("cublasLtMatmulDescSetAttribute", lt.desc_set(p->desc, CUBLASLT_MATMUL_DESC_EPILOGUE, &epilogue,
                                                     sizeof epilogue));
    /* Stored shapes, row-major: B is [k][n] or [n][k]; A is [m][k] or [k][m]. */
    if (layout(&p->a, type, transpose_b ? n : k, transpose_b ? k : n, batch) != 0
        || layout(&p->b, type, transpose_a ? k : m, transpose_a ? m : k, batch) != 0
        || layout(&p->d, type, m, n, batch) != 0) {
        return -1;
    }
    cublasLtMatmulPreference_t pref;
    LT("cublasLtMatmulPreferenceCreate", lt.pref_create(&pref));
    LT("cublasLtMatmulPreferenceSetAttribute", lt.pref_set(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES,
                                                           &workspace_bytes, sizeof workspace_bytes));
    cublasLtMatmulHeuristicResult_t result;
    int returned = 0;
    cublasStatus_t r = lt.heuristic(handle, p->desc, p->a, p->b, p->d, p->d, pref, 1, &result, &returned);
    p->found = r == 0 && returned > 0;
    if (p->found) {
        p->algo = result.algo;
        p->workspace = result.workspaceSize;
    }
    return 0; /* the preference is small and kept: plans live as long as the process */
}

static int matmul(uint64_t a, uint64_t b, uint64_t d, uint64_t bias, int transpose_a, int transpose_b,
                  int64_t batch, int64_t m, int64_t n, int64_t k, float alpha, int dtype,
                  uint64_t workspace, uint64_t workspace_bytes);

int tmc_cuda_matmul(uint64_t a, uint64_t b, uint64_t d, uint64_t bias, int transpose_a, int transpose_b,
                    int64_t batch, int64_t m, int64_t n, int64_t k, float alpha, int dtype,
                    uint64_t workspace, uint64_t workspace_bytes) {
    pthread_mutex_lock(&lock);
    int status = matmul(a, b, d, bias, transpose_a, transpose_b, batch, m, n, k, alpha, dtype, workspace,
                        workspace_bytes);
    pthread_mutex_unlock(&lock);
    return status;
}

static int matmul(uint64_t a, uint64_t b, uint64_t d, uint64_t bias, int transpose_a, int transpose_b,
                  int64_t batch, int64_t m, int64_t n, int64_t k, float alpha, int dtype,
                  uint64_t workspace, uint64_t workspace_bytes) {
    if (load() != 1) {
        return tmc_cuda_fail("cuBLASLt unavailable: %s", absent);
    }
    int c = tmc_cuda_enter();
    if (c != 0) {
        return c;
    }
    int type = dtype == 0 ? CUDA_R_16BF : CUDA_R_16F;
    plan_t *p = plan_for(transpose_a, transpose_b, batch, m, n, k, bias != 0, type, workspace_bytes);
    if (!p) {
        return -1;
    }
    if (!p->found) {
        return 1;
    }
    if (bias) {
        const void *pointer = (const void *)(uintptr_t)bias;
        LT("cublasLtMatmulDescSetAttribute", lt.desc_set(p->desc, CUBLASLT_MATMUL_DESC_BIAS_POINTER, &pointer,
                                                         sizeof pointer));
    }
    float beta = 0;
    LT("cublasLtMatmul", lt.matmul(handle, p->desc, &alpha, (const void *)(uintptr_t)b, p->a,
                                   (const void *)(uintptr_t)a, p->b, &beta, (const void *)(uintptr_t)d, p->d,
                                   (void *)(uintptr_t)d, p->d, &p->algo, (void *)(uintptr_t)workspace,
                                   p->workspace, tmc_cuda_stream()));
    return 0;
}

/* The shape's plan from the cache, built (and its heuristic asked) on first use; NULL with the error
   set where it cannot be built (not kept: the next call tries again and reports again). */
static plan_t *plan_for(int transpose_a, int transpose_b, int64_t batch, int64_t m, int64_t n, int64_t k,
                        int bias, int type, uint64_t workspace_bytes) {
    int64_t key[9] = {transpose_a, transpose_b, batch, m, n, k, bias, type, (int64_t)workspace_bytes};
    for (int i = 0; i < plan_count; i++) {
        if (memcmp(plans[i].key, key, sizeof key) == 0) {
            return &plans[i];
        }
    }
    if (plan_count == MAX_PLANS) {
        tmc_cuda_fail("tmc_cuda_matmul: more than %d matmul shapes", MAX_PLANS);
        return NULL;
    }
    plan_t *p = &plans[plan_count];
    memset(p, 0, sizeof *p);
    memcpy(p->key, key, sizeof key);
    if (build(p, transpose_a, transpose_b, batch, m, n, k, bias, type, workspace_bytes) != 0) {
        return NULL;
    }
    plan_count++;
    return p;
}
