// LaneReductions against lane accumulators written out here (lane k combines elements from + k, from + k + L, ... in
// order, with float + and Math.max/min), bit for bit (NaNs as NaN): in this JVM (the Vector API path where surefire passes
// --add-modules jdk.incubator.vector) and in a child JVM without the flag (the scalar loop).
package dev.tmc.runtime.numeric;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneReductionsTest {
    private static final float[] SPECIAL = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.MIN_NORMAL, 1e-40f, -1e-40f, 3.4e38f, 0.1f};

    /** Every case's lanes after sum, max and min, as raw bits, one case a line. */
    static String results() {
        StringBuilder out = new StringBuilder();
        Random random = new Random(5);
        for (int lanes : new int[] {16, 8, 32, 5, 1}) {
            for (int[] range : new int[][] {{0, 256}, {0, 0}, {0, 15}, {3, 40}, {1, 255}, {7, 1000}, {16, 4099}}) {
                for (int kind = 0; kind < 4; kind++) {
                    float[] a = values(random, range[1] + 3, kind);
                    for (String op : new String[] {"sum", "max", "min"}) {
                        float[] acc = start(random, lanes, op);
                        switch (op) {
                            case "sum": LaneReductions.sum(acc, a, range[0], range[1]); break;
                            case "max": LaneReductions.max(acc, a, range[0], range[1]); break;
                            default: LaneReductions.min(acc, a, range[0], range[1]);
                        }
                        out.append(bits(acc)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** The same cases with the lanes combined one element at a time, here. */
    static String expected() {
        StringBuilder out = new StringBuilder();
        Random random = new Random(5);
        for (int lanes : new int[] {16, 8, 32, 5, 1}) {
            for (int[] range : new int[][] {{0, 256}, {0, 0}, {0, 15}, {3, 40}, {1, 255}, {7, 1000}, {16, 4099}}) {
                for (int kind = 0; kind < 4; kind++) {
                    float[] a = values(random, range[1] + 3, kind);
                    for (String op : new String[] {"sum", "max", "min"}) {
                        float[] acc = start(random, lanes, op);
                        for (int i = range[0]; i < range[1]; i++) {
                            int k = (i - range[0]) % lanes;
                            acc[k] = op.equals("sum") ? acc[k] + a[i] : op.equals("max") ? Math.max(acc[k], a[i])
                                    : Math.min(acc[k], a[i]);
                        }
                        out.append(bits(acc)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** Ordinary values (sums that round differently in another order), random bit patterns, special values. */
    private static float[] values(Random random, int n, int kind) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case 0: a[i] = (float) random.nextGaussian() * (1 << random.nextInt(20)); break;
                case 1: a[i] = Float.intBitsToFloat(random.nextInt()); break;
                case 2: a[i] = SPECIAL[random.nextInt(SPECIAL.length)]; break;
                default: a[i] = random.nextInt(8) == 0 ? -0f : random.nextFloat() - 0.5f;
            }
        }
        return a;
    }

    private static float[] start(Random random, int lanes, String op) {
        float[] acc = new float[lanes];
        for (int k = 0; k < lanes; k++) {
            acc[k] = random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
                    : op.equals("sum") ? random.nextFloat() : op.equals("max") ? Float.NEGATIVE_INFINITY
                    : Float.POSITIVE_INFINITY;
        }
        return acc;
    }

    private static String bits(float[] acc) {
        StringBuilder s = new StringBuilder();
        for (float f : acc) {
            // Every NaN as one: which NaN an add of two returns depends on the order of its operands, which the
            // JIT may swap (an add commutes), so not even a plain loop fixes a NaN's sign.
            s.append(Integer.toHexString(Float.floatToIntBits(f))).append(' ');
        }
        return s.toString();
    }

    /** The child: prints whether it vectorized, then the results. */
    public static void main(String[] args) {
        System.out.print(BlockMath.vectorized() + "\n" + results());
    }

    @Test
    void vectorPathGivesTheLanesBits() {
        assertTrue(BlockMath.vectorized(), "surefire runs the runtime's tests with the Vector API");
        assertEquals(expected(), results());
    }

    @Test
    void scalarPathGivesTheLanesBits() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LaneReductionsTest.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, child.exitValue(), output);
        assertEquals("false\n" + expected(), output);
    }
}
