/* Fused attention through cuDNN's backend API, opened with dlopen at first use (no cuDNN headers at
 * build time: the few types, enum values and functions are declared here, values as cuDNN 9's
 * cudnn_graph.h gives them; the SDPA node's, added in 9.13, as its later headers do). One handle on
 * the bridge's stream; per shape one operation graph, the first engine configuration of the
 * heuristics that finalizes, and its execution plan, cached. One lock guards library state and cache. */
#include "tmc_cuda.h"
#include "tmc_cuda_internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int cudnnStatus_t;
typedef void *cudnnHandle_t;
typedef void *desc_t;

enum { DATA_FLOAT = 0, DATA_HALF = 2, DATA_BFLOAT16 = 9 };               /* cudnnDataType_t */
enum { PW_MUL = 1, PW_DIV = 6, PW_SUB = 9, PW_EXP = 13 };                /* cudnnPointwiseMode_t */
enum { REDUCE_ADD = 0, REDUCE_MAX = 3 };                                 /* cudnnReduceTensorOp_t */
enum { HEUR_INSTANT = 0, HEUR_B = 1, HEUR_FALLBACK = 2, HEUR_A = 3 };   /* cudnnBackendHeurMode_t */
enum {                                                                   /* cudnnBackendAttributeType_t */
    TYPE_HANDLE = 0,
    TYPE_DATA_TYPE = 1,
    TYPE_BOOLEAN = 2,
    TYPE_INT64 = 3,
    TYPE_VOID_PTR = 6,
    TYPE_HEUR_MODE = 8,
    TYPE_POINTWISE_MODE = 14,
    TYPE_BACKEND_DESCRIPTOR = 15,
    TYPE_REDUCTION_OPERATOR = 18,
};
enum {                                                                   /* cudnnBackendDescriptorType_t */
    D_POINTWISE = 0,
    D_ENGINECFG = 3,
    D_ENGINEHEUR = 4,
    D_EXECUTION_PLAN = 5,
    D_OP_POINTWISE = 13,
    D_OPERATIONGRAPH = 15,
    D_VARIANT_PACK = 16,
    D_TENSOR = 17,
    D_MATMUL = 18,
    D_OP_MATMUL = 19,
    D_REDUCTION = 21,
    D_OP_REDUCTION = 22,
    D_OP_SDPA_FWD = 41, /* since 9.13 */
};
enum {                                                                   /* cudnnBackendAttributeName_t */
    A_POINTWISE_MODE = 0,
    A_POINTWISE_MATH_PREC = 1,
    A_ENGINEHEUR_MODE = 200,
    A_ENGINEHEUR_OPERATION_GRAPH = 201,
    A_ENGINEHEUR_RESULTS = 202,
    A_EXECUTION_PLAN_HANDLE = 400,
    A_EXECUTION_PLAN_ENGINE_CONFIG = 401,
    A_EXECUTION_PLAN_WORKSPACE_SIZE = 402,
    A_OP_POINTWISE_PW_DESCRIPTOR = 750,
    A_OP_POINTWISE_XDESC = 751,
    A_OP_POINTWISE_BDESC = 752,
    A_OP_POINTWISE_YDESC = 753,
    A_OPERATIONGRAPH_HANDLE = 800,
    A_OPERATIONGRAPH_OPS = 801,
    A_TENSOR_BYTE_ALIGNMENT = 900,
    A_TENSOR_DATA_TYPE = 901,
    A_TENSOR_DIMENSIONS = 902,
    A_TENSOR_STRIDES = 903,
    A_TENSOR_UNIQUE_ID = 906,
    A_TENSOR_IS_VIRTUAL = 907,
    A_TENSOR_IS_BY_VALUE = 908,
    A_VARIANT_PACK_UNIQUE_IDS = 1000,
    A_VARIANT_PACK_DATA_POINTERS = 1001,
    A_VARIANT_PACK_WORKSPACE = 1003,
    A_MATMUL_COMP_TYPE = 1500,
    A_OP_MATMUL_ADESC = 1520,
    A_OP_MATMUL_BDESC = 1521,
    A_OP_MATMUL_CDESC = 1522,
    A_OP_MATMUL_DESC = 1523,
    A_REDUCTION_OPERATOR = 1600,
    A_REDUCTION_COMP_TYPE = 1601,
    A_OP_REDUCTION_XDESC = 1610,
    A_OP_REDUCTION_YDESC = 1611,
    A_OP_REDUCTION_DESC = 1612,
    A_OP_SDPA_FWD_QDESC = 2800,
    A_OP_SDPA_FWD_KDESC = 2801,
    A_OP_SDPA_FWD_VDESC = 2802,
    A_OP_SDPA_FWD_ODESC = 2803,
    A_OP_SDPA_FWD_SCALEDESC = 2805,
};
enum { UID_Q = 1, UID_K = 2, UID_V = 3, UID_O = 4, UID_SCALE = 5 };

