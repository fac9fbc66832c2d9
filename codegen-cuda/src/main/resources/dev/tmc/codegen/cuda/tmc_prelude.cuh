// ---- tmc prelude: the language's meaning (OpSemantics) where CUDA C's own operators differ ----
// f16 is __half with its native operators; bf16 is __nv_bfloat16, converted only (computed in float).

#define TMC_INFINITY __int_as_float(0x7f800000)
#define TMC_NAN __int_as_float(0x7fc00000)
#define TMC_FULL_WARP 0xffffffffu

// The language's cast to i32: truncate toward zero, saturate, NaN becomes 0.
__device__ __forceinline__ int tmc_float_to_int(float x) {
    if (x != x) {
        return 0;
    }
    if (x >= 2147483648.0f) {
        return 2147483647;
    }
    return x <= -2147483648.0f ? -2147483647 - 1 : (int)x;
}

__device__ __forceinline__ int tmc_abs(int x) {
    return x < 0 ? (int)(0u - (unsigned)x) : x; // abs(INT_MIN) wraps to INT_MIN
}

__device__ __forceinline__ int tmc_sign(int x) {
    return (int)(x > 0) - (int)(x < 0);
}

// sign(NaN) is NaN and sign(-0.0) is 0.0.
__device__ __forceinline__ float tmc_sign(float x) {
    return x != x ? x : (x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f));
}

__device__ __forceinline__ __half tmc_sign(__half x) {
    return __float2half_rn(tmc_sign(__half2float(x)));
}

// Floor modulo: the result has the divisor's sign (Python, NumPy); i32 x % 0 is 0.
__device__ __forceinline__ int tmc_mod(int a, int b) {
    if (b == 0 || b == -1) {
        return 0; // b == -1 also avoids INT_MIN % -1, which traps
    }
    int r = a % b;
    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

__device__ __forceinline__ float tmc_mod(float a, float b) {
    float r = fmodf(a, b);
    return r != 0.0f && (r < 0.0f) != (b < 0.0f) ? r + b : r;
}

__device__ __forceinline__ __half tmc_mod(__half a, __half b) {
    return __float2half_rn(tmc_mod(__half2float(a), __half2float(b)));
}

// f16 division through f32, rounded once: exact, as f32 holds more than twice f16's precision.
__device__ __forceinline__ __half tmc_hdiv(__half a, __half b) {
    return __float2half_rn(__half2float(a) / __half2float(b));
}

// i32 division as the language's cast of the true quotient: truncated, x / 0 saturates.
__device__ __forceinline__ int tmc_div(int a, int b) {
    if (b == 0) {
        return a > 0 ? 2147483647 : (a < 0 ? -2147483647 - 1 : 0);
    }
    if (b == -1) {
        return a == -2147483647 - 1 ? 2147483647 : -a;
    }
    return a / b;
}

// Integer power by squaring, wrapping; a negative exponent gives 0 unless |base| is 1.
__device__ __forceinline__ int tmc_pow(int base, int exponent) {
    if (exponent < 0) {
        return base == 1 ? 1 : (base == -1 ? ((exponent & 1) == 0 ? 1 : -1) : 0);
    }
    unsigned result = 1u;
    unsigned b = (unsigned)base;
    for (unsigned e = (unsigned)exponent; e > 0u; e >>= 1) {
        if ((e & 1u) != 0u) {
            result *= b;
        }
        b *= b;
    }
    return (int)result;
}

// x**2 is exactly x*x; otherwise pow with Java's special cases where C's differ (1**NaN, (-1)**inf).
__device__ __forceinline__ float tmc_pow(float x, float y) {
    if (y == 2.0f) {
        return x * x;
    }
    if (y != y || ((x == 1.0f || x == -1.0f) && (y == TMC_INFINITY || y == -TMC_INFINITY))) {
        return TMC_NAN;
    }
    return powf(x, y);
}

__device__ __forceinline__ __half tmc_pow(__half x, __half y) {
    return __float2half_rn(tmc_pow(__half2float(x), __half2float(y)));
}

// NaN-propagating min and max (NumPy's minimum, maximum); max(-0.0, 0.0) is 0.0. From sm_80 one
// instruction, max.NaN/min.NaN, which orders -0.0 below 0.0 too (scripts/minmax_check.cu: equal to
// the C below on every special pair and 1M random bit patterns, H100; softmax 0.0970 -> 0.0959 ms).
__device__ __forceinline__ float tmc_max(float a, float b) {
#if __CUDA_ARCH__ >= 800
    float r;
    asm("max.NaN.f32 %0, %1, %2;" : "=f"(r) : "f"(a), "f"(b));
    return r;
#else
    if (a != a || b != b) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? b : a;
    }
    return a > b ? a : b;
#endif
}

