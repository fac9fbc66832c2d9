// ArrayPrinter lays values out as NumPy does, and elides the middle of large arrays.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayPrinterTest {
    private static HostArray array(DType dtype, long[] shape, double... data) {
        return new HostArray(dtype, shape, data);
    }

    @Test
    void scalarsVectorsAndMatrices() {
        assertEquals("2.5", ArrayPrinter.print(HostArray.scalar(DType.F32, 2.5)));
        assertEquals("[  1, -20, 300]", ArrayPrinter.print(array(DType.I32, new long[] {3}, 1, -20, 300)));
        assertEquals("[[ true, false],\n [false,  true]]",
                ArrayPrinter.print(array(DType.BOOL, new long[] {2, 2}, 1, 0, 0, 1)));
        assertEquals("[]", ArrayPrinter.print(array(DType.F32, new long[] {0})));
    }

    @Test
    void higherRanksSeparateBlocksWithBlankLines() {
        double[] data = new double[8];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        assertEquals("[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]",
                ArrayPrinter.print(array(DType.I32, new long[] {2, 2, 2}, data)));
    }

    @Test
    void largeArraysShowOnlyTheirEdges() {
        double[] data = new double[2000];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        String text = ArrayPrinter.print(array(DType.I32, new long[] {2000}, data));
        assertEquals("[   0,    1,    2, ..., 1997, 1998, 1999]", text);
        String matrix = ArrayPrinter.print(array(DType.I32, new long[] {100, 20}, data));
        assertEquals("[[   0,    1,    2, ...,   17,   18,   19],", matrix.lines().findFirst().orElseThrow());
        assertTrue(matrix.contains("\n ...,\n"), matrix);
        assertEquals(7, matrix.lines().count(), matrix);
    }

    @Test
    void longRowsWrap() {
        double[] data = new double[30];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 1000.5;
        }
        String text = ArrayPrinter.print(array(DType.F32, new long[] {30}, data));
        assertTrue(text.lines().allMatch(line -> line.length() <= 75), text);
        assertTrue(text.lines().skip(1).allMatch(line -> line.startsWith(" ")), text);
    }
}
