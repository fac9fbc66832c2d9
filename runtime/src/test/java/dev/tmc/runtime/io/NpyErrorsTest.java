// Every way an .npy file can be rejected, each with a one-line message naming the file and the problem.
package dev.tmc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyErrorsTest {
    private static final String FILE = "input/x.npy";
    private static final String SUPPORTED = "(supported: <f4, <f8, <f2, <i4, <i8, |b1, |u1)";

    private static NpyFormatException rejected(byte[] bytes) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(FILE, bytes));
        assertTrue(e.getMessage().startsWith(FILE + ": "), e.getMessage());
        assertEquals(FILE, e.file());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static void assertRejected(byte[] bytes, String problem) {
        assertEquals(FILE + ": " + problem, rejected(bytes).getMessage());
    }

    private static byte[] withDict(String dict, String dataHex) {
        return HandWrittenNpy.padded(1, dict, dataHex);
    }

    @Test
    void badMagic() {
        String problem = "not an npy file (bad magic: it does not start with \\x93NUMPY)";
        assertRejected(new byte[0], problem);
        assertRejected("PK\u0003\u0004 a zip file".getBytes(StandardCharsets.ISO_8859_1), problem);
        byte[] lowercase = withDict(HandWrittenNpy.dict("<f4", "()"), "00000000");
        lowercase[1] = 'n';
        assertRejected(lowercase, problem);
    }

    @Test
    void truncatedHeader() {
        byte[] whole = withDict(HandWrittenNpy.dict("<f4", "(1,)"), "0000803f");
        assertRejected(Arrays.copyOf(whole, 7), "truncated header: the file ends inside the version bytes");
        assertRejected(Arrays.copyOf(whole, 9), "truncated header: the file ends inside the header length");
        assertRejected(Arrays.copyOf(whole, 60), "truncated header: it declares 118 bytes but the file has only 50 after the preamble");
    }

    @Test
    void unsupportedVersion() {
        byte[] file = withDict(HandWrittenNpy.dict("<f4", "(1,)"), "0000803f");
        file[6] = 4;
        assertRejected(file, "unsupported npy format version 4.0 (supported: 1.0, 2.0, 3.0)");
        file[6] = 1;
        file[7] = 1;
        assertRejected(file, "unsupported npy format version 1.1 (supported: 1.0, 2.0, 3.0)");
    }

    @Test
    void unsupportedDtypes() {
        assertRejected(withDict(HandWrittenNpy.dict("<c8", "(1,)"), "0000000000000000"),
                "unsupported dtype '<c8' " + SUPPORTED);
        assertRejected(withDict(HandWrittenNpy.dict("<u2", "(1,)"), "0000"), "unsupported dtype '<u2' " + SUPPORTED);
        assertRejected(withDict(HandWrittenNpy.dict("|i1", "(1,)"), "00"), "unsupported dtype '|i1' " + SUPPORTED);
        assertRejected(withDict(HandWrittenNpy.dict("=f4", "(1,)"), "00000000"), "unsupported dtype '=f4' " + SUPPORTED);
        assertRejected(withDict("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,), }", "00000000"),
                "unsupported dtype [('x', '<f4')] " + SUPPORTED);
    }

    @Test
    void bigEndian() {
        assertRejected(withDict(HandWrittenNpy.dict(">f4", "(1,)"), "3f800000"),
                "big-endian dtype '>f4' is not supported; save it little-endian ('<f4')");
        assertRejected(withDict(HandWrittenNpy.dict(">i8", "(1,)"), "0000000000000001"),
                "big-endian dtype '>i8' is not supported; save it little-endian ('<i8')");
    }

    @Test
    void fortranOrder() {
        assertRejected(withDict("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", "00".repeat(16)),
                "fortran_order is True; only C order is supported");
        assertRejected(withDict("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", "00".repeat(4)),
                "fortran_order must be True or False, found 0");
    }

    @Test
    void dataLengthNotMatchingShape() {
        String dict = HandWrittenNpy.dict("<f4", "(3, 4)");
        assertRejected(withDict(dict, "00".repeat(40)),
                "truncated data: shape (3, 4) of <f4 needs 48 data bytes, found 40");
        assertRejected(withDict(dict, "00".repeat(52)),
                "data length does not match shape: shape (3, 4) of <f4 needs 48 data bytes, found 52");
        assertRejected(withDict(HandWrittenNpy.dict("<f8", "()"), ""),
                "truncated data: shape () of <f8 needs 8 data bytes, found 0");
    }

    @Test
    void badShapes() {
        assertRejected(withDict(HandWrittenNpy.dict("<f4", "(3, -4)"), ""), "negative dimension -4 in shape (3, -4)");
        assertRejected(withDict(HandWrittenNpy.dict("<f4", "(5)"), ""), "shape must be a tuple of integers, found 5");
        assertRejected(withDict(HandWrittenNpy.dict("<f4", "[5]"), ""), "shape must be a tuple of integers, found [5]");
        assertRejected(withDict(HandWrittenNpy.dict("<f4", "(5, 'a')"), ""),
                "shape must be a tuple of integers, found (5, 'a')");
        assertRejected(withDict(HandWrittenNpy.dict("<f4", "(99999999999999999999,)"), ""),
                "dimension 99999999999999999999 in shape (99999999999999999999,) is too large");
        assertRejected(withDict(HandWrittenNpy.dict("<f4", "(4294967296, 4294967296)"), ""),
                "shape (4294967296, 4294967296) has too many elements to load into one array");
    }

    @Test
    void wrongKeys() {
        assertRejected(withDict("{'descr': '<f4', 'shape': (1,)}", "00000000"),
                "header lacks the key 'fortran_order': {'descr': '<f4', 'shape': (1,)}");
        assertRejected(withDict("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "00000000"),
                "header has the unexpected key 'extra' (expected exactly 'descr', 'fortran_order', 'shape')");
    }

    @Test
    void malformedHeaders() {
        assertTrue(rejected(withDict("{'descr': '<f4', 'fortran_order': False 'shape': (1,)}", ""))
                .problem().startsWith("malformed header: expected ',' or '}' at offset 40 in {'descr'"));
        assertTrue(rejected(withDict("{'descr': '<f4', 'descr': '<f4'}", ""))
                .problem().startsWith("malformed header: duplicate key 'descr' at offset 17"));
        assertTrue(rejected(withDict("{'descr: '<f4'}", "")).problem().startsWith("malformed header: expected ':'"));
        assertTrue(rejected(withDict("{'descr': '<f4", "")).problem().startsWith("malformed header: unterminated string"));
        assertTrue(rejected(withDict("['descr']", "")).problem().startsWith("malformed header: expected the header to start with '{'"));
        assertTrue(rejected(withDict("{'descr': np.float32}", "")).problem().startsWith("malformed header: unexpected name 'np'"));
        assertTrue(rejected(withDict("{} {}", "")).problem().startsWith("malformed header: unexpected text after the header dict"));
        assertTrue(rejected(withDict("{'a': " + "(".repeat(40) + ")".repeat(40) + "}", ""))
                .problem().startsWith("malformed header: literal nested more than 32 deep"));
        assertTrue(rejected(HandWrittenNpy.raw(1, "{'descr': '<f4', 'fortran_order': False, ", ""))
                .problem().startsWith("malformed header: expected a quoted key or '}'"));
    }

    @Test
    void version3HeaderMustBeUtf8() {
        byte[] file = HandWrittenNpy.padded(3, HandWrittenNpy.dict("<f4", "()"), "00000000");
        file[14] = (byte) 0xff; // inside 'descr'
        assertRejected(file, "header is not valid UTF-8");
    }

    @Test
    void readFromPathNamesThePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weights.npy");
        Files.write(file, new byte[] {1, 2, 3});
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        assertEquals(file + ": not an npy file (bad magic: it does not start with \\x93NUMPY)", e.getMessage());
    }
}
