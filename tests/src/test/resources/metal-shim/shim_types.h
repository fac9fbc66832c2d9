// metal-shim: MSL's scalar and vector types in C++20. half and bfloat are 2-byte classes that round
// to nearest even exactly as the GPU converts; they convert to and from other types only
// explicitly, so a kernel that mixes types without a conversion does not compile here (MSL would
// convert silently; in generated code that means kernel IR lost a Convert).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

using uchar = unsigned char;
using ushort = unsigned short;
using uint = unsigned int;
using ulong = unsigned long;

namespace metal {

template <class To, class From>
inline To as_type(From from) {
    static_assert(sizeof(To) == sizeof(From), "as_type needs types of the same size");
    return std::bit_cast<To>(from);
}

namespace shim_detail {

// float -> binary16 bits, round to nearest even; NaN stays a quiet NaN of the same sign.
inline uint16_t float_to_half_bits(float f) {
    uint32_t x = std::bit_cast<uint32_t>(f);
    uint32_t sign = (x >> 16) & 0x8000u;
    uint32_t a = x & 0x7fffffffu;
    if (a > 0x7f800000u) {
        return uint16_t(sign | 0x7e00u | ((a >> 13) & 0x3ffu));
    }
    if (a >= 0x477ff000u) { // 65520 and above round to infinity
        return uint16_t(sign | 0x7c00u);
    }
    if (a < 0x38800000u) { // below 2^-14: subnormal, in units of 2^-24
        float scaled = std::bit_cast<float>(a) * 16777216.0f; // exact
        return uint16_t(sign | uint32_t(std::nearbyint(scaled)));
    }
    uint32_t rounded = a + 0xfffu + ((a >> 13) & 1u);
    return uint16_t(sign | ((rounded - 0x38000000u) >> 13));
}

inline float half_bits_to_float(uint16_t h) {
    uint32_t sign = uint32_t(h & 0x8000u) << 16;
    uint32_t e = (h >> 10) & 0x1fu;
    uint32_t m = h & 0x3ffu;
    if (e == 0) {
        float v = float(m) * 5.9604644775390625e-08f; // m * 2^-24, exact
        return sign ? -v : v;
    }
    if (e == 31) {
        return std::bit_cast<float>(sign | 0x7f800000u | (m << 13));
    }
    return std::bit_cast<float>(sign | ((e + 112u) << 23) | (m << 13));
}

inline uint16_t float_to_bfloat_bits(float f) {
    uint32_t u = std::bit_cast<uint32_t>(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) {
        return uint16_t(((u >> 16) & 0x8000u) | 0x7fc0u);
    }
    return uint16_t((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

template <class T>
concept Arithmetic = std::is_arithmetic_v<T>;

} // namespace shim_detail

// A 16-bit float computed in float and rounded after every operation (exact for + - * / sqrt).
template <class Tag, uint16_t (*Encode)(float), float (*Decode)(uint16_t)>
struct float16_storage {
    uint16_t bits;

    float16_storage() = default;
    template <shim_detail::Arithmetic T>
    explicit float16_storage(T v) : bits(Encode(float(v))) {
        static_assert(!std::is_same_v<T, double>, "MSL has no double: write float literals with an f suffix");
    }
    explicit operator float() const { return Decode(bits); }
    explicit operator bool() const { return Decode(bits) != 0.0f; }
    static float16_storage from_float(float f) {
        float16_storage h;
        h.bits = Encode(f);
        return h;
    }
    float f() const { return Decode(bits); }

    friend float16_storage operator+(float16_storage a, float16_storage b) { return from_float(a.f() + b.f()); }
    friend float16_storage operator-(float16_storage a, float16_storage b) { return from_float(a.f() - b.f()); }
    friend float16_storage operator*(float16_storage a, float16_storage b) { return from_float(a.f() * b.f()); }
    friend float16_storage operator/(float16_storage a, float16_storage b) { return from_float(a.f() / b.f()); }
    friend float16_storage operator-(float16_storage a) {
        float16_storage r;
        r.bits = uint16_t(a.bits ^ 0x8000u);
        return r;
    }
    friend bool operator==(float16_storage a, float16_storage b) { return a.f() == b.f(); }
    friend bool operator!=(float16_storage a, float16_storage b) { return a.f() != b.f(); }
    friend bool operator<(float16_storage a, float16_storage b) { return a.f() < b.f(); }
    friend bool operator<=(float16_storage a, float16_storage b) { return a.f() <= b.f(); }
    friend bool operator>(float16_storage a, float16_storage b) { return a.f() > b.f(); }
    friend bool operator>=(float16_storage a, float16_storage b) { return a.f() >= b.f(); }
    float16_storage& operator+=(float16_storage b) { return *this = *this + b; }
    float16_storage& operator-=(float16_storage b) { return *this = *this - b; }
    float16_storage& operator*=(float16_storage b) { return *this = *this * b; }
    float16_storage& operator/=(float16_storage b) { return *this = *this / b; }
};

struct half_tag {};
struct bfloat_tag {};
inline float bfloat_bits_to_float(uint16_t b) { return std::bit_cast<float>(uint32_t(b) << 16); }

using half = float16_storage<half_tag, shim_detail::float_to_half_bits, shim_detail::half_bits_to_float>;
using bfloat = float16_storage<bfloat_tag, shim_detail::float_to_bfloat_bits, bfloat_bits_to_float>;
static_assert(sizeof(half) == 2 && sizeof(bfloat) == 2, "16-bit floats must be 2 bytes, as in device buffers");

// Small vectors: construction, indexing, element-wise + - * (components by [i], not .x).
template <class T, int N>
struct vec {
    T v[N];

    vec() = default;
    explicit vec(T s) {
        for (int i = 0; i < N; i++) {
            v[i] = s;
        }
    }
    template <class... A>
        requires(sizeof...(A) == N && N > 1)
    vec(A... a) : v{T(a)...} {}
    T& operator[](int i) { return v[i]; }
    T operator[](int i) const { return v[i]; }
    friend vec operator+(vec a, vec b) {
        for (int i = 0; i < N; i++) {
            a.v[i] = a.v[i] + b.v[i];
        }
        return a;
    }
    friend vec operator-(vec a, vec b) {
        for (int i = 0; i < N; i++) {
            a.v[i] = a.v[i] - b.v[i];
        }
        return a;
    }
    friend vec operator*(vec a, vec b) {
        for (int i = 0; i < N; i++) {
            a.v[i] = a.v[i] * b.v[i];
        }
        return a;
    }
};

using float2 = vec<float, 2>;
using float4 = vec<float, 4>;
using half2 = vec<half, 2>;
using half4 = vec<half, 4>;
using int2 = vec<int, 2>;
using uint2 = vec<uint, 2>;
using uint3 = vec<uint, 3>;
using ulong2 = vec<ulong, 2>;

} // namespace metal
