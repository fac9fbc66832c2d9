// metal-shim: simdgroup matrices. On the GPU each lane holds a few elements of an 8x8 tile; here
// every lane holds the whole tile and computes every product itself, so results do not depend
// on the (unspecified) distribution of elements over lanes. Stores are collective: lane 0 writes
// between two simdgroup arrivals, so every lane sees the tile afterwards.
#pragma once

#include "shim_threads.h"

namespace metal {

template <class T, int Cols, int Rows>
struct simdgroup_matrix {
    T e[Rows][Cols];

    simdgroup_matrix() = default;
    /** MSL's scalar constructor: {@code value} on the diagonal, zero elsewhere. */
    explicit simdgroup_matrix(T value) {
        for (int r = 0; r < Rows; r++) {
            for (int c = 0; c < Cols; c++) {
                e[r][c] = r == c ? value : T(0);
            }
        }
    }
};

using simdgroup_float8x8 = simdgroup_matrix<float, 8, 8>;
using simdgroup_half8x8 = simdgroup_matrix<half, 8, 8>;

template <class T, int Cols, int Rows>
simdgroup_matrix<T, Cols, Rows> make_filled_simdgroup_matrix(T value) {
    simdgroup_matrix<T, Cols, Rows> m;
    for (int r = 0; r < Rows; r++) {
        for (int c = 0; c < Cols; c++) {
            m.e[r][c] = value;
        }
    }
    return m;
}

/** Element (r, c) of the tile at {@code origin} = (column, row) of a row-major array. */
template <class T, int Cols, int Rows>
void simdgroup_load(simdgroup_matrix<T, Cols, Rows>& d, const T* src, ulong elements_per_row = Cols,
                    ulong2 origin = ulong2(0), bool transpose = false) {
    for (ulong r = 0; r < ulong(Rows); r++) {
        for (ulong c = 0; c < ulong(Cols); c++) {
            ulong row = origin[1] + (transpose ? c : r);
            ulong col = origin[0] + (transpose ? r : c);
            d.e[r][c] = src[row * elements_per_row + col];
        }
    }
}

template <class T, int Cols, int Rows>
void simdgroup_store(simdgroup_matrix<T, Cols, Rows> a, T* dst, ulong elements_per_row = Cols,
                     ulong2 origin = ulong2(0), bool transpose = false) {
    tmc_shim::ThreadContext& ctx = tmc_shim::context("simdgroup_store");
    tmc_shim::Simdgroup& s = *ctx.group->simdgroups[ctx.at.sgid];
    tmc_shim::arrive(s, int(ctx.at.lane), tmc_shim::SIMD_FUNCTION);
    if (ctx.at.lane == 0) {
        for (ulong r = 0; r < ulong(Rows); r++) {
            for (ulong c = 0; c < ulong(Cols); c++) {
                ulong row = origin[1] + (transpose ? c : r);
                ulong col = origin[0] + (transpose ? r : c);
                dst[row * elements_per_row + col] = a.e[r][c];
            }
        }
    }
    tmc_shim::arrive(s, int(ctx.at.lane), tmc_shim::SIMD_FUNCTION);
}

/** d = a * b + c, accumulated in float and rounded once to T. */
template <class T, int K, int Rows, int Cols>
void simdgroup_multiply_accumulate(simdgroup_matrix<T, Cols, Rows>& d, const simdgroup_matrix<T, K, Rows>& a,
                                   const simdgroup_matrix<T, Cols, K>& b, const simdgroup_matrix<T, Cols, Rows>& c) {
    simdgroup_matrix<T, Cols, Rows> out;
    for (int r = 0; r < Rows; r++) {
        for (int col = 0; col < Cols; col++) {
            float sum = float(c.e[r][col]);
            for (int k = 0; k < K; k++) {
                sum += float(a.e[r][k]) * float(b.e[k][col]);
            }
            out.e[r][col] = T(sum);
        }
    }
    d = out;
}

template <class T, int K, int Rows, int Cols>
void simdgroup_multiply(simdgroup_matrix<T, Cols, Rows>& d, const simdgroup_matrix<T, K, Rows>& a,
                        const simdgroup_matrix<T, Cols, K>& b) {
    simdgroup_multiply_accumulate(d, a, b, make_filled_simdgroup_matrix<T, Cols, Rows>(T(0)));
}

} // namespace metal
