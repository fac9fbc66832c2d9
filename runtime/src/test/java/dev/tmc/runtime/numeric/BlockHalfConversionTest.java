// BlockMath's f16 <-> f32 strip conversions and f16 rounding (the Vector API path here: this module's tests run with
// --add-modules jdk.incubator.vector) against ScalarMath's per-element fromF16Bits, toF16Bits and f16, bit for bit: every half, every
// rounding case of a float, random bit patterns, always; every float with -Dtmc.exhaustive=true.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class BlockHalfConversionTest {
    @Test
    void runsWithTheVectorApiHere() {
        assertTrue(BlockMath.vectorized(), "surefire's argLine adds jdk.incubator.vector");
    }

    /** All 65536 halves, in ranges that start and end off the vector length, bits (NaN payloads included). */
    @Test
    void everyHalfConvertsToScalarMathsFloat() {
        short[] halves = new short[1 << 16];
        for (int h = 0; h < halves.length; h++) {
            halves[h] = (short) h;
        }
        for (int offset : new int[] {0, 1, 7, 13}) {
            float[] got = new float[halves.length + 20];
            got[offset] = 42f;
            int length = halves.length - offset - 3;
            BlockMath.fromF16(halves, offset, got, offset + 1, length);
            assertEquals(42f, got[offset], "nothing before the range");
            assertEquals(0f, got[offset + 1 + length], "nothing after the range");
            for (int k = 0; k < length; k++) {
                int want = Float.floatToRawIntBits(ScalarMath.fromF16Bits(halves[offset + k]));
                if (want != Float.floatToRawIntBits(got[offset + 1 + k])) {
                    assertEquals(Integer.toHexString(want), Integer.toHexString(Float.floatToRawIntBits(got[offset + 1 + k])),
                            "f16 bits 0x" + Integer.toHexString(offset + k));
                }
            }
        }
    }

    /** Low-bit patterns that decide a rounding: exact, just above, just below / at / above the half, top. */
    private static final int[] DECIDING = {0, 1, (1 << 12) - 1, 1 << 12, (1 << 12) + 1, (1 << 13) - 1};

    /**
     * Every sign, exponent and kept fraction of a normal half with every deciding pattern of the 13 dropped bits;
     * all floats whose f16 is subnormal or zero at the deciding patterns of the bits they drop; the edges.
     */
    @Test
    void everyRoundingCaseConvertsToScalarMathsHalf() {
        IntSource floats = new IntSource();
        for (int top = 0; top < 1 << 19; top++) {
            for (int low : DECIDING) {
                floats.add(top << 13 | low);
            }
        }
        for (int exponentField = 0; exponentField <= 112; exponentField++) {
            int dropped = Math.min(23, 126 - exponentField);
            int keptBits = Math.max(0, 23 - dropped);
            for (int kept = 0; kept < 1 << keptBits; kept++) {
                for (int low : new int[] {0, 1, (1 << (dropped - 1)) - 1, 1 << (dropped - 1), (1 << (dropped - 1)) + 1,
                    (int) ((1L << dropped) - 1)}) {
                    int magnitude = exponentField << 23 | kept << dropped | (low & ((1 << Math.min(dropped, 23)) - 1));
                    floats.add(magnitude);
                    floats.add(0x8000_0000 | magnitude);
                }
            }
        }
        for (int e : new int[] {0x3880_0000, 0x387f_ffff, 0x477f_efff, 0x477f_f000, 0x477f_f001, 0x477f_e000,
            0x7f7f_ffff, 0x7f80_0000, 0x7f80_0001, 0x7fc0_0000, 0x7fff_ffff, 0, 1, 0x3300_0000, 0x3300_0001,
            0x32ff_ffff}) {
            floats.add(e);
            floats.add(0x8000_0000 | e);
        }
        checkToF16(floats.toArray());
    }

    @Test
    void randomBitPatternsConvertToScalarMathsHalf() {
        SplittableRandom random = new SplittableRandom(11);
        int[] bits = new int[1 << 20];
        for (int k = 0; k < bits.length; k++) {
            bits[k] = random.nextInt();
        }
        checkToF16(bits);
    }

    /** All 2^32 floats, a block at a time (about a minute); run with -Dtmc.exhaustive=true. */
    @Test
    @EnabledIfSystemProperty(named = "tmc.exhaustive", matches = "true")
    void everyFloat() {
        int[] block = new int[1 << 20];
        for (long start = 0; start < 1L << 32; start += block.length) {
            for (int k = 0; k < block.length; k++) {
                block[k] = (int) (start + k);
            }
            checkToF16(block);
        }
    }

    /** toF16 and roundF16 of the floats with these bits, off the vector length, against ScalarMath. */
    private static void checkToF16(int[] bits) {
        checkRound(bits);
        float[] in = new float[bits.length + 3];
        for (int k = 0; k < bits.length; k++) {
            in[k + 3] = Float.intBitsToFloat(bits[k]);
        }
        short[] got = new short[bits.length + 5];
        BlockMath.toF16(in, 3, got, 5, bits.length);
        for (int k = 0; k < 5; k++) {
            assertEquals(0, got[k], "nothing before the range");
        }
        for (int k = 0; k < bits.length; k++) {
            short want = ScalarMath.toF16Bits(in[k + 3]);
            if (want != got[k + 5]) {
                assertEquals(String.format("0x%04x", want & 0xffff), String.format("0x%04x", got[k + 5] & 0xffff),
                        "f16 of float bits 0x" + Integer.toHexString(bits[k]));
            }
        }
    }

    private static void checkRound(int[] bits) {
        float[] a = new float[bits.length + 4];
        for (int k = 0; k < bits.length; k++) {
            a[k + 1] = Float.intBitsToFloat(bits[k]);
        }
        a[0] = 1.0001f;
        a[bits.length + 1] = 1.0001f;
        BlockMath.roundF16(a, 1, bits.length + 1);
        assertEquals(1.0001f, a[0], "nothing before the range");
        assertEquals(1.0001f, a[bits.length + 1], "nothing after the range");
        for (int k = 0; k < bits.length; k++) {
            int want = Float.floatToRawIntBits(ScalarMath.f16(Float.intBitsToFloat(bits[k])));
            int got = Float.floatToRawIntBits(a[k + 1]);
            if (want != got) {
                assertEquals(Integer.toHexString(want), Integer.toHexString(got),
                        "f16 rounding of float bits 0x" + Integer.toHexString(bits[k]));
            }
        }
    }

    /** A growing int array. */
    private static final class IntSource {
        private int[] values = new int[1 << 16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
