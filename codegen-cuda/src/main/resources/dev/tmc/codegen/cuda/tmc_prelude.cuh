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

// NaN-propagating min and max (NumPy's minimum, maximum); max(-0.0, 0.0) is 0.0.
__device__ __forceinline__ float tmc_max(float a, float b) {
    if (a != a || b != b) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? b : a;
    }
    return a > b ? a : b;
}

__device__ __forceinline__ float tmc_min(float a, float b) {
    if (a != a || b != b) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? a : b;
    }
    return a < b ? a : b;
}

__device__ __forceinline__ __half tmc_max(__half a, __half b) {
    return __float2half_rn(tmc_max(__half2float(a), __half2float(b)));
}

__device__ __forceinline__ __half tmc_min(__half a, __half b) {
    return __float2half_rn(tmc_min(__half2float(a), __half2float(b)));
}

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

// erf within 1 ulp of the exact value: the same piecewise fit as the Metal prelude's tmc_erf. Below 2
// both fits are evaluated and one selected: a warp's lanes often straddle 0.875 (GELU's arguments
// do), where a branch would run both fits one after the other. The results are the branches' own.
__device__ __forceinline__ float tmc_erf(float x) {
    if (x != x) {
        return x;
    }
    float a = fabsf(x);
    float s = x * x;
    float p = fmaf(s, 8.701605111e-05f, -8.217152790e-04f);
    p = fmaf(p, s, 5.207271315e-03f);
    p = fmaf(p, s, -2.686179429e-02f);
    p = fmaf(p, s, 1.128373668e-01f);
    p = fmaf(p, s, -3.761263490e-01f);
    p = fmaf(p, s, 1.283791661e-01f);
    float small = fmaf(x, p, x);
    float t = a - 1.4375f;
    float q = fmaf(t, 1.538365468e-04f, 1.457928796e-03f);
    q = fmaf(q, t, -3.350494662e-03f);
    q = fmaf(q, t, -3.242023289e-03f);
    q = fmaf(q, t, 2.111138776e-02f);
    q = fmaf(q, t, -2.247772180e-02f);
    q = fmaf(q, t, -3.878327832e-02f);
    q = fmaf(q, t, 1.492248327e-01f);
    q = fmaf(q, t, -2.054159045e-01f);
    q = fmaf(q, t, 1.428980231e-01f);
    q = fmaf(q, t, 2.753929884e-08f);
    float r = 9.579405785e-01f + q;
    if (a < 2.0f) {
        return a < 0.875f ? small : copysignf(r, x);
    }
    if (a < 3.92f) {
        float u = a - 3.0f;
        float l = fmaf(u, -7.804896995e-06f, 4.502407683e-05f);
        l = fmaf(l, u, -2.449259628e-04f);
        l = fmaf(l, u, 1.352209947e-03f);
        l = fmaf(l, u, -7.412166335e-03f);
        l = fmaf(l, u, -9.573940039e-01f);
        l = fmaf(l, u, -6.303753853e+00f);
        l = fmaf(l, u, -1.072036266e+01f);
        r = 1.0f - expf(l);
    } else {
        r = 1.0f;
    }
    return copysignf(r, x);
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
