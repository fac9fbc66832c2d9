// FloatFunctions' exp and erf over float[] ranges with the Vector API, lane by lane the same operations, so the
// same bits; loaded only when the JVM resolved jdk.incubator.vector (see BlockMath).
package dev.tmc.runtime.numeric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.tmc.runtime.numeric.FloatFunctions.*;

final class FloatVectorFunctions {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private FloatVectorFunctions() {}

    /**
     * FloatFunctions.exp lane by lane. Written out in the loop, no helper method, for the reason erf is (below):
     * a helper that C2 stops inlining inside a big kernel boxes the vectors.
     */
    static void exp(float[] a, int from, int to) {
        int i = from;
        for (int whole = from + F.loopBound(to - from); i < whole; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, i);
            // Compare and blend, not min and max (NaN stays NaN either way): no NaN and signed-zero fix-ups.
            FloatVector d = x.blend(EXP_LOW, x.lt(EXP_LOW)).blend(EXP_HIGH, x.compare(VectorOperators.GT, EXP_HIGH));
            FloatVector t = d.fma(LOG2E, ROUNDER);
            FloatVector n = t.sub(ROUNDER);
            FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), d);
            r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector q = r.fma(E6, E5).fma(r, FloatVector.broadcast(F, E4)).fma(r, FloatVector.broadcast(F, E3)).fma(r, FloatVector.broadcast(F, E2));
            FloatVector p = q.fma(r.mul(r), r).add(1f);
            IntVector k = t.reinterpretAsInts().sub(ROUNDER_BITS);
            IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            IntVector k2 = k.sub(k1);
            // 2^k1 * 2^k2, each a normal float.
            FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(s1).mul(s2).intoArray(a, i);
        }
        FloatFunctions.exp(a, i, to);
    }

    /**
     * Both of FloatFunctions.erf's forms for every lane, one selected. Written out in the loop, no helper method: C2
     * inlines the loop into a kernel whole or not at all, whereas a helper it stops inlining (NodeCountInliningCutoff)
     * boxes the vectors, which made gelu_bias f16's kernel 1.7 times slower (docs/benchmarks.md, cpupw).
     */
    static void erf(float[] a, int from, int to) {
        int i = from;
        for (int whole = from + F.loopBound(to - from); i < whole; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, i);
            FloatVector abs = x.abs();
            FloatVector s = x.mul(x);
            FloatVector p = s.fma(A6, A5).fma(s, FloatVector.broadcast(F, A4)).fma(s, FloatVector.broadcast(F, A3))
                    .fma(s, FloatVector.broadcast(F, A2)).fma(s, FloatVector.broadcast(F, A1))
                    .fma(s, FloatVector.broadcast(F, A0));
            FloatVector small = x.fma(p, x);
            FloatVector t = abs.blend(ERF_SATURATION, abs.compare(VectorOperators.GT, ERF_SATURATION));
            FloatVector u = t.sub(ERF_CENTER);
            FloatVector r = u.fma(B6, B5).fma(u, FloatVector.broadcast(F, B4)).fma(u, FloatVector.broadcast(F, B3))
                    .fma(u, FloatVector.broadcast(F, B2)).fma(u, FloatVector.broadcast(F, B1))
                    .fma(u, FloatVector.broadcast(F, B0));
            // exp(d) for d = -t^2 + R(t) in about [-18, -1.6] (t in [0.921875, 4], or NaN): exp's steps without its
            // clamps, and 2^n applied at once since it and the result are normal: the same bits as exp there
            // (multiplying by 2^n1 and then 2^n2 is exact as well); a fifth fewer operations.
            FloatVector d = t.neg().fma(t, r);
            FloatVector e = d.fma(LOG2E, ROUNDER);
            FloatVector n = e.sub(ROUNDER);
            FloatVector rr = n.fma(FloatVector.broadcast(F, -LN2_HI), d);
            rr = n.fma(FloatVector.broadcast(F, -LN2_LO), rr);
            FloatVector q = rr.fma(E6, E5).fma(rr, FloatVector.broadcast(F, E4)).fma(rr, FloatVector.broadcast(F, E3))
                    .fma(rr, FloatVector.broadcast(F, E2));
            FloatVector expD = q.fma(rr.mul(rr), rr).add(1f).mul(e.reinterpretAsInts().sub(ROUNDER_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector magnitude = FloatVector.broadcast(F, 1f).sub(expD);
            IntVector sign = x.reinterpretAsInts().and(0x8000_0000);
            FloatVector large = magnitude.reinterpretAsInts().and(0x7fff_ffff).or(sign).reinterpretAsFloats();
            large.blend(small, abs.lt(ERF_SPLIT)).intoArray(a, i);
        }
        FloatFunctions.erf(a, i, to);
    }
}
