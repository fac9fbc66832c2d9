// metal-shim: the metal:: math library for float, half and the integer helpers tmc's kernels use,
// with metal::precise:: and metal::fast:: variants. float functions are glibc's (close to correctly
// rounded, like MSL's precise ones); half functions evaluate in float and round once.
#pragma once

#include "shim_types.h"

#include <algorithm>
#include <cmath>

namespace metal {

#define TMC_SHIM_FLOAT_FUNCTIONS(X) \
    X(exp, std::exp(x)) X(exp2, std::exp2(x)) X(exp10, std::pow(10.0f, x)) X(log, std::log(x)) \
    X(log2, std::log2(x)) X(log10, std::log10(x)) X(sqrt, std::sqrt(x)) X(rsqrt, 1.0f / std::sqrt(x)) \
    X(sin, std::sin(x)) X(cos, std::cos(x)) X(tan, std::tan(x)) X(sinh, std::sinh(x)) X(cosh, std::cosh(x)) \
    X(tanh, std::tanh(x)) X(asin, std::asin(x)) X(acos, std::acos(x)) X(atan, std::atan(x)) \
    X(fabs, std::fabs(x)) X(abs, std::fabs(x)) X(floor, std::floor(x)) X(ceil, std::ceil(x)) \
    X(trunc, std::trunc(x)) X(rint, std::nearbyint(x)) X(round, std::round(x)) X(fract, x - std::floor(x))

#define TMC_SHIM_FLOAT_FUNCTIONS_2(X) \
    X(pow, std::pow(x, y)) X(powr, std::pow(x, y)) X(fmod, std::fmod(x, y)) X(fmin, std::fmin(x, y)) \
    X(fmax, std::fmax(x, y)) X(copysign, std::copysign(x, y)) X(atan2, std::atan2(x, y)) X(fdim, std::fdim(x, y))

#define TMC_SHIM_DEFINE(name, expr) \
    inline float name(float x) { return expr; } \
    inline half name(half h) { float x = float(h); return half(expr); }
#define TMC_SHIM_DEFINE_2(name, expr) \
    inline float name(float x, float y) { return expr; } \
    inline half name(half a, half b) { float x = float(a); float y = float(b); return half(expr); }

TMC_SHIM_FLOAT_FUNCTIONS(TMC_SHIM_DEFINE)
TMC_SHIM_FLOAT_FUNCTIONS_2(TMC_SHIM_DEFINE_2)

namespace precise {
TMC_SHIM_FLOAT_FUNCTIONS(TMC_SHIM_DEFINE)
TMC_SHIM_FLOAT_FUNCTIONS_2(TMC_SHIM_DEFINE_2)
} // namespace precise

namespace fast {
TMC_SHIM_FLOAT_FUNCTIONS(TMC_SHIM_DEFINE)
TMC_SHIM_FLOAT_FUNCTIONS_2(TMC_SHIM_DEFINE_2)
} // namespace fast

#undef TMC_SHIM_DEFINE
#undef TMC_SHIM_DEFINE_2

inline float fma(float a, float b, float c) { return std::fma(a, b, c); }
inline half fma(half a, half b, half c) { return half(std::fma(float(a), float(b), float(c))); }

inline bool signbit(float x) { return std::signbit(x); }
inline bool signbit(half x) { return (x.bits & 0x8000u) != 0; }
inline bool isnan(float x) { return std::isnan(x); }
inline bool isnan(half x) { return std::isnan(float(x)); }
inline bool isinf(float x) { return std::isinf(x); }
inline bool isinf(half x) { return std::isinf(float(x)); }
inline bool isfinite(float x) { return std::isfinite(x); }
inline bool isfinite(half x) { return std::isfinite(float(x)); }

// MSL's min and max on floats return the other operand when one is NaN (fmin, fmax).
inline float min(float a, float b) { return std::fmin(a, b); }
inline float max(float a, float b) { return std::fmax(a, b); }
inline half min(half a, half b) { return half(std::fmin(float(a), float(b))); }
inline half max(half a, half b) { return half(std::fmax(float(a), float(b))); }
inline int min(int a, int b) { return std::min(a, b); }
inline int max(int a, int b) { return std::max(a, b); }
inline uint min(uint a, uint b) { return std::min(a, b); }
inline uint max(uint a, uint b) { return std::max(a, b); }
inline float clamp(float x, float lo, float hi) { return min(max(x, lo), hi); }
inline int clamp(int x, int lo, int hi) { return min(max(x, lo), hi); }

inline uint clz(uint x) { return x == 0 ? 32u : uint(__builtin_clz(x)); }
inline int clz(int x) { return int(clz(uint(x))); }
inline uint ctz(uint x) { return x == 0 ? 32u : uint(__builtin_ctz(x)); }
inline uint popcount(uint x) { return uint(__builtin_popcount(x)); }

} // namespace metal
