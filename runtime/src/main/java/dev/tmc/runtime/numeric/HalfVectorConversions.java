// f16 bits <-> float over array ranges with the Vector API, lane by lane the integer steps of Float16.toFloatByBits
// and Float16.fromFloat, so the same bits; loaded only when the JVM resolved jdk.incubator.vector (see BlockMath).
package dev.tmc.runtime.numeric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

final class HalfVectorConversions {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = I.withLanes(float.class);
    /** As many shorts as I has ints: half its bits. */
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class,
            VectorShape.forBitSize(I.vectorBitSize() / 2));

    private HalfVectorConversions() {}

    static void fromF16(short[] src, int srcFrom, float[] dst, int dstFrom, int length) {
        int k = 0;
        for (int whole = I.loopBound(length); k < whole; k += I.length()) {
            IntVector h = ((IntVector) ShortVector.fromArray(S, src, srcFrom + k)
                    .convertShape(VectorOperators.S2I, I, 0)).and(0xffff);
            IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
            IntVector magnitude = h.and(0x7fff);
            // Normal: the exponent rebiased from 15 to 127; infinity and NaN: from 31 to 255; subnormal: the
            // fraction times 2^-24, exact in float arithmetic.
            IntVector normal = magnitude.lanewise(VectorOperators.LSHL, 13).add((127 - 15) << 23);
            IntVector special = magnitude.lanewise(VectorOperators.LSHL, 13).add((255 - 31) << 23);
            IntVector subnormal = ((FloatVector) magnitude.convert(VectorOperators.I2F, 0)).mul(0x1p-24f)
                    .reinterpretAsInts();
            IntVector bits = normal.blend(special, magnitude.compare(VectorOperators.GE, 0x7c00))
                    .blend(subnormal, magnitude.compare(VectorOperators.LT, 0x0400));
            bits.or(sign).reinterpretAsFloats().intoArray(dst, dstFrom + k);
        }
        for (; k < length; k++) {
            dst[dstFrom + k] = Float16.toFloat(src[srcFrom + k]);
        }
    }

    /**
     * {@code a[i] = Float16.round(a[i])} on the float's bits, as Float16.round does for normal halves: the fraction
     * rounded to 10 bits half to even (a carry bumps the exponent); a subnormal half by adding and subtracting 0.5f
     * (the ulp of floats in [0.5, 1) is the half's 2^-24); 65520 and up to infinity, NaN to the quiet NaN; the sign
     * put back. Half the operations of a toF16 and fromF16 round trip in registers (0.41 -> 0.38 ns per element
     * on one core, docs/benchmarks.md, cpupw); the same bits for every float (checked once over all 2^32).
     */
    static void round(float[] a, int from, int to) {
        int i = from;
        for (int whole = from + F.loopBound(to - from); i < whole; i += F.length()) {
            IntVector bits = FloatVector.fromArray(F, a, i).reinterpretAsInts();
            IntVector sign = bits.and(0x8000_0000);
            IntVector magnitude = bits.and(0x7fff_ffff);
            IntVector normal = magnitude.add(magnitude.lanewise(VectorOperators.LSHR, 13).and(1)).add((1 << 12) - 1)
                    .and(-(1 << 13));
            IntVector subnormal = magnitude.reinterpretAsFloats().add(0.5f).sub(0.5f).reinterpretAsInts();
            IntVector special = IntVector.broadcast(I, 0x7f80_0000)
                    .blend(0x7fc0_0000, magnitude.compare(VectorOperators.GT, 0x7f80_0000));
            IntVector rounded = subnormal.blend(normal, magnitude.compare(VectorOperators.GE, 0x3880_0000))
                    .blend(special, magnitude.compare(VectorOperators.GE, 0x477f_f000));
            rounded.or(sign).reinterpretAsFloats().intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Float16.round(a[i]);
        }
    }

    static void toF16(float[] src, int srcFrom, short[] dst, int dstFrom, int length) {
        int k = 0;
        for (int whole = F.loopBound(length); k < whole; k += F.length()) {
            FloatVector f = FloatVector.fromArray(F, src, srcFrom + k);
            IntVector bits = f.reinterpretAsInts();
            IntVector sign = bits.lanewise(VectorOperators.LSHR, 16).and(0x8000);
            IntVector magnitude = bits.and(0x7fff_ffff);
            IntVector overflow = IntVector.broadcast(I, 0x7c00)
                    .blend(0x7e00, magnitude.compare(VectorOperators.GT, 0x7f80_0000));
            IntVector rebiased = magnitude.sub((127 - 15) << 23);
            IntVector normal = rebiased.add((1 << 12) - 1).add(rebiased.lanewise(VectorOperators.LSHR, 13).and(1))
                    .lanewise(VectorOperators.LSHR, 13);
            IntVector subnormal = magnitude.reinterpretAsFloats().add(0.5f).reinterpretAsInts().sub(0x3f00_0000);
            VectorMask<Integer> isNormal = magnitude.compare(VectorOperators.GE, 0x3880_0000);
            VectorMask<Integer> isOverflow = magnitude.compare(VectorOperators.GE, 0x477f_f000);
            IntVector half = subnormal.blend(normal, isNormal).blend(overflow, isOverflow).or(sign);
            half.convertShape(VectorOperators.I2S, S, 0).reinterpretAsShorts().intoArray(dst, dstFrom + k);
        }
        for (; k < length; k++) {
            dst[dstFrom + k] = Float16.fromFloat(src[srcFrom + k]);
        }
    }
}