static struct {
    size_t (*version)(void);
    cudnnStatus_t (*create)(cudnnHandle_t *);
    cudnnStatus_t (*set_stream)(cudnnHandle_t, void *);
    cudnnStatus_t (*create_desc)(int, desc_t *);
    cudnnStatus_t (*destroy_desc)(desc_t);
    cudnnStatus_t (*finalize)(desc_t);
    cudnnStatus_t (*set)(desc_t, int, int, int64_t, const void *);
    cudnnStatus_t (*get)(desc_t, int, int, int64_t, int64_t *, void *);
    cudnnStatus_t (*execute)(cudnnHandle_t, desc_t, desc_t);
    void (*last_error)(char *, size_t);
} dnn;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int state; /* 0: not tried, 1: ready, -1: absent */
static char absent[512];
static cudnnHandle_t handle;

/* The descriptors one plan was built from: cuDNN reads them while the plan lives. */
#define MAX_DESCS 64
typedef struct {
    desc_t items[MAX_DESCS];
    int count;
} descs_t;

/* One shape's plan, found again by key. */
typedef struct {
    int64_t key[6];
    desc_t plan;
    int64_t workspace;
    int found; /* 1: plan is executable, 0: cuDNN offers none for the shape */
    char info[160];
    desc_t pack;          /* the last call's variant pack, or NULL */
    uint64_t pointers[5]; /* its q, k, v, out and workspace */
    float scale;          /* the scale it points to */
} plan_t;

#define MAX_PLANS 64
static plan_t plans[MAX_PLANS];
static int plan_count;
static char last_info[160];

static void *open_library(void) {
    const char *names[] = {getenv("TMC_CUDNN"), "libcudnn.so.9"};
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
        {(void **)&dnn.version, "cudnnGetVersion"},
        {(void **)&dnn.create, "cudnnCreate"},
        {(void **)&dnn.set_stream, "cudnnSetStream"},
        {(void **)&dnn.create_desc, "cudnnBackendCreateDescriptor"},
        {(void **)&dnn.destroy_desc, "cudnnBackendDestroyDescriptor"},
        {(void **)&dnn.finalize, "cudnnBackendFinalize"},
        {(void **)&dnn.set, "cudnnBackendSetAttribute"},
        {(void **)&dnn.get, "cudnnBackendGetAttribute"},
        {(void **)&dnn.execute, "cudnnBackendExecute"},
        {(void **)&dnn.last_error, "cudnnGetLastErrorString"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        *table[i].slot = dlsym(lib, table[i].name);
        if (!*table[i].slot) {
            snprintf(absent, sizeof absent, "libcudnn has no %s", table[i].name);
            return state;
        }
    }
    if (dnn.version() < 90000) {
        snprintf(absent, sizeof absent, "cuDNN %zu is older than 9", dnn.version());
        return state;
    }
    if (tmc_cuda_enter() != 0) {
        snprintf(absent, sizeof absent, "%s", tmc_cuda_error());
        return state;
    }
    cudnnStatus_t r = dnn.create(&handle);
    if (r == 0) {
        r = dnn.set_stream(handle, tmc_cuda_stream());
    }
    if (r != 0) {
        char detail[256] = "";
        dnn.last_error(detail, sizeof detail);
        snprintf(absent, sizeof absent, "cudnnCreate: status %d %s", r, detail);
        return state;
    }
    state = 1;
    return state;
}

