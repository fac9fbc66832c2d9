// Tensor-core issue rate of mma.sync on this GPU: tf32 m16n8k8 (tmc_mat8's instruction) against
// bf16 m16n8k16, 32 independent accumulators per warp (as a warp of tmc's 128x128 tile holds).
// Build and run: nvcc -O3 -gencode arch=compute_90,code=sm_90 -o mma_rate scripts/mma_rate.cu; ./mma_rate
// (results and their reading: docs/gpu-benchmarks.md).
#include <cstdio>
#include <cuda_runtime.h>
#define CHECK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { printf("%s: %s\n", #x, cudaGetErrorString(e)); return 1; } } while (0)

__global__ void __launch_bounds__(256) tf32_k8(float *out, int iters) {
    float c[32][4] = {};
    unsigned h = threadIdx.x * 2654435761u, a0 = 0x3f800000u | (h & 0x7fe000u), a1 = 0, a2 = a0 ^ 0x2000u, a3 = 0, b0 = a0 ^ 0x4000u, b1 = a0 ^ 0x6000u;
    for (int i = 0; i < iters; i++) {
#pragma unroll
        for (int j = 0; j < 32; j++) {
            asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
                         : "+f"(c[j][0]), "+f"(c[j][1]), "+f"(c[j][2]), "+f"(c[j][3])
                         : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1));
        }
    }
    float s = 0;
    for (int j = 0; j < 32; j++) s += c[j][0] + c[j][1] + c[j][2] + c[j][3];
    out[blockIdx.x * blockDim.x + threadIdx.x] = s;
}

__global__ void __launch_bounds__(256) bf16_k16(float *out, int iters) {
    float c[32][4] = {};
    unsigned h = threadIdx.x * 2654435761u, a0 = 0x3f803f80u | (h & 0x007f007fu), a1 = a0 ^ 0x10001u, a2 = a0 ^ 0x20002u, a3 = a0 ^ 0x30003u, b0 = a0 ^ 0x40004u, b1 = a0 ^ 0x50005u;
    for (int i = 0; i < iters; i++) {
#pragma unroll
        for (int j = 0; j < 32; j++) {
            asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
                         : "+f"(c[j][0]), "+f"(c[j][1]), "+f"(c[j][2]), "+f"(c[j][3])
                         : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1));
        }
    }
    float s = 0;
    for (int j = 0; j < 32; j++) s += c[j][0] + c[j][1] + c[j][2] + c[j][3];
    out[blockIdx.x * blockDim.x + threadIdx.x] = s;
}

int main() {
    cudaDeviceProp p;
    CHECK(cudaGetDeviceProperties(&p, 0));
    int blocks = p.multiProcessorCount, iters = 4096;
    float *out;
    CHECK(cudaMalloc(&out, blocks * 256 * sizeof(float)));
    cudaEvent_t e0, e1;
    cudaEventCreate(&e0); cudaEventCreate(&e1);
    const char *names[] = {"tf32 m16n8k8", "bf16 m16n8k16"};
    const double macs[] = {16.0 * 8 * 8, 16.0 * 8 * 16};
    for (int which = 0; which < 2; which++) {
        float best = 1e30f;
        for (int rep = 0; rep < 5; rep++) {
            cudaEventRecord(e0);
            if (which == 0) tf32_k8<<<blocks, 256>>>(out, iters); else bf16_k16<<<blocks, 256>>>(out, iters);
            cudaEventRecord(e1);
            CHECK(cudaEventSynchronize(e1));
            CHECK(cudaGetLastError());
            float ms; cudaEventElapsedTime(&ms, e0, e1);
            if (ms < best) best = ms;
        }
        double mmas = (double) blocks * 8 * iters * 32; // warps x iterations x accumulators
        double perSm = mmas / blocks / (best * 1e-3);
        printf("%s: %d SMs, best of 5 %.3f ms, %.1f TFLOP/s (hardware shape), %.2f Gmma/s per SM\n", names[which], blocks,
               best, mmas * macs[which] * 2 / (best * 1e-3) / 1e12, perSm / 1e9);
    }
    return 0;
}
