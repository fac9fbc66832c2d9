// Reads and writes NumPy .npy files (format versions 1.0-3.0), the tensor interchange format of tmc's tools.
package dev.tmc.runtime.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The .npy format: the magic {@code \x93NUMPY}, a major and minor version byte, the header length
 * (uint16 in 1.0, uint32 in 2.0 and 3.0, little-endian), a Python dict literal header (latin-1, or
 * UTF-8 in 3.0) padded so the data starts at a multiple of 64 bytes, then the raw data.
 *
 * <p>Reading accepts the dtypes of {@link NpyType} in C order; anything else is a
 * {@link NpyFormatException} whose one-line message names the file. Writing produces the same
 * bytes as {@code np.save}.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int PREAMBLE = MAGIC.length + 2; // magic + major + minor version bytes
    private static final int ALIGNMENT = 64;
    private static final int MAX_VERSION_1_HEADER = 0xffff;
    private static final int WRITE_CHUNK_BYTES = 1 << 16;

    private Npy() {}

    /** Reads the file; format problems are {@link NpyFormatException}s naming it. */
    public static NpyArray read(Path file) throws IOException {
        return read(file.toString(), Files.readAllBytes(file));
    }

    /** Parses the bytes of an .npy file; {@code name} is only used in error messages. */
    public static NpyArray read(String name, byte[] bytes) throws NpyFormatException {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NpyFormatException(name, "not an npy file (bad magic: it does not start with \\x93NUMPY)");
        }
        if (bytes.length < PREAMBLE) {
            throw new NpyFormatException(name, "truncated header: the file ends inside the version bytes");
        }
        int major = bytes[MAGIC.length] & 0xff;
        int minor = bytes[MAGIC.length + 1] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(name, "unsupported npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthFieldSize = major == 1 ? 2 : 4;
        if (bytes.length < PREAMBLE + lengthFieldSize) {
            throw new NpyFormatException(name, "truncated header: the file ends inside the header length");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1
                ? Short.toUnsignedLong(in.getShort(PREAMBLE))
                : Integer.toUnsignedLong(in.getInt(PREAMBLE));
        int headerStart = PREAMBLE + lengthFieldSize;
        if (headerStart + headerLength > bytes.length) {
            throw new NpyFormatException(name, "truncated header: it declares " + headerLength
                    + " bytes but the file has only " + (bytes.length - headerStart) + " after the preamble");
        }
        String text = decodeHeader(name, bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(name, text);
        return new NpyArray(header.type(), header.shape(),
                decodeData(name, header, in, headerStart + (int) headerLength));
    }

    /** Writes {@code array} as {@code np.save} would, streaming the data rather than building it in memory. */
    public static void write(Path file, NpyArray array) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(headerBytes(new NpyHeader(array.type(), array.shape())));
            int perChunk = WRITE_CHUNK_BYTES / array.type().itemSize();
            ByteBuffer chunk = ByteBuffer.allocate(WRITE_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < array.size(); from += perChunk) {
                chunk.clear();
                encodeValues(array, chunk, from, Math.min(array.size(), from + perChunk));
                out.write(chunk.array(), 0, chunk.position());
            }
        }
    }

    /** The bytes {@code np.save} writes for {@code array}. */
    public static byte[] toBytes(NpyArray array) {
        byte[] header = headerBytes(new NpyHeader(array.type(), array.shape()));
        long total = header.length + (long) array.size() * array.type().itemSize();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an .npy file of " + total + " bytes does not fit in a byte array; use write(Path, NpyArray)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        encodeValues(array, out, 0, array.size());
        return out.array();
    }

    private static String decodeHeader(String name, byte[] bytes, int start, int length, Charset charset)
            throws NpyFormatException {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException(name, "header is not valid " + charset.name());
        }
    }

    private static double[] decodeData(String name, NpyHeader header, ByteBuffer in, int dataStart)
            throws NpyFormatException {
        String shape = NpyHeader.shapeRepr(header.shape());
        long count;
        try {
            count = Arrays.stream(header.shape()).reduce(1, Math::multiplyExact);
        } catch (ArithmeticException overflow) {
            count = Long.MAX_VALUE;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(name, "shape " + shape + " has too many elements to load into one array");
        }
        long needed = count * header.type().itemSize();
        long found = in.capacity() - (long) dataStart;
        if (needed != found) {
            String problem = needed > found ? "truncated data" : "data length does not match shape";
            throw new NpyFormatException(name, problem + ": shape " + shape + " of " + header.type().descr()
                    + " needs " + needed + " data bytes, found " + found);
        }
        double[] values = new double[(int) count];
        in.position(dataStart);
        for (int i = 0; i < values.length; i++) {
            values[i] = header.type().decode(in);
        }
        return values;
    }

    private static void encodeValues(NpyArray array, ByteBuffer out, int from, int to) {
        NpyType type = array.type();
        for (int i = from; i < to; i++) {
            type.encode(out, array.value(i));
        }
    }

    /**
     * Preamble and header padded as NumPy's {@code _wrap_header} does: spaces then a newline so that
     * preamble + length field + header is a multiple of 64 (a full 64 spaces when already aligned).
     * Version 1.0 unless the header outgrows its uint16 length field, as {@code np.save} chooses.
     */
    private static byte[] headerBytes(NpyHeader header) {
        String dict = header.toPython();
        int major = 1;
        int lengthFieldSize = 2;
        int padding = padding(dict, lengthFieldSize);
        if (dict.length() + 1 + padding > MAX_VERSION_1_HEADER) {
            major = 2;
            lengthFieldSize = 4;
            padding = padding(dict, lengthFieldSize);
        }
        int headerLength = dict.length() + padding + 1;
        ByteBuffer out = ByteBuffer.allocate(PREAMBLE + lengthFieldSize + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) headerLength);
        } else {
            out.putInt(headerLength);
        }
        out.put((dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }

    private static int padding(String dict, int lengthFieldSize) {
        return ALIGNMENT - (PREAMBLE + lengthFieldSize + dict.length() + 1) % ALIGNMENT;
    }
}