int tmc_cuda_attention_available(void) {
    pthread_mutex_lock(&lock);
    int ready = load() == 1;
    if (!ready) {
        tmc_cuda_fail("cuDNN unavailable: %s", absent);
    }
    pthread_mutex_unlock(&lock);
    return ready;
}

const char *tmc_cuda_attention_plan_info(void) {
    return last_info;
}

/* A failed step while building a graph: records why (cuDNN's own message included) and returns -1. */
static char why[512];
static int dnn_fail(const char *step, cudnnStatus_t r) {
    char detail[384] = "";
    dnn.last_error(detail, sizeof detail);
    snprintf(why, sizeof why, "%s: status %d%s%s", step, r, *detail ? ": " : "", detail);
    return -1;
}

#define DNN(step, expr)                      \
    do {                                     \
        cudnnStatus_t r_ = (expr);           \
        if (r_ != 0) {                       \
            return dnn_fail(step, r_);       \
        }                                    \
    } while (0)

static int make(descs_t *keep, int type, desc_t *out) {
    if (keep->count == MAX_DESCS) {
        snprintf(why, sizeof why, "more than %d descriptors", MAX_DESCS);
        return -1;
    }
    DNN("cudnnBackendCreateDescriptor", dnn.create_desc(type, out));
    keep->items[keep->count++] = *out;
    return 0;
}

static int set_desc(desc_t d, int name, desc_t value) {
    DNN("cudnnBackendSetAttribute", dnn.set(d, name, TYPE_BACKEND_DESCRIPTOR, 1, &value));
    return 0;
}

static int tensor(descs_t *keep, desc_t *out, int64_t uid, int type, const int64_t dims[4], const int64_t strides[4],
                  int is_virtual, int by_value) {
    if (make(keep, D_TENSOR, out) != 0) {
        return -1;
    }
    int64_t alignment = 16;
    uint8_t virt = (uint8_t)is_virtual, value = 1;
    DNN("tensor data type", dnn.set(*out, A_TENSOR_DATA_TYPE, TYPE_DATA_TYPE, 1, &type));
    DNN("tensor dims", dnn.set(*out, A_TENSOR_DIMENSIONS, TYPE_INT64, 4, dims));
    DNN("tensor strides", dnn.set(*out, A_TENSOR_STRIDES, TYPE_INT64, 4, strides));
    DNN("tensor uid", dnn.set(*out, A_TENSOR_UNIQUE_ID, TYPE_INT64, 1, &uid));
    DNN("tensor alignment", dnn.set(*out, A_TENSOR_BYTE_ALIGNMENT, TYPE_INT64, 1, &alignment));
    DNN("tensor virtual", dnn.set(*out, A_TENSOR_IS_VIRTUAL, TYPE_BOOLEAN, 1, &virt));
    if (by_value) {
        DNN("tensor by value", dnn.set(*out, A_TENSOR_IS_BY_VALUE, TYPE_BOOLEAN, 1, &value));
    }
    DNN("tensor finalize", dnn.finalize(*out));
    return 0;
}

static int pointwise(descs_t *keep, desc_t *op, int mode, desc_t x, desc_t b, desc_t y) {
    desc_t pw;
    int prec = DATA_FLOAT;
    if (make(keep, D_POINTWISE, &pw) != 0) {
        return -1;
    }
    DNN("pointwise mode", dnn.set(pw, A_POINTWISE_MODE, TYPE_POINTWISE_MODE, 1, &mode));
    DNN("pointwise precision", dnn.set(pw, A_POINTWISE_MATH_PREC, TYPE_DATA_TYPE, 1, &prec));
    DNN("pointwise finalize", dnn.finalize(pw));
    if (make(keep, D_OP_POINTWISE, op) != 0 || set_desc(*op, A_OP_POINTWISE_PW_DESCRIPTOR, pw) != 0
        || set_desc(*op, A_OP_POINTWISE_XDESC, x) != 0 || (b && set_desc(*op, A_OP_POINTWISE_BDESC, b) != 0)
        || set_desc(*op, A_OP_POINTWISE_YDESC, y) != 0) {
        return -1;
    }
    DNN("pointwise op finalize", dnn.finalize(*op));
    return 0;
}

