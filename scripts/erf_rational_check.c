// The error of tmc_prelude.cuh's tmc_erf_rational (TMC_ERF_RATIONAL, TMC_ERF_RCP: Eigen's and XLA's
// rational fit, explicit fmaf, x * (p * (1 / q))) against double erf on every non-negative finite f32
// (erf is odd). The reciprocal here is rounded correctly; the GPU's rcp.approx adds about 1 ulp.
// Build and run: gcc -O2 -ffp-contract=off scripts/erf_rational_check.c -lm && ./a.out (about 2 min).
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
static float rerf(float a) {
    float x = fminf(fmaxf(a, -4.0f), 4.0f);
    float x2 = x * x;
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
    return x * (p * (1.0f / q));
}
int main(void) {
    double maxabs = 0, maxrel = 0, maxgelu = 0; float at = 0, atr = 0, atg = 0;
    for (uint32_t u = 0; u < 0x7f800000u; u += 1) {
        float x; memcpy(&x, &u, 4);
        double e = erf((double)x);
        double r = rerf(x);
        double ab = fabs(r - e), rel = fabsf(x) >= 1.17549435e-38f ? ab / fabs(e) : 0;
        if (ab > maxabs) { maxabs = ab; at = x; }
        if (rel > maxrel) { maxrel = rel; atr = x; }
        // gelu(y) with x = y * 0.70703125 in the kernel: relative error of 1 + erf
        double g = ab / (1.0 - fabs(e) + 1e-300); // worst side: 1 - |erf|
        if (x < 3.0f && g > maxgelu) { maxgelu = g; atg = x; }
    }
    printf("max abs %.3g at %g; max rel %.3g at %g; max rel of 1-|erf| for |x|<3 %.3g at %g\n",
           maxabs, at, maxrel, atr, maxgelu, atg);
    return 0;
}
