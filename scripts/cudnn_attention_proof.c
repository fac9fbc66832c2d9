/* Standalone check of the bridge's cuDNN attention (runtime-cuda/src/main/c/tmc_cudnn.c) on a GPU:
 * random bf16 q, k, v in [-1, 1), the output poisoned (NaN) before the call, compared on a few heads
 * with a float64 softmax(q k^T / sqrt(E)) v computed here, then timed with CUDA events, each call
 * after the zeroing of a 256 MiB buffer (cold L2, as GpuBench does).
 * Build: cc -std=c11 -O2 -pthread -D_GNU_SOURCE -Iruntime-cuda/src/main/c scripts/cudnn_attention_proof.c \
 *          runtime-cuda/src/main/c/tmc_cuda.c runtime-cuda/src/main/c/tmc_cudnn.c -ldl -lm -o proof
 * Run:   ./proof B H T S E [timed calls] */
#include "tmc_cuda.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t seed = 0x9e3779b97f4a7c15ull;

static uint16_t random_bf16(void) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    float f = (float)((seed >> 40) / 16777216.0) * 2.0f - 1.0f;
    uint32_t bits;
    memcpy(&bits, &f, 4);
    return (uint16_t)(bits >> 16); /* truncation: the value is then exactly this bf16 */
}