static int reduction(descs_t *keep, desc_t *op, int mode, desc_t x, desc_t y) {
    desc_t r;
    int prec = DATA_FLOAT;
    if (make(keep, D_REDUCTION, &r) != 0) {
        return -1;
    }
    DNN("reduction operator", dnn.set(r, A_REDUCTION_OPERATOR, TYPE_REDUCTION_OPERATOR, 1, &mode));
    DNN("reduction precision", dnn.set(r, A_REDUCTION_COMP_TYPE, TYPE_DATA_TYPE, 1, &prec));
    DNN("reduction finalize", dnn.finalize(r));
    if (make(keep, D_OP_REDUCTION, op) != 0 || set_desc(*op, A_OP_REDUCTION_DESC, r) != 0
        || set_desc(*op, A_OP_REDUCTION_XDESC, x) != 0 || set_desc(*op, A_OP_REDUCTION_YDESC, y) != 0) {
        return -1;
    }
    DNN("reduction op finalize", dnn.finalize(*op));
    return 0;
}

static int matmul(descs_t *keep, desc_t *op, desc_t a, desc_t b, desc_t c) {
    desc_t m;
    int prec = DATA_FLOAT;
    if (make(keep, D_MATMUL, &m) != 0) {
        return -1;
    }
    DNN("matmul precision", dnn.set(m, A_MATMUL_COMP_TYPE, TYPE_DATA_TYPE, 1, &prec));
    DNN("matmul finalize", dnn.finalize(m));
    if (make(keep, D_OP_MATMUL, op) != 0 || set_desc(*op, A_OP_MATMUL_ADESC, a) != 0
        || set_desc(*op, A_OP_MATMUL_BDESC, b) != 0 || set_desc(*op, A_OP_MATMUL_CDESC, c) != 0
        || set_desc(*op, A_OP_MATMUL_DESC, m) != 0) {
        return -1;
    }
    DNN("matmul op finalize", dnn.finalize(*op));
    return 0;
}

/*
 * The operation graph of out = softmax(scale * q @ k^T) @ v over [1, heads, rows|cols, e] tensors.
 * unified: the one SDPA node of cuDNN >= 9.13 (what cudnn-frontend builds first); else the
 * composite graph older runtimes' fused engines recognise: matmul, scale, max, sub, exp, sum, div,
 * matmul, the scores and probabilities virtual f32 tensors.
 */