__device__ __forceinline__ float tmc_min(float a, float b) {
#if __CUDA_ARCH__ >= 800
    float r;
    asm("min.NaN.f32 %0, %1, %2;" : "=f"(r) : "f"(a), "f"(b));
    return r;
#else
    if (a != a || b != b) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? a : b;
    }
    return a < b ? a : b;
#endif
}

__device__ __forceinline__ __half tmc_max(__half a, __half b) {
    return __float2half_rn(tmc_max(__half2float(a), __half2float(b)));
}

__device__ __forceinline__ __half tmc_min(__half a, __half b) {
    return __float2half_rn(tmc_min(__half2float(a), __half2float(b)));
}

// A measured variant, not the default (fatbin suffixes _erfrat, -DTMC_ERF_RATIONAL, and _erfrcp, with -DTMC_ERF_RCP; docs/gpu-benchmarks.md,
// fourth round): erf as Eigen's and XLA's rational fit on [-4, 4], x * P(x^2) / Q(x^2) in explicit
// fmaf and one approximate reciprocal (about 16 instructions, no branch, no ex2), where CUDA's erff
// selects 7 coefficients by |x| and exponentiates (about 22). At most 4.48e-7 absolute error in f32
// (erff: 2 ulp); measured on every f32 by scripts/erf_rational_check.c.
#ifdef TMC_ERF_RATIONAL
__device__ __forceinline__ float tmc_erf_rational(float a) {
    const float x = fminf(fmaxf(a, -4.0f), 4.0f);
    const float x2 = x * x;
    float p = fmaf(x2, -2.72614225801306e-10f, 2.77068142495902e-08f);
    p = fmaf(x2, p, -2.10102402082508e-06f);
    p = fmaf(x2, p, -5.69250639462346e-05f);
    p = fmaf(x2, p, -7.34990630326855e-04f);
    p = fmaf(x2, p, -2.95459980854025e-03f);
    p = fmaf(x2, p, -1.60960333262415e-02f);
    float q = fmaf(x2, -1.45660718464996e-05f, -2.13374055278905e-04f);
    q = fmaf(x2, q, -1.68282697438203e-03f);
    q = fmaf(x2, q, -7.37332916720468e-03f);
    q = fmaf(x2, q, -1.42647390514189e-02f);
#ifdef TMC_ERF_RCP // one rcp.approx (q lies in [-2.4, -0.014]: no range fix-up needed) and a product
    float r;
    asm("rcp.approx.ftz.f32 %0, %1;" : "=f"(r) : "f"(q));
    return x * (p * r);
#else
    return x * __fdividef(p, q);
#endif
}
#define erff tmc_erf_rational
#endif

// Warp reductions: a butterfly over the 32 lanes of a warp, every lane gets the result.
#define TMC_WARP_BUTTERFLY(T, NAME, COMBINE)                                  \
    __device__ __forceinline__ T NAME(T x) {                           \
        for (int offset = 16; offset > 0; offset >>= 1) {                     \
            T other = __shfl_xor_sync(TMC_FULL_WARP, x, offset);              \
            x = COMBINE;                                                      \
        }                                                                     \
        return x;                                                             \
    }

TMC_WARP_BUTTERFLY(float, tmc_warp_sum, x + other)
TMC_WARP_BUTTERFLY(float, tmc_warp_product, x * other)
TMC_WARP_BUTTERFLY(float, tmc_warp_max, tmc_max(x, other))
TMC_WARP_BUTTERFLY(float, tmc_warp_min, tmc_min(x, other))
TMC_WARP_BUTTERFLY(__half, tmc_warp_sum, x + other)
TMC_WARP_BUTTERFLY(__half, tmc_warp_product, x * other)
TMC_WARP_BUTTERFLY(__half, tmc_warp_max, tmc_max(x, other))
TMC_WARP_BUTTERFLY(__half, tmc_warp_min, tmc_min(x, other))
TMC_WARP_BUTTERFLY(int, tmc_warp_sum, (int)((unsigned)x + (unsigned)other))
TMC_WARP_BUTTERFLY(int, tmc_warp_product, (int)((unsigned)x * (unsigned)other))
TMC_WARP_BUTTERFLY(int, tmc_warp_max, max(x, other))
TMC_WARP_BUTTERFLY(int, tmc_warp_min, min(x, other))

