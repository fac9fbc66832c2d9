// Without --add-modules jdk.incubator.vector BlockMath takes its scalar loop, with no error and the same bits:
// a child JVM started without the flag computes the blocks (exp, erf, f16 conversions) and prints them for this
// test to compare.
package dev.tmc.runtime.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockMathScalarPathTest {
    /** The child: prints whether it vectorized, then the bits of exp and erf of the inputs, one per line. */
    public static void main(String[] args) {
        float[] exp = inputs();
        float[] erf = inputs();
        BlockMath.exp(exp, 0, exp.length);
        BlockMath.erf(erf, 0, erf.length);
        StringBuilder out = new StringBuilder().append(BlockMath.vectorized()).append('\n');
        for (int i = 0; i < exp.length; i++) {
            out.append(Float.floatToRawIntBits(exp[i])).append(' ').append(Float.floatToRawIntBits(erf[i])).append('\n');
        }
        // Every half to float, then those floats and the inputs back to halves.
        short[] halves = new short[1 << 16];
        for (int h = 0; h < halves.length; h++) {
            halves[h] = (short) h;
        }
        float[] floats = new float[halves.length + exp.length];
        BlockMath.fromF16(halves, 0, floats, 0, halves.length);
        System.arraycopy(inputs(), 0, floats, halves.length, exp.length);
        short[] back = new short[floats.length];
        BlockMath.toF16(floats, 0, back, 0, floats.length);
        float[] rounded = floats.clone();
        BlockMath.roundF16(rounded, 0, rounded.length);
        for (int i = 0; i < floats.length; i++) {
            out.append(Float.floatToRawIntBits(floats[i])).append(' ').append(back[i]).append(' ')
                    .append(Float.floatToRawIntBits(rounded[i])).append('\n');
        }
        System.out.print(out);
    }

    static float[] inputs() {
        float[] a = new float[BlockMathTest.SPECIAL.length + 500];
        System.arraycopy(BlockMathTest.SPECIAL, 0, a, 0, BlockMathTest.SPECIAL.length);
        for (int i = BlockMathTest.SPECIAL.length; i < a.length; i++) {
            a[i] = (i - 250) * 0.37f;
        }
        return a;
    }

    @Test
    void scalarPathGivesScalarMathsBits() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                BlockMathScalarPathTest.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, child.exitValue(), output);
        List<String> lines = new ArrayList<>(output.lines().toList());
        assertEquals("false", lines.get(0), "the child has no jdk.incubator.vector: " + output);
        float[] in = inputs();
        for (int i = 0; i < in.length; i++) {
            String want = Float.floatToRawIntBits(ScalarMath.exp(in[i])) + " " + Float.floatToRawIntBits(ScalarMath.erf(in[i]));
            assertEquals(want, lines.get(i + 1), "exp and erf of " + in[i]);
        }
        for (int i = 0; i < (1 << 16) + in.length; i++) {
            float f = i < 1 << 16 ? ScalarMath.fromF16Bits((short) i) : in[i - (1 << 16)];
            String want = Float.floatToRawIntBits(f) + " " + ScalarMath.toF16Bits(f) + " "
                    + Float.floatToRawIntBits(ScalarMath.f16(f));
            assertEquals(want, lines.get(in.length + 1 + i), "f16 conversions at " + i);
        }
    }
}