static int graph(descs_t *keep, desc_t *out, int unified, int type, int64_t heads, int64_t rows, int64_t cols,
                 int64_t e) {
    desc_t q, k, v, o, scale, ops[8];
    int count;
    int64_t qd[4] = {1, heads, rows, e}, qs[4] = {heads * rows * e, rows * e, e, 1};
    int64_t kd[4] = {1, heads, cols, e}, ks[4] = {heads * cols * e, cols * e, e, 1};
    int64_t one[4] = {1, 1, 1, 1};
    if (tensor(keep, &q, UID_Q, type, qd, qs, 0, 0) != 0 || tensor(keep, &v, UID_V, type, kd, ks, 0, 0) != 0
        || tensor(keep, &o, UID_O, type, qd, qs, 0, 0) != 0
        || tensor(keep, &scale, UID_SCALE, DATA_FLOAT, one, one, 0, 1) != 0) {
        return -1;
    }
    if (unified) {
        if (tensor(keep, &k, UID_K, type, kd, ks, 0, 0) != 0 || make(keep, D_OP_SDPA_FWD, &ops[0]) != 0
            || set_desc(ops[0], A_OP_SDPA_FWD_QDESC, q) != 0 || set_desc(ops[0], A_OP_SDPA_FWD_KDESC, k) != 0
            || set_desc(ops[0], A_OP_SDPA_FWD_VDESC, v) != 0 || set_desc(ops[0], A_OP_SDPA_FWD_ODESC, o) != 0
            || set_desc(ops[0], A_OP_SDPA_FWD_SCALEDESC, scale) != 0) {
            return -1;
        }
        DNN("sdpa op finalize", dnn.finalize(ops[0]));
        count = 1;
    } else {
        /* k^T as a [e, cols] view of the row-major [cols, e] k. */
        int64_t ktd[4] = {1, heads, e, cols}, kts[4] = {heads * cols * e, cols * e, 1, e};
        int64_t sd[4] = {1, heads, rows, cols}, ss[4] = {heads * rows * cols, rows * cols, cols, 1};
        int64_t rd[4] = {1, heads, rows, 1}, rs[4] = {heads * rows, rows, 1, 1};
        desc_t kt, s, s2, mx, sub, ex, sum, p;
        if (tensor(keep, &kt, UID_K, type, ktd, kts, 0, 0) != 0 || tensor(keep, &s, 100, DATA_FLOAT, sd, ss, 1, 0) != 0
            || tensor(keep, &s2, 101, DATA_FLOAT, sd, ss, 1, 0) != 0
            || tensor(keep, &mx, 102, DATA_FLOAT, rd, rs, 1, 0) != 0
            || tensor(keep, &sub, 103, DATA_FLOAT, sd, ss, 1, 0) != 0
            || tensor(keep, &ex, 104, DATA_FLOAT, sd, ss, 1, 0) != 0
            || tensor(keep, &sum, 105, DATA_FLOAT, rd, rs, 1, 0) != 0
            || tensor(keep, &p, 106, DATA_FLOAT, sd, ss, 1, 0) != 0 || matmul(keep, &ops[0], q, kt, s) != 0
            || pointwise(keep, &ops[1], PW_MUL, s, scale, s2) != 0 || reduction(keep, &ops[2], REDUCE_MAX, s2, mx) != 0
            || pointwise(keep, &ops[3], PW_SUB, s2, mx, sub) != 0
            || pointwise(keep, &ops[4], PW_EXP, sub, NULL, ex) != 0
            || reduction(keep, &ops[5], REDUCE_ADD, ex, sum) != 0 || pointwise(keep, &ops[6], PW_DIV, ex, sum, p) != 0
            || matmul(keep, &ops[7], p, v, o) != 0) {
            return -1;
        }
        count = 8;
    }
    if (make(keep, D_OPERATIONGRAPH, out) != 0) {
        return -1;
    }
    DNN("graph ops", dnn.set(*out, A_OPERATIONGRAPH_OPS, TYPE_BACKEND_DESCRIPTOR, count, ops));
    DNN("graph handle", dnn.set(*out, A_OPERATIONGRAPH_HANDLE, TYPE_HANDLE, 1, &handle));
    DNN("graph finalize", dnn.finalize(*out));
    return 0;
}

/* The first engine configuration, by heuristics A then FALLBACK, whose plan finalizes. */
#define MAX_CONFIGS 16
static int choose(descs_t *keep, desc_t g, plan_t *p) {
    int modes[] = {HEUR_A, HEUR_FALLBACK};
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        desc_t heur;
        if (make(keep, D_ENGINEHEUR, &heur) != 0 || set_desc(heur, A_ENGINEHEUR_OPERATION_GRAPH, g) != 0) {
            return -1;
        }
        DNN("heuristics mode", dnn.set(heur, A_ENGINEHEUR_MODE, TYPE_HEUR_MODE, 1, &modes[m]));
        cudnnStatus_t r = dnn.finalize(heur);
        if (r != 0) {
            dnn_fail("heuristics finalize", r);
            continue;
        }
        desc_t configs[MAX_CONFIGS];
        for (int i = 0; i < MAX_CONFIGS; i++) {
            if (make(keep, D_ENGINECFG, &configs[i]) != 0) {
                return -1;
            }
        }
        int64_t returned = 0;
        r = dnn.get(heur, A_ENGINEHEUR_RESULTS, TYPE_BACKEND_DESCRIPTOR, MAX_CONFIGS, &returned, configs);
        if (r != 0) {
            dnn_fail("heuristics results", r);
            continue;
        }
        for (int64_t i = 0; i < returned && i < MAX_CONFIGS; i++) {
            desc_t plan;
            if (dnn.create_desc(D_EXECUTION_PLAN, &plan) != 0) {
                continue;
            }
            r = dnn.set(plan, A_EXECUTION_PLAN_HANDLE, TYPE_HANDLE, 1, &handle);
            if (r == 0) {
                r = dnn.set(plan, A_EXECUTION_PLAN_ENGINE_CONFIG, TYPE_BACKEND_DESCRIPTOR, 1, &configs[i]);
            }
            if (r == 0) {
                r = dnn.finalize(plan);
            }
            int64_t n = 0;
            if (r == 0) {
                r = dnn.get(plan, A_EXECUTION_PLAN_WORKSPACE_SIZE, TYPE_INT64, 1, &n, &p->workspace);
            }
            if (r != 0) {
                dnn_fail("execution plan", r);
                dnn.destroy_desc(plan);
                continue;
            }
            p->plan = plan;
            p->found = 1;
            snprintf(p->info + strlen(p->info), sizeof p->info - strlen(p->info),
                     ", heuristics %s, configuration %d of %d, workspace %lld B", modes[m] == HEUR_A ? "A" : "fallback",
                     (int)i, (int)returned, (long long)p->workspace);
            return 0;
        }
    }
    return 0;
}

