// Npy write-then-read over every type and ranks 0..3, plus the conversions writing applies.
package dev.tmc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NpyRoundTripTest {
    private static final long[][] SHAPES = {{}, {0}, {5}, {2, 3}, {2, 3, 4}, {3, 0, 2}, {1, 1, 1}};

    static Stream<Arguments> typesAndShapes() {
        return Arrays.stream(NpyType.values())
                .flatMap(type -> Arrays.stream(SHAPES).map(shape -> Arguments.of(type, shape)));
    }

    /** Values every type holds exactly: small integers (0/1 for bool), plus halves for the floats. */
    private static double[] representableValues(NpyType type, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (type) {
                case B1 -> i % 3 == 0 ? 1 : 0;
                case U1 -> (i * 37) % 256;
                case I4, I8 -> (i % 2 == 0 ? 1 : -1) * (i * 1001L);
                case F2, F4, F8 -> (i % 2 == 0 ? 1 : -1) * (i + 0.5);
            };
        }
        return values;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndShapes")
    void bytesRoundTrip(NpyType type, long[] shape) throws Exception {
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        NpyArray array = new NpyArray(type, shape, representableValues(type, count));
        byte[] bytes = Npy.toBytes(array);
        assertEquals(0, (bytes.length - count * type.itemSize()) % 64, "data is 64-aligned");
        assertEquals(array, Npy.read("rt.npy", bytes));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndShapes")
    void fileRoundTrip(NpyType type, long[] shape, @TempDir Path dir) throws Exception {
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        NpyArray array = new NpyArray(type, shape, representableValues(type, count));
        Path file = dir.resolve("a.npy");
        Npy.write(file, array);
        assertArrayEquals(Npy.toBytes(array), Files.readAllBytes(file));
        assertEquals(array, Npy.read(file));
    }

    /** More data than one write chunk, so the streaming writer's chunk boundaries are crossed. */
    @Test
    void largeFileRoundTrip(@TempDir Path dir) throws Exception {
        double[] values = new double[100_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25 - 7;
        }
        NpyArray array = new NpyArray(NpyType.F8, new long[] {values.length}, values);
        Path file = dir.resolve("big.npy");
        Npy.write(file, array);
        assertArrayEquals(Npy.toBytes(array), Files.readAllBytes(file));
        assertEquals(array, Npy.read(file));
    }

    private static double[] writtenThenRead(NpyType type, double... values) throws Exception {
        return Npy.read("c.npy", Npy.toBytes(NpyArray.vector(type, values))).values();
    }

    @Test
    void writingConvertsToTheType() throws Exception {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        assertArrayEquals(new double[] {2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, Integer.MAX_VALUE},
                writtenThenRead(NpyType.I4, 2.9, -2.9, 1e10, -1e10, nan, inf));
        assertArrayEquals(new double[] {2, -2, Long.MAX_VALUE, Long.MIN_VALUE, 0},
                writtenThenRead(NpyType.I8, 2.9, -2.9, 1e30, -1e30, nan));
        assertArrayEquals(new double[] {1, 0, 1, 1, 1, 0}, writtenThenRead(NpyType.B1, 2, 0, -0.5, nan, inf, -0.0));
        assertArrayEquals(new double[] {0, 255, 7, 0}, writtenThenRead(NpyType.U1, -3, 300, 7.9, nan));
        assertArrayEquals(new double[] {0.0999755859375, 65504, inf, 0x1p-24},
                writtenThenRead(NpyType.F2, 0.1, 65519, 65520, 0x1p-24));
        assertArrayEquals(new double[] {(float) 0.1, inf}, writtenThenRead(NpyType.F4, 0.1, 1e300));
        double[] special = writtenThenRead(NpyType.F8, nan, -0.0, inf, Double.MIN_VALUE);
        assertTrue(Double.isNaN(special[0]));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(special[1]));
    }

    @Test
    void arraysCompareByContentAndAreImmutable() {
        double[] values = {1, 2, 3, 4, 5, 6};
        long[] shape = {2, 3};
        NpyArray a = new NpyArray(NpyType.F4, shape, values);
        values[0] = 99;
        shape[0] = 6;
        a.values()[1] = 99;
        a.shape()[1] = 1;
        NpyArray b = new NpyArray(NpyType.F4, new long[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
        assertEquals(b, a);
        assertEquals(b.hashCode(), a.hashCode());
        assertEquals("NpyArray[type=F4, shape=[2, 3], values=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]", a.toString());
        assertNotEquals(b, new NpyArray(NpyType.F8, new long[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}));
        assertNotEquals(b, new NpyArray(NpyType.F4, new long[] {3, 2}, new double[] {1, 2, 3, 4, 5, 6}));
        assertEquals(NpyArray.vector(NpyType.F8, Double.NaN), NpyArray.vector(NpyType.F8, Double.NaN));
        assertTrue(NpyArray.vector(NpyType.F8, new double[40]).toString().endsWith(", ... (40 values)]]"));
    }

    @Test
    void constructorChecksShapeAgainstValues() {
        assertEquals("shape [2, 3] holds 6 values, given 5",
                assertThrows(IllegalArgumentException.class,
                        () -> new NpyArray(NpyType.F4, new long[] {2, 3}, new double[5])).getMessage());
        assertEquals("negative dimension -1 in shape [-1]",
                assertThrows(IllegalArgumentException.class,
                        () -> new NpyArray(NpyType.F4, new long[] {-1}, new double[0])).getMessage());
        assertEquals(1, new NpyArray(NpyType.I8, new long[0], new double[] {3}).size());
    }
}
