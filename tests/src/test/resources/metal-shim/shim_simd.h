// metal-shim: simdgroup functions over the 32 lanes of a simdgroup (see shim_threads.h for how lanes
// exchange values). Reductions combine in lane order; float ones behave like MSL's (simd_max and
// simd_min ignore NaN as fmax and fmin do), integer sums wrap.
#pragma once

#include "shim_threads.h"

#include <type_traits>

namespace metal {

namespace shim_detail {

template <class T>
T sum_of(const T* v, int n) {
    if constexpr (std::is_integral_v<T>) {
        std::make_unsigned_t<T> s = 0;
        for (int i = 0; i < n; i++) {
            s = std::make_unsigned_t<T>(s + std::make_unsigned_t<T>(v[i]));
        }
        return T(s);
    } else {
        float s = 0.0f;
        for (int i = 0; i < n; i++) {
            s += float(v[i]);
        }
        return T(s);
    }
}

template <class T>
T product_of(const T* v, int n) {
    if constexpr (std::is_integral_v<T>) {
        std::make_unsigned_t<T> p = 1;
        for (int i = 0; i < n; i++) {
            p = std::make_unsigned_t<T>(p * std::make_unsigned_t<T>(v[i]));
        }
        return T(p);
    } else {
        float p = 1.0f;
        for (int i = 0; i < n; i++) {
            p *= float(v[i]);
        }
        return T(p);
    }
}

template <class T>
T extreme_of(const T* v, int n, bool greatest) {
    T best = v[0];
    for (int i = 1; i < n; i++) {
        if constexpr (std::is_integral_v<T>) {
            best = greatest ? (v[i] > best ? v[i] : best) : (v[i] < best ? v[i] : best);
        } else {
            float b = float(best);
            float x = float(v[i]);
            best = T(greatest ? std::fmax(b, x) : std::fmin(b, x));
        }
    }
    return best;
}

} // namespace shim_detail

template <class T>
T simd_sum(T x) {
    return tmc_shim::simd_collective(x, "simd_sum", [](const T* v, int n, int) { return shim_detail::sum_of(v, n); });
}

template <class T>
T simd_product(T x) {
    return tmc_shim::simd_collective(x, "simd_product",
                                     [](const T* v, int n, int) { return shim_detail::product_of(v, n); });
}

template <class T>
T simd_max(T x) {
    return tmc_shim::simd_collective(x, "simd_max",
                                     [](const T* v, int n, int) { return shim_detail::extreme_of(v, n, true); });
}

template <class T>
T simd_min(T x) {
    return tmc_shim::simd_collective(x, "simd_min",
                                     [](const T* v, int n, int) { return shim_detail::extreme_of(v, n, false); });
}

/** The value of lane {@code lane ^ mask}; a lane outside the simdgroup gives the caller's own value. */
template <class T>
T simd_shuffle_xor(T x, ushort mask) {
    return tmc_shim::simd_collective(x, "simd_shuffle_xor", [mask](const T* v, int n, int lane) {
        int from = lane ^ int(mask);
        return from < n ? v[from] : v[lane];
    });
}

template <class T>
T simd_shuffle(T x, ushort from) {
    return tmc_shim::simd_collective(x, "simd_shuffle", [from](const T* v, int n, int lane) {
        return int(from) < n ? v[from] : v[lane];
    });
}

template <class T>
T simd_broadcast(T x, ushort from) {
    return simd_shuffle(x, from);
}

template <class T>
T simd_shuffle_down(T x, ushort delta) {
    return tmc_shim::simd_collective(x, "simd_shuffle_down", [delta](const T* v, int n, int lane) {
        return lane + int(delta) < n ? v[lane + int(delta)] : v[lane];
    });
}

template <class T>
T simd_shuffle_up(T x, ushort delta) {
    return tmc_shim::simd_collective(x, "simd_shuffle_up", [delta](const T* v, int, int lane) {
        return lane >= int(delta) ? v[lane - int(delta)] : v[lane];
    });
}

inline bool simd_any(bool x) {
    return tmc_shim::simd_collective(x, "simd_any", [](const bool* v, int n, int) {
        for (int i = 0; i < n; i++) {
            if (v[i]) {
                return true;
            }
        }
        return false;
    });
}

inline bool simd_all(bool x) {
    return tmc_shim::simd_collective(x, "simd_all", [](const bool* v, int n, int) {
        for (int i = 0; i < n; i++) {
            if (!v[i]) {
                return false;
            }
        }
        return true;
    });
}

} // namespace metal