static void release(descs_t *keep) {
    for (int i = 0; i < keep->count; i++) {
        dnn.destroy_desc(keep->items[i]);
    }
    keep->count = 0;
}

/* Builds p for its key: the unified graph where the runtime has it, else the composite one. */
static void build(plan_t *p, int type, int64_t heads, int64_t rows, int64_t cols, int64_t e) {
    char reasons[sizeof why * 2] = "";
    for (int unified = dnn.version() >= 91300 ? 1 : 0; unified >= 0 && !p->found; unified--) {
        descs_t *keep = calloc(1, sizeof *keep);
        desc_t g;
        snprintf(p->info, sizeof p->info, "cuDNN %zu, %s graph", dnn.version(), unified ? "sdpa" : "composite");
        why[0] = 0;
        if (keep && graph(keep, &g, unified, type, heads, rows, cols, e) == 0) {
            choose(keep, g, p);
        }
        if (!p->found) {
            size_t used = strlen(reasons);
            snprintf(reasons + used, sizeof reasons - used, "%s%s graph: %s", used ? "; " : "",
                     unified ? "sdpa" : "composite", *why ? why : "no engine configuration");
            if (keep) {
                release(keep);
            }
            free(keep);
        }
        /* A found plan keeps its descriptors for the life of the process, as the plan cache does. */
    }
    if (!p->found) {
        snprintf(p->info, sizeof p->info, "%.150s", reasons);
    }
}

/* A variant pack binding p's tensors to q, k, v, out, p->scale and the workspace. */
static int pack(plan_t *p, const uint64_t pointers[5]) {
    int64_t uids[5] = {UID_Q, UID_K, UID_V, UID_O, UID_SCALE};
    void *data[5] = {(void *)(uintptr_t)pointers[0], (void *)(uintptr_t)pointers[1], (void *)(uintptr_t)pointers[2],
                     (void *)(uintptr_t)pointers[3], &p->scale};
    void *space = (void *)(uintptr_t)pointers[4];
    desc_t d;
    DNN("variant pack", dnn.create_desc(D_VARIANT_PACK, &d));
    cudnnStatus_t r = dnn.set(d, A_VARIANT_PACK_UNIQUE_IDS, TYPE_INT64, 5, uids);
    if (r == 0) {
        r = dnn.set(d, A_VARIANT_PACK_DATA_POINTERS, TYPE_VOID_PTR, 5, data);
    }
    if (r == 0) {
        r = dnn.set(d, A_VARIANT_PACK_WORKSPACE, TYPE_VOID_PTR, 1, &space);
    }
    if (r == 0) {
        r = dnn.finalize(d);
    }
    if (r != 0) {
        dnn.destroy_desc(d);
        return dnn_fail("variant pack", r);
    }
    p->pack = d;
    memcpy(p->pointers, pointers, sizeof p->pointers);
    return 0;
}

