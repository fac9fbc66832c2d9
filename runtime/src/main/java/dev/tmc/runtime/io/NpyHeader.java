// The meaning of an .npy header dict (dtype, order, shape): checked when read, spelled as NumPy does when written.
package dev.tmc.runtime.io;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What an .npy header says: the element type and the shape of C-ordered data. */
record NpyHeader(NpyType type, long[] shape) {
    private static final List<String> KEYS = List.of("descr", "fortran_order", "shape");
    /**
     * NumPy pads the dict so the first axis can grow to this many digits without rewriting the
     * file's data (numpy.lib.format.GROWTH_AXIS_MAX_DIGITS); we copy it to write identical bytes.
     */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Interprets the header text, rejecting anything tmc cannot load as C-ordered data. */
    static NpyHeader parse(String file, String text) throws NpyFormatException {
        PythonLiteral.Dict dict = PythonLiteralParser.parseDict(file, text);
        for (String key : KEYS) {
            if (!dict.entries().containsKey(key)) {
                throw new NpyFormatException(file, "header lacks the key '" + key + "': " + dict.repr());
            }
        }
        for (String key : dict.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw new NpyFormatException(file, "header has the unexpected key '" + key + "' (expected exactly "
                        + KEYS.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")) + ")");
            }
        }
        NpyType type = type(file, dict.entries().get("descr"));
        checkCOrder(file, dict.entries().get("fortran_order"));
        return new NpyHeader(type, shape(file, dict.entries().get("shape")));
    }

    private static NpyType type(String file, PythonLiteral descr) throws NpyFormatException {
        if (descr instanceof PythonLiteral.Str s) {
            var type = NpyType.fromDescr(s.value());
            if (type.isPresent()) {
                return type.get();
            }
            if (s.value().startsWith(">") && NpyType.fromDescr("<" + s.value().substring(1)).isPresent()) {
                throw new NpyFormatException(file, "big-endian dtype '" + s.value()
                        + "' is not supported; save it little-endian ('<" + s.value().substring(1) + "')");
            }
        }
        throw new NpyFormatException(file, "unsupported dtype " + descr.repr()
                + " (supported: " + NpyType.supportedDescrs() + ")");
    }

    private static void checkCOrder(String file, PythonLiteral order) throws NpyFormatException {
        if (order.equals(new PythonLiteral.Constant("True"))) {
            throw new NpyFormatException(file, "fortran_order is True; only C order is supported");
        }
        if (!order.equals(new PythonLiteral.Constant("False"))) {
            throw new NpyFormatException(file, "fortran_order must be True or False, found " + order.repr());
        }
    }

    private static long[] shape(String file, PythonLiteral shape) throws NpyFormatException {
        if (!(shape instanceof PythonLiteral.Sequence seq && seq.isTuple())) {
            throw new NpyFormatException(file, "shape must be a tuple of integers, found " + shape.repr());
        }
        long[] dims = new long[seq.items().size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(seq.items().get(i) instanceof PythonLiteral.Int dim)) {
                throw new NpyFormatException(file, "shape must be a tuple of integers, found " + shape.repr());
            }
            if (dim.value().signum() < 0) {
                throw new NpyFormatException(file, "negative dimension " + dim.value() + " in shape " + shape.repr());
            }
            if (dim.value().compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
                throw new NpyFormatException(file, "dimension " + dim.value() + " in shape " + shape.repr() + " is too large");
            }
            dims[i] = dim.value().longValueExact();
        }
        return dims;
    }

    /**
     * The dict exactly as NumPy's {@code np.save} spells it, keys sorted, including the trailing
     * spaces it reserves for growth; alignment padding and the final newline are added by the caller.
     */
    String toPython() {
        String dict = "{'descr': '" + type.descr() + "', 'fortran_order': False, 'shape': " + shapeRepr(shape) + ", }";
        int growth = shape.length == 0 ? 0 : GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length();
        return dict + " ".repeat(Math.max(0, growth));
    }

    /** Python's repr of the shape tuple: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    static String shapeRepr(long[] shape) {
        String inner = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + inner + (shape.length == 1 ? ",)" : ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NpyHeader that && type == that.type && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyHeader[type=" + type + ", shape=" + shapeRepr(shape) + "]";
    }
}