static double bf16(uint16_t h) {
    uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

#define OK(expr)                                                                   \
    do {                                                                           \
        if ((expr) != 0) {                                                         \
            fprintf(stderr, "%s failed: %s\n", #expr, tmc_cuda_error());           \
            exit(1);                                                               \
        }                                                                          \
    } while (0)

static int compare(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s B H T S E [timed calls]\n", argv[0]);
        return 2;
    }
    int64_t b = atoll(argv[1]), h = atoll(argv[2]), t = atoll(argv[3]), s = atoll(argv[4]), e = atoll(argv[5]);
    int reps = argc > 6 ? atoi(argv[6]) : 20;
    int64_t heads = b * h;
    size_t nq = (size_t)(heads * t * e), nk = (size_t)(heads * s * e);
    uint16_t *q = malloc(nq * 2), *k = malloc(nk * 2), *v = malloc(nk * 2), *o = malloc(nq * 2);
    for (size_t i = 0; i < nq; i++) q[i] = random_bf16();
    for (size_t i = 0; i < nk; i++) k[i] = random_bf16();
    for (size_t i = 0; i < nk; i++) v[i] = random_bf16();

    OK(tmc_cuda_open(0));
    if (!tmc_cuda_attention_available()) {
        printf("cuDNN not available: %s\n", tmc_cuda_error());
        return 1;
    }
    uint64_t dq, dk, dv, dout, ws, flush;
    uint64_t ws_bytes = 32ull << 20, flush_bytes = 256ull << 20;
    OK(tmc_cuda_alloc(nq * 2, &dq));
    OK(tmc_cuda_alloc(nk * 2, &dk));
    OK(tmc_cuda_alloc(nk * 2, &dv));
    OK(tmc_cuda_alloc(nq * 2, &dout));
    OK(tmc_cuda_alloc(ws_bytes, &ws));
    OK(tmc_cuda_alloc(flush_bytes, &flush));
    OK(tmc_cuda_upload(dq, q, nq * 2));
    OK(tmc_cuda_upload(dk, k, nk * 2));
    OK(tmc_cuda_upload(dv, v, nk * 2));
    OK(tmc_cuda_fill(dout, nq * 2, 0xff));
    float scale = (float)(1.0 / sqrt((double)e));

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int r = tmc_cuda_attention(dq, dk, dv, dout, heads, t, s, e, scale, 0, ws, ws_bytes);
    OK(tmc_cuda_synchronize());
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("shape B=%lld H=%lld T=%lld S=%lld E=%lld: status %d (%s), first call %.1f ms\n", (long long)b,
           (long long)h, (long long)t, (long long)s, (long long)e, r, tmc_cuda_attention_plan_info(),
           (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    if (r == 1) {
        printf("RESULT no plan (the fused kernel would run)\n");
        return 0;
    }
    if (r != 0) {
        printf("RESULT FAILED: %s\n", tmc_cuda_error());
        return 1;
    }
    OK(tmc_cuda_download(o, dout, nq * 2));
    size_t unwritten = 0;
    for (size_t i = 0; i < nq; i++) {
        if (isnan(bf16(o[i]))) unwritten++;
    }
    /* float64 reference on up to three heads: the first, a middle one, the last. */
    int64_t checked[3] = {0, heads / 2, heads - 1};
    double num = 0, den = 0;
    double *p = malloc((size_t)s * sizeof *p);
    for (int c = 0; c < 3; c++) {
        int64_t hh = checked[c];
        for (int64_t i = 0; i < t; i++) {
            const uint16_t *qi = q + (hh * t + i) * e;
            double m = -INFINITY, l = 0;
            for (int64_t j = 0; j < s; j++) {
                const uint16_t *kj = k + (hh * s + j) * e;
                double dot = 0;
                for (int64_t x = 0; x < e; x++) dot += bf16(qi[x]) * bf16(kj[x]);
                p[j] = dot * (1.0 / sqrt((double)e));
                if (p[j] > m) m = p[j];
            }
            for (int64_t j = 0; j < s; j++) {
                p[j] = exp(p[j] - m);
                l += p[j];
            }
            for (int64_t x = 0; x < e; x++) {
                double acc = 0;
                for (int64_t j = 0; j < s; j++) acc += p[j] * bf16(v[(hh * s + j) * e + x]);
                double ref = acc / l, got = bf16(o[(hh * t + i) * e + x]);
                num += (got - ref) * (got - ref);
                den += ref * ref;
            }
        }
    }
    double rel = sqrt(num / den);
    int pass = unwritten == 0 && rel < 1e-2;
    printf("RESULT %s: rel. error vs float64 on heads {0, %lld, %lld}: %.2e; unwritten (NaN) elements: %zu of %zu\n",
           pass ? "CORRECT" : "WRONG", (long long)checked[1], (long long)checked[2], rel, unwritten, nq);
    if (!pass || reps <= 0) {
        return pass ? 0 : 1;
    }
    uint64_t start, end;
    OK(tmc_cuda_event_create(&start));
    OK(tmc_cuda_event_create(&end));
    float *cold = malloc((size_t)reps * sizeof *cold), *warm = malloc((size_t)reps * sizeof *warm);
    for (int i = 0; i < reps; i++) {
        OK(tmc_cuda_zero(flush, flush_bytes));
        OK(tmc_cuda_event_record(start));
        OK(tmc_cuda_attention(dq, dk, dv, dout, heads, t, s, e, scale, 0, ws, ws_bytes));
        OK(tmc_cuda_event_record(end));
        OK(tmc_cuda_event_elapsed(start, end, &cold[i]));
    }
    float *host = malloc((size_t)reps * sizeof *host);
    for (int i = 0; i < reps; i++) {
        OK(tmc_cuda_event_record(start));
        clock_gettime(CLOCK_MONOTONIC, &t0);
        OK(tmc_cuda_attention(dq, dk, dv, dout, heads, t, s, e, scale, 0, ws, ws_bytes));
        clock_gettime(CLOCK_MONOTONIC, &t1);
        OK(tmc_cuda_event_record(end));
        OK(tmc_cuda_event_elapsed(start, end, &warm[i]));
        host[i] = (float)((t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3);
    }
    qsort(host, (size_t)reps, sizeof *host, compare);
    qsort(cold, (size_t)reps, sizeof *cold, compare);
    qsort(warm, (size_t)reps, sizeof *warm, compare);
    double flops = 4.0 * (double)heads * (double)t * (double)s * (double)e;
    printf("TIME median of %d: %.4f ms after a 256 MiB zeroing (min %.4f), %.4f ms back to back; %.0f TFLOP/s; "
           "host %.1f us per call (median)\n", reps, cold[reps / 2], cold[0], warm[reps / 2],
           flops / (cold[reps / 2] * 1e-3) / 1e12, host[reps / 2]);
    return 0;
}
