// ---- tmc prelude: the language's meaning (OpSemantics) where MSL's own operators differ ----
// bf16 lives in ushort (its bit pattern) and is computed in float; f16 is MSL's half.

static inline float tmc_bf16_to_float(ushort b) {
    return as_type<float>(uint(b) << 16);
}

// Round to nearest, ties to even; NaN keeps its sign and becomes the quiet NaN.
static inline ushort tmc_float_to_bf16(float f) {
    uint u = as_type<uint>(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) {
        return ushort(((u >> 16) & 0x8000u) | 0x7fc0u);
    }
    return ushort((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

// Rounds once: above 2^24 the bits an int-to-float conversion would drop become a sticky bit.
static inline ushort tmc_int_to_bf16(int i) {
    uint a = i < 0 ? 0u - as_type<uint>(i) : as_type<uint>(i);
    uint shift = a >= 0x1000000u ? 8u - clz(a) : 0u;
    uint kept = (a >> shift) | ((a & ((1u << shift) - 1u)) != 0u ? 1u : 0u);
    float f = float(kept) * float(1u << shift);
    return tmc_float_to_bf16(i < 0 ? -f : f);
}

// The language's cast to i32: truncate toward zero, saturate, NaN becomes 0.
static inline int tmc_float_to_int(float x) {
    if (x != x) {
        return 0;
    }
    if (x >= 2147483648.0f) {
        return 2147483647;
    }
    return x <= -2147483648.0f ? -2147483647 - 1 : int(x);
}

static inline int tmc_abs(int x) {
    return x < 0 ? as_type<int>(0u - as_type<uint>(x)) : x; // abs(INT_MIN) wraps to INT_MIN
}

static inline int tmc_sign(int x) {
    return int(x > 0) - int(x < 0);
}

// sign(NaN) is NaN and sign(-0.0) is 0.0, unlike MSL's sign.
static inline float tmc_sign(float x) {
    return x != x ? x : (x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f));
}

static inline half tmc_sign(half x) {
    return half(tmc_sign(float(x)));
}

// Floor modulo: the result has the divisor's sign (Python, NumPy); i32 x % 0 is 0.
static inline int tmc_mod(int a, int b) {
    if (b == 0 || b == -1) {
        return 0; // b == -1 also avoids INT_MIN % -1, which traps
    }
    int r = a % b;
    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

static inline float tmc_mod(float a, float b) {
    float r = precise::fmod(a, b);
    return r != 0.0f && (r < 0.0f) != (b < 0.0f) ? r + b : r;
}

static inline half tmc_mod(half a, half b) {
    return half(tmc_mod(float(a), float(b)));
}

// i32 division as the language's cast of the true quotient: truncated, x / 0 saturates.
static inline int tmc_div(int a, int b) {
    if (b == 0) {
        return a > 0 ? 2147483647 : (a < 0 ? -2147483647 - 1 : 0);
    }
    if (b == -1) {
        return a == -2147483647 - 1 ? 2147483647 : -a;
    }
    return a / b;
}

// Integer power by squaring, wrapping; a negative exponent gives 0 unless |base| is 1.
static inline int tmc_pow(int base, int exponent) {
    if (exponent < 0) {
        return base == 1 ? 1 : (base == -1 ? ((exponent & 1) == 0 ? 1 : -1) : 0);
    }
    uint result = 1u;
    uint b = as_type<uint>(base);
    for (uint e = as_type<uint>(exponent); e > 0u; e >>= 1) {
        if ((e & 1u) != 0u) {
            result *= b;
        }
        b *= b;
    }
    return as_type<int>(result);
}

// x**2 is exactly x*x; otherwise pow with Java's special cases where C's differ (1**NaN, (-1)**inf).
static inline float tmc_pow(float x, float y) {
    if (y == 2.0f) {
        return x * x;
    }
    if (y != y || ((x == 1.0f || x == -1.0f) && (y == INFINITY || y == -INFINITY))) {
        return NAN;
    }
    return precise::pow(x, y);
}

static inline half tmc_pow(half x, half y) {
    return half(tmc_pow(float(x), float(y)));
}

// NaN-propagating min and max (NumPy's minimum, maximum); max(-0.0, 0.0) is 0.0.
static inline float tmc_max(float a, float b) {
    if (a != a || b != b) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? b : a;
    }
    return a > b ? a : b;
}

static inline float tmc_min(float a, float b) {
    if (a != a || b != b) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? a : b;
    }
    return a < b ? a : b;
}

static inline half tmc_max(half a, half b) {
    return half(tmc_max(float(a), float(b)));
}

static inline half tmc_min(half a, half b) {
    return half(tmc_min(float(a), float(b)));
}

// Simdgroup max and min with tmc_max's meaning (MSL's simd_max drops NaN): a butterfly over 32 lanes.
static inline float tmc_simd_max(float x) {
    x = tmc_max(x, simd_shuffle_xor(x, 16));
    x = tmc_max(x, simd_shuffle_xor(x, 8));
    x = tmc_max(x, simd_shuffle_xor(x, 4));
    x = tmc_max(x, simd_shuffle_xor(x, 2));
    return tmc_max(x, simd_shuffle_xor(x, 1));
}

static inline float tmc_simd_min(float x) {
    x = tmc_min(x, simd_shuffle_xor(x, 16));
    x = tmc_min(x, simd_shuffle_xor(x, 8));
    x = tmc_min(x, simd_shuffle_xor(x, 4));
    x = tmc_min(x, simd_shuffle_xor(x, 2));
    return tmc_min(x, simd_shuffle_xor(x, 1));
}

static inline half tmc_simd_max(half x) {
    return half(tmc_simd_max(float(x)));
}

static inline half tmc_simd_min(half x) {
    return half(tmc_simd_min(float(x)));
}

static inline int tmc_simd_max(int x) {
    return simd_max(x);
}

static inline int tmc_simd_min(int x) {
    return simd_min(x);
}

// log(1 + x) without losing a small x: log(u) * x / (u - 1) with u = 1 + x (Goldberg).
static inline float tmc_log1p(float x) {
    float u = 1.0f + x;
    if (u == 1.0f) {
        return x;
    }
    return u == INFINITY ? u : precise::log(u) * (x / (u - 1.0f));
}

static inline float tmc_sigmoid(float x) {
    return 1.0f / (1.0f + precise::exp(-x));
}

// erf within 1 ulp of the exact value (measured over all floats below 5, with a correctly
// rounded exp): x + x*P(x^2) below 0.875; erf(1.4375) + Q(|x| - 1.4375) below 2;
// 1 - exp(R(|x| - 3)) below 3.92; 1 beyond. Coefficients fitted for tmc (minimax, float).
static inline float tmc_erf(float x) {
    if (x != x) {
        return x;
    }
    float a = fabs(x);
    if (a < 0.875f) {
        float s = x * x;
        float p = fma(s, 8.701605111e-05f, -8.217152790e-04f);
        p = fma(p, s, 5.207271315e-03f);
        p = fma(p, s, -2.686179429e-02f);
        p = fma(p, s, 1.128373668e-01f);
        p = fma(p, s, -3.761263490e-01f);
        p = fma(p, s, 1.283791661e-01f);
        return fma(x, p, x);
    }
    float r;
    if (a < 2.0f) {
        float t = a - 1.4375f;
        float q = fma(t, 1.538365468e-04f, 1.457928796e-03f);
        q = fma(q, t, -3.350494662e-03f);
        q = fma(q, t, -3.242023289e-03f);
        q = fma(q, t, 2.111138776e-02f);
        q = fma(q, t, -2.247772180e-02f);
        q = fma(q, t, -3.878327832e-02f);
        q = fma(q, t, 1.492248327e-01f);
        q = fma(q, t, -2.054159045e-01f);
        q = fma(q, t, 1.428980231e-01f);
        q = fma(q, t, 2.753929884e-08f);
        r = 9.579405785e-01f + q;
    } else if (a < 3.92f) {
        float t = a - 3.0f;
        float l = fma(t, -7.804896995e-06f, 4.502407683e-05f);
        l = fma(l, t, -2.449259628e-04f);
        l = fma(l, t, 1.352209947e-03f);
        l = fma(l, t, -7.412166335e-03f);
        l = fma(l, t, -9.573940039e-01f);
        l = fma(l, t, -6.303753853e+00f);
        l = fma(l, t, -1.072036266e+01f);
        r = 1.0f - precise::exp(l);
    } else {
        r = 1.0f;
    }
    return copysign(r, x);
}