__device__ __forceinline__ bool tmc_warp_max(bool x) {
    return __any_sync(TMC_FULL_WARP, x) != 0;
}

__device__ __forceinline__ bool tmc_warp_min(bool x) {
    return __all_sync(TMC_FULL_WARP, x) != 0;
}

// An 8x8 f32 matrix a warp holds together, multiplied on tensor cores with mma.sync m16n8k8 (tf32
// operands, f32 accumulation; exact products for f16 and bf16 values, which is when tmc uses it).
// Lane l (g = l / 4, t = l % 4) holds element (g, 2t), (g, 2t + 1) as an accumulator (c0, c1), and,
// once loaded, A-operand elements (g, t), (g, t + 4) and B-operand elements (t, g), (t + 4, g). The
// upper 8 rows of the m16n8k8 A operand are zero. A product is an accumulator only: multiplying it
// again needs a store and a load, as the lowering's kernels do.
struct tmc_mat8 {
    float c0, c1;
    float a0, a2;
    float b0, b1;
    float upper0, upper1; // rows 8-15 of the m16n8 product: zero, never read
};

__device__ __forceinline__ tmc_mat8 tmc_mat8_filled(float fill) {
    tmc_mat8 m;
    m.c0 = m.c1 = m.a0 = m.a2 = m.b0 = m.b1 = fill;
    m.upper0 = m.upper1 = 0.0f;
    return m;
}

__device__ __forceinline__ void tmc_mat8_load(tmc_mat8 &m, const float *p, int stride) {
    const int g = (threadIdx.x % warpSize) >> 2;
    const int t = (threadIdx.x % warpSize) & 3;
    m.c0 = p[g * stride + 2 * t];
    m.c1 = p[g * stride + 2 * t + 1];
    m.a0 = p[g * stride + t];
    m.a2 = p[g * stride + t + 4];
    m.b0 = p[t * stride + g];
    m.b1 = p[(t + 4) * stride + g];
    m.upper0 = m.upper1 = 0.0f;
}

__device__ __forceinline__ void tmc_mat8_store(const tmc_mat8 &m, float *p, int stride) {
    const int g = (threadIdx.x % warpSize) >> 2;
    const int t = (threadIdx.x % warpSize) & 3;
    p[g * stride + 2 * t] = m.c0;
    p[g * stride + 2 * t + 1] = m.c1;
}

// d = a * b + c.
__device__ __forceinline__ void tmc_mat8_multiply_accumulate(tmc_mat8 &d, const tmc_mat8 &a, const tmc_mat8 &b,
                                                             const tmc_mat8 &c) {
    float d0, d1;
    asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 "
                 "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%10, %11, %12, %13};"
                 : "=f"(d0), "=f"(d1), "=f"(d.upper0), "=f"(d.upper1)
                 : "r"(__float_as_uint(a.a0)), "r"(0u), "r"(__float_as_uint(a.a2)), "r"(0u),
                   "r"(__float_as_uint(b.b0)), "r"(__float_as_uint(b.b1)),
                   "f"(c.c0), "f"(c.c1), "f"(0.0f), "f"(0.0f));
    d.c0 = d0;
    d.c1 = d1;
}

// d0 = a0 * b + c0 and d1 = a1 * b + c1 in one m16n8k8: a0 fills rows 0-7 of the 16x8 operand,
// a1 rows 8-15 (fragment registers a1 and a3), and c0/c1 the product's rows 0-7 and 8-15.
__device__ __forceinline__ void tmc_mat8_multiply_accumulate_pair(tmc_mat8 &d0, const tmc_mat8 &a0,
                                                                  const tmc_mat8 &c0, tmc_mat8 &d1,
                                                                  const tmc_mat8 &a1, const tmc_mat8 &c1,
                                                                  const tmc_mat8 &b) {
    float e0, e1, e2, e3;
    asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 "
                 "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%10, %11, %12, %13};"
                 : "=f"(e0), "=f"(e1), "=f"(e2), "=f"(e3)
                 : "r"(__float_as_uint(a0.a0)), "r"(__float_as_uint(a1.a0)), "r"(__float_as_uint(a0.a2)),
                   "r"(__float_as_uint(a1.a2)), "r"(__float_as_uint(b.b0)), "r"(__float_as_uint(b.b1)),
                   "f"(c0.c0), "f"(c0.c1), "f"(c1.c0), "f"(c1.c1));
    d0.c0 = e0;
    d0.c1 = e1;
    d1.c0 = e2;
    d1.c1 = e3;
}

