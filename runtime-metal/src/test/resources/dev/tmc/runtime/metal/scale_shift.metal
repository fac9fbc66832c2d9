// Hand-written kernels of scale_shift.tmc.json, for MetalGpuTest on a Mac.
#include <metal_stdlib>
using namespace metal;

kernel void k_mul(device const float* in_x [[buffer(0)]], device float* t7 [[buffer(1)]],
                  constant int& d_N [[buffer(2)]], constant float& s_s [[buffer(3)]],
                  uint group [[threadgroup_position_in_grid]], uint thread [[thread_position_in_threadgroup]]) {
    uint i = group * 4 + thread;
    if (i < uint(d_N)) {
        t7[i] = in_x[i] * s_s;
    }
}

kernel void k_add_one(device const float* t7 [[buffer(0)]], device float* out_y [[buffer(1)]],
                      uint group [[threadgroup_position_in_grid]]) {
    out_y[group] = t7[group] + 1.0f;
}
