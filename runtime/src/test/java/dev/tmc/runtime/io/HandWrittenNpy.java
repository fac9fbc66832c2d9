// Builds .npy bytes by hand for tests, following NumPy's layout rules independently of Npy's writer.
package dev.tmc.runtime.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The bytes NumPy lays out: magic, version, header length, header, data. */
final class HandWrittenNpy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private HandWrittenNpy() {}

    /**
     * A file with {@code dict} padded as numpy.lib.format._wrap_header does: spaces and a final
     * newline so that magic + version + length field + header is a multiple of 64, adding a full
     * 64 spaces when the unpadded total is already a multiple.
     */
    static byte[] padded(int major, String dict, String dataHex) {
        int lengthFieldSize = major == 1 ? 2 : 4;
        int unpadded = 8 + lengthFieldSize + dict.length() + 1;
        int padding = 64 - unpadded % 64;
        return raw(major, dict + " ".repeat(padding) + "\n", dataHex);
    }

    /** A file with exactly the given header text (its length field computed from it). */
    static byte[] raw(int major, String header, String dataHex) {
        byte[] text = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(major);
        out.write(0);
        out.write(text.length & 0xff);
        out.write((text.length >>> 8) & 0xff);
        if (major != 1) {
            out.write((text.length >>> 16) & 0xff);
            out.write((text.length >>> 24) & 0xff);
        }
        out.writeBytes(text);
        out.writeBytes(HexFormat.of().parseHex(dataHex));
        return out.toByteArray();
    }

    /** The dict as np.save spells it, without the growth spaces. */
    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }
}