// log(1 + x) without losing a small x: log(u) * x / (u - 1) with u = 1 + x (Goldberg).
__device__ __forceinline__ float tmc_log1p(float x) {
    float u = 1.0f + x;
    if (u == 1.0f) {
        return x;
    }
    return u == TMC_INFINITY ? u : logf(u) * (x / (u - 1.0f));
}

__device__ __forceinline__ float tmc_sigmoid(float x) {
    return 1.0f / (1.0f + expf(-x));
}

// A whole run of N elements (N * sizeof(T) a multiple of 16, the run 16-byte aligned: kernel IR's
// LoadRun/StoreRun) moved with 16-byte accesses; with N constant the array stays in registers.
template <int N, typename T>
__device__ __forceinline__ void tmc_load_run(T (&dst)[N], const T* src) {
    static_assert(N * sizeof(T) % 16 == 0, "a run is whole 16-byte vectors");
    #pragma unroll
    for (int k = 0; k < (int)(N * sizeof(T) / 16); k++) {
        uint4 w = reinterpret_cast<const uint4*>(src)[k];
        memcpy(&dst[k * (16 / sizeof(T))], &w, 16);
    }
}

// The same for a run of N elements at a place inside a longer per-thread array (a row's registers).
template <int N, typename T>
__device__ __forceinline__ void tmc_load_run_at(T* dst, const T* src) {
    static_assert(N * sizeof(T) % 16 == 0, "a run is whole 16-byte vectors");
    #pragma unroll
    for (int k = 0; k < (int)(N * sizeof(T) / 16); k++) {
        uint4 w = reinterpret_cast<const uint4*>(src)[k];
        memcpy(&dst[k * (16 / sizeof(T))], &w, 16);
    }
}

template <int N, typename T>
__device__ __forceinline__ void tmc_store_run_at(T* dst, const T* src) {
    static_assert(N * sizeof(T) % 16 == 0, "a run is whole 16-byte vectors");
    #pragma unroll
    for (int k = 0; k < (int)(N * sizeof(T) / 16); k++) {
        uint4 w;
        memcpy(&w, &src[k * (16 / sizeof(T))], 16);
        reinterpret_cast<uint4*>(dst)[k] = w;
    }
}

template <int N, typename T>
__device__ __forceinline__ void tmc_store_run(T* dst, const T (&src)[N]) {
    static_assert(N * sizeof(T) % 16 == 0, "a run is whole 16-byte vectors");
    #pragma unroll
    for (int k = 0; k < (int)(N * sizeof(T) / 16); k++) {
        uint4 w;
        memcpy(&w, &src[k * (16 / sizeof(T))], 16);
        reinterpret_cast<uint4*>(dst)[k] = w;
    }
}