/* The shape's plan from the cache, built on first use (the heuristics and the plan's finalization:
 * hundreds of milliseconds); NULL past the cache's size, with last_info saying so. */
static plan_t *plan_for(int64_t heads, int64_t rows, int64_t cols, int64_t e, int dtype) {
    int type = dtype == 0 ? DATA_BFLOAT16 : DATA_HALF;
    int64_t key[6] = {heads, rows, cols, e, type, 0};
    for (int i = 0; i < plan_count; i++) {
        if (memcmp(plans[i].key, key, sizeof key) == 0) {
            return &plans[i];
        }
    }
    if (plan_count == MAX_PLANS) { /* the fused kernel serves the shapes past the cache */
        snprintf(last_info, sizeof last_info, "more than %d attention shapes", MAX_PLANS);
        return NULL;
    }
    plan_t *p = &plans[plan_count++];
    memset(p, 0, sizeof *p);
    memcpy(p->key, key, sizeof key);
    build(p, type, heads, rows, cols, e);
    return p;
}

int tmc_cuda_attention_prepare(int64_t heads, int64_t rows, int64_t cols, int64_t e, int dtype) {
    pthread_mutex_lock(&lock);
    int status;
    if (load() != 1) {
        status = tmc_cuda_fail("cuDNN unavailable: %s", absent);
    } else if ((status = tmc_cuda_enter()) == 0) {
        plan_t *p = plan_for(heads, rows, cols, e, dtype);
        status = p && p->found ? 0 : 1;
    }
    pthread_mutex_unlock(&lock);
    return status;
}

static int attention(uint64_t q, uint64_t k, uint64_t v, uint64_t out, int64_t heads, int64_t rows, int64_t cols,
                     int64_t e, float scale, int dtype, uint64_t workspace, uint64_t workspace_bytes) {
    if (load() != 1) {
        return tmc_cuda_fail("cuDNN unavailable: %s", absent);
    }
    int c = tmc_cuda_enter();
    if (c != 0) {
        return c;
    }
    plan_t *p = plan_for(heads, rows, cols, e, dtype);
    if (!p) {
        return 1;
    }
    snprintf(last_info, sizeof last_info, "%s", p->info);
    if (!p->found || (uint64_t)p->workspace > workspace_bytes) {
        return 1;
    }
    /* The pack of the last call, reused while the pointers stay (the pool hands the same blocks back
     * call after call): building one costs host time the GPU may otherwise wait for. The scale is
     * read through its pointer when the plan executes. */
    uint64_t pointers[5] = {q, k, v, out, workspace};
    if (!p->pack || memcmp(p->pointers, pointers, sizeof pointers) != 0) {
        if (p->pack) {
            dnn.destroy_desc(p->pack);
            p->pack = NULL;
        }
        if (pack(p, pointers) != 0) {
            return tmc_cuda_fail("cuDNN attention: %s", why);
        }
    }
    p->scale = scale;
    /* The bridge's stream, or this thread's capture stream while a CUDA graph is recorded. */
    static void *handle_stream;
    if (tmc_cuda_stream() != handle_stream) {
        cudnnStatus_t s = dnn.set_stream(handle, tmc_cuda_stream());
        if (s != 0) {
            dnn_fail("cudnnSetStream", s);
            return tmc_cuda_fail("cuDNN attention: %s", why);
        }
        handle_stream = tmc_cuda_stream();
    }
    cudnnStatus_t r = dnn.execute(handle, p->plan, p->pack);
    if (r != 0) {
        dnn_fail("cudnnBackendExecute", r);
        return tmc_cuda_fail("cuDNN attention: %s", why);
    }
    return 0;
}

int tmc_cuda_attention(uint64_t q, uint64_t k, uint64_t v, uint64_t out, int64_t heads, int64_t rows, int64_t cols,
                       int64_t e, float scale, int dtype, uint64_t workspace, uint64_t workspace_bytes) {
    pthread_mutex_lock(&lock);
    int status = attention(q, k, v, out, heads, rows, cols, e, scale, dtype, workspace, workspace_bytes);
    pthread_mutex_unlock(&lock);
    return status;
}
