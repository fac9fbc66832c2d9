// Npy's writer against the exact bytes np.save produces, and its reader on files laid out by NumPy's rules.
package dev.tmc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NpyNumpyBytesTest {

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * np.save(f, np.array([1, 2, 3], dtype='<f4')), written out byte by byte: magic, version 1.0,
     * header length 0x0076, the 57-character dict, 20 growth spaces plus 40 alignment spaces, a
     * newline, then the data at offset 128.
     */
    @Test
    void float32VectorIsByteForByteWhatNumpyWrites() throws Exception {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }" + " ".repeat(60) + "\n";
        assertEquals(0x76, header.length());
        byte[] expected = new byte[10 + 0x76 + 12];
        System.arraycopy(HandWrittenNpy.MAGIC, 0, expected, 0, 6);
        expected[6] = 1;
        expected[7] = 0;
        expected[8] = 0x76;
        expected[9] = 0;
        System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, expected, 10, 0x76);
        byte[] data = HexFormat.of().parseHex("0000803f" + "00000040" + "00004040");
        System.arraycopy(data, 0, expected, 128, 12);

        NpyArray array = NpyArray.vector(NpyType.F4, 1, 2, 3);
        assertEquals(hex(expected), hex(Npy.toBytes(array)));
        assertEquals(array, Npy.read("ones.npy", expected));
    }

    /** The growth spaces np.save adds: 21 minus the digits of the first dim (none at rank 0). */
    private static String growth(String firstDim) {
        return " ".repeat(21 - firstDim.length());
    }

    /** Each data hex string is what np.save wrote for the array in the comment. */
    @Test
    void everyTypeMatchesNumpy() throws Exception {
        check(new NpyArray(NpyType.F8, new long[] {2, 2}, new double[] {1.5, -2, 0.25, 1e300}),
                HandWrittenNpy.dict("<f8", "(2, 2)") + growth("2"),
                "000000000000f83f00000000000000c0000000000000d03f9c7500883ce4377e"); // [[1.5, -2], [.25, 1e300]]
        check(NpyArray.vector(NpyType.F2, 1, -2, 0.5, 65504),
                HandWrittenNpy.dict("<f2", "(4,)") + growth("4"), "003c00c00038ff7b");
        check(new NpyArray(NpyType.I4, new long[0], new double[] {-7}),
                HandWrittenNpy.dict("<i4", "()"), "f9ffffff"); // np.array(-7, '<i4'): rank 0, no growth
        check(NpyArray.vector(NpyType.I8, 1, -1, 0x1p40),
                HandWrittenNpy.dict("<i8", "(3,)") + growth("3"),
                "0100000000000000ffffffffffffffff0000000000010000");
        check(NpyArray.vector(NpyType.B1, 1, 0, 1),
                HandWrittenNpy.dict("|b1", "(3,)") + growth("3"), "010001");
        check(NpyArray.vector(NpyType.U1, 0, 255, 7),
                HandWrittenNpy.dict("|u1", "(3,)") + growth("3"), "00ff07");
    }

    /**
     * np.save(f, np.zeros((0,) + (1,) * 16, '<f4')) has a 182-byte header (0xb6): the growth spaces
     * push it past the 128-byte boundary it would otherwise fit in.
     */
    @Test
    void growthSpacesCanAddAnAlignmentBlock() throws Exception {
        long[] shape = new long[17];
        Arrays.fill(shape, 1);
        shape[0] = 0;
        String dims = "(0" + ", 1".repeat(16) + ")";
        byte[] expected = HandWrittenNpy.padded(1, HandWrittenNpy.dict("<f4", dims) + growth("0"), "");
        assertEquals(10 + 0xb6, expected.length);
        assertEquals(0xb6, expected[8] & 0xff);
        NpyArray empty = new NpyArray(NpyType.F4, shape, new double[0]);
        assertEquals(hex(expected), hex(Npy.toBytes(empty)));
        assertEquals(empty, Npy.read("empty.npy", expected));
    }

    private static void check(NpyArray array, String dict, String dataHex) throws Exception {
        byte[] expected = HandWrittenNpy.padded(1, dict, dataHex);
        assertEquals(0, (expected.length - dataHex.length() / 2) % 64, "data starts 64-aligned");
        assertEquals(hex(expected), hex(Npy.toBytes(array)), array.toString());
        assertEquals(array, Npy.read(array.type() + ".npy", expected));
    }

    /** np.lib.format.write_array(f, np.array([1, 2, 3], '<f4'), version=(2, 0)) and (3, 0). */
    @Test
    void readsVersions2And3() throws Exception {
        for (int major : new int[] {2, 3}) {
            byte[] file = HandWrittenNpy.padded(major, HandWrittenNpy.dict("<f4", "(3,)") + growth("3"),
                    "0000803f0000004000004040");
            assertEquals(0x74, file[8] & 0xff, "numpy's header length for version " + major);
            assertArrayEquals(new byte[] {0, 0, 0}, Arrays.copyOfRange(file, 9, 12));
            assertEquals(NpyArray.vector(NpyType.F4, 1, 2, 3), Npy.read("v" + major + ".npy", file));
        }
    }

    /** NumPy (like us) switches to version 2.0 when the header no longer fits a uint16 length. */
    @Test
    void writesVersion2WhenTheHeaderOutgrowsVersion1() throws Exception {
        long[] shape = new long[22000];
        Arrays.fill(shape, 1);
        NpyArray array = new NpyArray(NpyType.U1, shape, new double[] {9});
        byte[] bytes = Npy.toBytes(array);
        assertEquals(2, bytes[6]);
        assertEquals(0, (bytes.length - 1) % 64);
        assertEquals('\n', bytes[bytes.length - 2]);
        assertEquals(array, Npy.read("wide.npy", bytes));
    }
}