// Fused attention (KStmt.Attention, pass fuse-attention): out = softmax(scale * q @ k^T) @ v per
// head, q and out [heads, rows, e], k and v [heads, cols, e], 16-bit, row-major. Each block of
// ROWS * 2 threads owns ROWS query rows of one head (block = head * tiles + tile), 16 a warp. For e
// of 64 or 128 with 16-byte aligned buffers it is FlashAttention-2's forward: the block's q tile
// goes through shared memory into registers, k and v tiles of 64 rows stream through shared
// memory by cp.async (v's load overlaps q @ k^T, the next k's the softmax and p @ v), each warp
// keeps 16 rows' scores,
// running max and sum in f32 registers (online softmax), multiplies p rounded to the 16-bit type by
// v on tensor cores (mma m16n8k16, f32 accumulation) and writes its rows once. Other e take a
// plain loop with the same math (correct, slow). Rows and columns past the ends are zero-filled
// on load and masked out of the softmax.
template <typename T> struct tmc_attention_type;
template <> struct tmc_attention_type<__nv_bfloat16> {
    static __device__ __forceinline__ unsigned pack(float lo, float hi) {
        __nv_bfloat162 h = __floats2bfloat162_rn(lo, hi);
        unsigned u;
        memcpy(&u, &h, 4);
        return u;
    }
    static __device__ __forceinline__ void mma(float (&d)[4], const unsigned (&a)[4], unsigned b0, unsigned b1) {
        asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 "
                     "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
                     : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                     : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
    }
    static __device__ __forceinline__ float widen(__nv_bfloat16 x) { return __bfloat162float(x); }
    static __device__ __forceinline__ __nv_bfloat16 narrow(float x) { return __float2bfloat16_rn(x); }
};
template <> struct tmc_attention_type<__half> {
    static __device__ __forceinline__ unsigned pack(float lo, float hi) {
        __half2 h = __floats2half2_rn(lo, hi);
        unsigned u;
        memcpy(&u, &h, 4);
        return u;
    }
    static __device__ __forceinline__ void mma(float (&d)[4], const unsigned (&a)[4], unsigned b0, unsigned b1) {
        asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 "
                     "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};"
                     : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                     : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
    }
    static __device__ __forceinline__ float widen(__half x) { return __half2float(x); }
    static __device__ __forceinline__ __half narrow(float x) { return __float2half_rn(x); }
};

// ROWS rows x E of a [n, E] matrix from row r0 into shared memory, 16 bytes a copy by THREADS
// threads; rows from n on are zero-filled. 16-byte chunk c of row r sits at chunk c ^ (r % 8):
// the 8 rows an ldmatrix reads at one column fall into different banks.
template <typename T, int E, int ROWS, int THREADS>
__device__ __forceinline__ void tmc_attention_load(T *tile, const T *src, int r0, int n) {
    constexpr int CHUNKS = E / 8;
#pragma unroll
    for (int i = threadIdx.x; i < ROWS * CHUNKS; i += THREADS) {
        const int r = i / CHUNKS;
        const int c = i % CHUNKS;
        const bool inside = r0 + r < n;
        const T *from = src + (inside ? (size_t)(r0 + r) * E + c * 8 : 0);
        const unsigned to = (unsigned)__cvta_generic_to_shared(tile + r * E + ((c ^ (r & 7)) * 8));
        asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;" ::"r"(to), "l"(from), "r"(inside ? 16 : 0));
    }
    asm volatile("cp.async.commit_group;");
}

template <typename T, int E>
__device__ __forceinline__ const T *tmc_attention_row(const T *tile, int r, int chunk) {
    return tile + r * E + ((chunk ^ (r & 7)) * 8);
}

__device__ __forceinline__ void tmc_ldmatrix_x4(unsigned (&r)[4], const void *p) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
                 : "r"((unsigned)__cvta_generic_to_shared(p)));
}

__device__ __forceinline__ void tmc_ldmatrix_x4_trans(unsigned (&r)[4], const void *p) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
                 : "r"((unsigned)__cvta_generic_to_shared(p)));
}

