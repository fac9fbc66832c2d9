// BlockMath with the Vector API (this module's tests run with --add-modules jdk.incubator.vector) against
// ScalarMath's per-element exp and erf, bit for bit: random bit patterns, ordinary values and the special ones.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class BlockMathTest {
    /** NaNs, infinities, zeros, subnormals, the overflow and underflow edges of exp, erf's switch and saturation. */
    static final float[] SPECIAL = {
        Float.NaN, Float.intBitsToFloat(0xffc00001), Float.intBitsToFloat(0x7f800001), Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Math.nextDown(Float.MIN_NORMAL), Float.MAX_VALUE, -Float.MAX_VALUE, 88.72284f, Math.nextDown(88.72284f),
        89f, Math.nextUp(89f), -87.33655f, -103.27893f, -103.972076f, -104f, Math.nextDown(-104f), 1f, -1f,
        FloatFunctions.ERF_SPLIT, Math.nextDown(FloatFunctions.ERF_SPLIT), -FloatFunctions.ERF_SPLIT, 3.9192059f,
        4f, Math.nextUp(4f), -4f, 1e-20f, -1e-20f, 0.5f, 2f,
    };

    @Test
    void runsWithTheVectorApiHere() {
        assertTrue(BlockMath.vectorized(), "surefire's argLine adds jdk.incubator.vector");
    }

    @Test
    void expIsScalarMathBitForBit() {
        compare("exp", ScalarMath::exp, BlockMath::exp);
    }

    @Test
    void erfIsScalarMathBitForBit() {
        compare("erf", ScalarMath::erf, BlockMath::erf);
    }

    /** erf's tail, where the vector code takes its own exp (expOfTail): every 7th float of [0.9, 4.5], both signs. */
    @Test
    void erfTailIsScalarMathBitForBit() {
        int first = Float.floatToRawIntBits(0.9f);
        int last = Float.floatToRawIntBits(4.5f);
        float[] a = new float[(last - first) / 7 * 2 + 2];
        int n = 0;
        for (int bits = first; bits <= last && n + 1 < a.length; bits += 7) {
            a[n++] = Float.intBitsToFloat(bits);
            a[n++] = -Float.intBitsToFloat(bits);
        }
        float[] b = a.clone();
        BlockMath.erf(b, 0, n);
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(ScalarMath.erf(a[i])) != Float.floatToRawIntBits(b[i])) {
                assertEquals(ScalarMath.erf(a[i]), b[i], "erf(" + a[i] + ")");
            }
        }
    }

    interface Block {
        void apply(float[] a, int from, int to);
    }

    interface Scalar {
        float apply(float x);
    }

    private static void compare(String name, Scalar scalar, Block block) {
        SplittableRandom random = new SplittableRandom(5);
        IntFunction<Float> bitPattern = i -> Float.intBitsToFloat(random.nextInt());
        IntFunction<Float> ordinary = i -> (float) (random.nextGaussian() * 30);
        IntFunction<Float> special = i -> SPECIAL[random.nextInt(SPECIAL.length)];
        for (IntFunction<Float> source : java.util.List.of(bitPattern, ordinary, special)) {
            for (int round = 0; round < 40; round++) {
                float[] a = new float[1000 + random.nextInt(100)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = source.apply(i);
                }
                float[] b = a.clone();
                int from = random.nextInt(40); // ranges that start and end off the vector length
                int to = a.length - random.nextInt(40);
                block.apply(b, from, to);
                for (int i = 0; i < a.length; i++) {
                    float want = i >= from && i < to ? scalar.apply(a[i]) : a[i];
                    if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(b[i])
                            && !(Float.isNaN(want) && Float.isNaN(b[i]))) {
                        assertEquals(want, b[i], name + "(" + a[i] + ") at " + i + " of [" + from + ", " + to + ")");
                    }
                }
            }
        }
    }
}