// smem holds a 64-row k tile then a 64-row v tile; the block's q tile (ROWS <= 128 rows) passes
// through the same memory first, on its way to registers.
template <typename T, int E, int ROWS>
__device__ __forceinline__ void tmc_flash_attention(T *smem, const T *q, const T *k, const T *v, T *out,
                                                    float scale, int rows, int cols, int head, int r0) {
    typedef tmc_attention_type<T> Type;
    constexpr int THREADS = ROWS * 2;
    T *sk = smem;
    T *sv = smem + 64 * E;
    const int warp = threadIdx.x / 32;
    const int lane = threadIdx.x % 32;
    const T *kh = k + (size_t)head * cols * E;
    const T *vh = v + (size_t)head * cols * E;
    tmc_attention_load<T, E, ROWS, THREADS>(smem, q + (size_t)head * rows * E, r0, rows);
    asm volatile("cp.async.wait_group 0;");
    __syncthreads();
    unsigned qa[E / 16][4];
#pragma unroll
    for (int kk = 0; kk < E / 16; kk++) {
        const int m = lane / 8;
        tmc_ldmatrix_x4(qa[kk], tmc_attention_row<T, E>(smem, warp * 16 + (m & 1) * 8 + lane % 8, kk * 2 + (m >> 1)));
    }
    __syncthreads(); // every warp holds its q rows: the memory takes k and v now
    tmc_attention_load<T, E, 64, THREADS>(sk, kh, 0, cols);
    float o[E / 8][4];
#pragma unroll
    for (int n = 0; n < E / 8; n++) {
        o[n][0] = o[n][1] = o[n][2] = o[n][3] = 0.0f;
    }
    // Running max (of scale * score, times log2(e)) and this lane's part of the running sum.
    float mx[2] = {-INFINITY, -INFINITY};
    float sum[2] = {0.0f, 0.0f};
    const float scaleLog2 = scale * 1.4426950408889634f;
    const int tiles = (cols + 63) / 64;
    for (int j = 0; j < tiles; j++) {
        tmc_attention_load<T, E, 64, THREADS>(sv, vh, j * 64, cols);
        asm volatile("cp.async.wait_group 1;"); // this k tile is in
        __syncthreads();
        float s[8][4];
#pragma unroll
        for (int n = 0; n < 8; n++) {
            s[n][0] = s[n][1] = s[n][2] = s[n][3] = 0.0f;
        }
#pragma unroll
        for (int kk = 0; kk < E / 16; kk++) {
#pragma unroll
            for (int n = 0; n < 8; n += 2) {
                unsigned b[4];
                const int m = lane / 8;
                tmc_ldmatrix_x4(b, tmc_attention_row<T, E>(sk, (n + (m >> 1)) * 8 + lane % 8, kk * 2 + (m & 1)));
                Type::mma(s[n], qa[kk], b[0], b[1]);
                Type::mma(s[n + 1], qa[kk], b[2], b[3]);
            }
        }
        __syncthreads(); // every warp is done with this k tile
        if (j + 1 < tiles) {
            tmc_attention_load<T, E, 64, THREADS>(sk, kh, (j + 1) * 64, cols);
        } else {
            asm volatile("cp.async.commit_group;"); // an empty group keeps the count of wait_group 1 right
        }
        // Online softmax over this tile's 64 columns, rows lane / 4 (h = 0) and lane / 4 + 8 (h = 1),
        // in log2 units: p = 2^(scale * s * log2(e) - max).
        const int valid = cols - j * 64 - (lane % 4) * 2; // columns n * 8 + e of this lane below it count
#pragma unroll
        for (int h = 0; h < 2; h++) {
            float tileMax = -INFINITY;
#pragma unroll
            for (int n = 0; n < 8; n++) {
#pragma unroll
                for (int e = 0; e < 2; e++) {
                    const float x = n * 8 + e < valid ? scaleLog2 * s[n][2 * h + e] : -INFINITY;
                    s[n][2 * h + e] = x;
                    tileMax = fmaxf(tileMax, x);
                }
            }
            tileMax = fmaxf(tileMax, __shfl_xor_sync(0xffffffffu, tileMax, 1));
            tileMax = fmaxf(tileMax, __shfl_xor_sync(0xffffffffu, tileMax, 2));
            const float newMax = fmaxf(mx[h], tileMax);
            const float alpha = exp2f(mx[h] - newMax);
            mx[h] = newMax;
            float rowSum = 0.0f;
#pragma unroll
            for (int n = 0; n < 8; n++) {
#pragma unroll
                for (int e = 0; e < 2; e++) {
                    const float p = exp2f(s[n][2 * h + e] - newMax);
                    s[n][2 * h + e] = p;
                    rowSum += p;
                }
            }
            sum[h] = sum[h] * alpha + rowSum;
#pragma unroll
            for (int n = 0; n < E / 8; n++) {
                o[n][2 * h] *= alpha;
                o[n][2 * h + 1] *= alpha;
            }
        }
        unsigned pa[4][4];
#pragma unroll
        for (int kk = 0; kk < 4; kk++) {
            pa[kk][0] = Type::pack(s[2 * kk][0], s[2 * kk][1]);
            pa[kk][1] = Type::pack(s[2 * kk][2], s[2 * kk][3]);
            pa[kk][2] = Type::pack(s[2 * kk + 1][0], s[2 * kk + 1][1]);
            pa[kk][3] = Type::pack(s[2 * kk + 1][2], s[2 * kk + 1][3]);
        }
        asm volatile("cp.async.wait_group 1;"); // this v tile is in
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < 4; kk++) {
#pragma unroll
            for (int n = 0; n < E / 8; n += 2) {
                unsigned b[4];
                const int m = lane / 8;
                tmc_ldmatrix_x4_trans(b, tmc_attention_row<T, E>(sv, kk * 16 + (m & 1) * 8 + lane % 8, n + (m >> 1)));
                Type::mma(o[n], pa[kk], b[0], b[1]);
                Type::mma(o[n + 1], pa[kk], b[2], b[3]);
            }
        }
        __syncthreads(); // every warp is done with this v tile
    }
    asm volatile("cp.async.wait_group 0;");
#pragma unroll
    for (int h = 0; h < 2; h++) {
        float l = sum[h];
        l += __shfl_xor_sync(0xffffffffu, l, 1);
        l += __shfl_xor_sync(0xffffffffu, l, 2);
        const int r = r0 + warp * 16 + lane / 4 + 8 * h;
        if (r < rows) {
            T *row = out + ((size_t)head * rows + r) * E;
#pragma unroll
            for (int n = 0; n < E / 8; n++) {
                const float a = l > 0.0f ? o[n][2 * h] / l : 0.0f;
                const float b = l > 0.0f ? o[n][2 * h + 1] / l : 0.0f;
                const unsigned packed = Type::pack(a, b);
                memcpy(row + n * 8 + (lane % 4) * 2, &packed, 4);
            }
        }
    }
}

// Any e: thread i of the block computes elements i, i + blockDim.x, ... of its ROWS rows, each from a walk
// over the row's scores for the max, then one for the sum and the product (scores recomputed).
template <typename T, int ROWS>
__device__ __forceinline__ void tmc_attention_rows(const T *q, const T *k, const T *v, T *out, float scale,
                                                   int rows, int cols, int e, int head, int r0) {
    typedef tmc_attention_type<T> Type;
    for (int i = threadIdx.x; i < ROWS * e; i += blockDim.x) {
        const int r = r0 + i / e;
        const int x = i % e;
        if (r >= rows) {
            break;
        }
        const T *qr = q + ((size_t)head * rows + r) * e;
        float m = -INFINITY;
        for (int j = 0; j < cols; j++) {
            const T *kr = k + ((size_t)head * cols + j) * e;
            float dot = 0.0f;
            for (int y = 0; y < e; y++) {
                dot += Type::widen(qr[y]) * Type::widen(kr[y]);
            }
            m = fmaxf(m, scale * dot);
        }
        float l = 0.0f;
        float acc = 0.0f;
        for (int j = 0; j < cols; j++) {
            const T *kr = k + ((size_t)head * cols + j) * e;
            float dot = 0.0f;
            for (int y = 0; y < e; y++) {
                dot += Type::widen(qr[y]) * Type::widen(kr[y]);
            }
            const float p = expf(scale * dot - m);
            l += p;
            acc += Type::widen(Type::narrow(p)) * Type::widen(v[((size_t)head * cols + j) * e + x]);
        }
        out[((size_t)head * rows + r) * e + x] = Type::narrow(cols == 0 ? 0.0f : acc / l);
    }
}

template <typename T, int ROWS>
__device__ __forceinline__ void tmc_attention(const T *q, const T *k, const T *v, T *out, float scale, int heads,
                                              int rows, int cols, int e) {
    static_assert(ROWS % 16 == 0 && ROWS <= 128, "tmc_attention takes 16 rows a warp, at most 128 rows a block");
    __shared__ __align__(16) T smem[2 * 64 * 128];
    const int tiles = (rows + ROWS - 1) / ROWS;
    const int head = blockIdx.x / tiles;
    const int r0 = (blockIdx.x % tiles) * ROWS;
    if (head >= heads) {
        return;
    }
    const bool aligned = ((reinterpret_cast<size_t>(q) | reinterpret_cast<size_t>(k) | reinterpret_cast<size_t>(v)
                           | reinterpret_cast<size_t>(out)) & 15) == 0;
    if (e == 128 && aligned && blockDim.x == ROWS * 2) {
        tmc_flash_attention<T, 128, ROWS>(smem, q, k, v, out, scale, rows, cols, head, r0);
    } else if (e == 64 && aligned && blockDim.x == ROWS * 2) {
        tmc_flash_attention<T, 64, ROWS>(smem, q, k, v, out, scale, rows, cols, head, r0);
    } else {
        tmc_attention_rows<T, ROWS>(q, k, v, out, scale, rows, cols, e, head, r0);
    }
}
