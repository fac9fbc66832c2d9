// Prints an output's values for `tmc run --print` the way NumPy does: nested brackets, aligned
// columns, rows wrapped at 75 characters, and only the edges of each axis past 1000 elements.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;

import java.util.ArrayList;
import java.util.List;

final class ArrayPrinter {
    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 75;
    private static final String GAP = "...";

    private final HostArray array;
    private final long[] shape;
    private final long[] strides;
    private final boolean summarize;
    private int width;

    private ArrayPrinter(HostArray array) {
        this.array = array;
        this.shape = array.shape();
        this.strides = new long[shape.length];
        long stride = 1;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        this.summarize = array.data().length > SUMMARY_THRESHOLD;
    }

    static String print(HostArray array) {
        ArrayPrinter printer = new ArrayPrinter(array);
        if (array.rank() == 0) {
            return printer.element(0);
        }
        printer.width = printer.widestVisible(0, 0);
        StringBuilder out = new StringBuilder();
        printer.render(0, 0, out);
        return out.toString();
    }

    /** The indices shown along an axis, with -1 standing for the "..." between the edges. */
    private List<Long> visible(int axis) {
        List<Long> out = new ArrayList<>();
        long n = shape[axis];
        if (summarize && n > 2 * EDGE_ITEMS) {
            for (long i = 0; i < EDGE_ITEMS; i++) {
                out.add(i);
            }
            out.add(-1L);
            for (long i = n - EDGE_ITEMS; i < n; i++) {
                out.add(i);
            }
        } else {
            for (long i = 0; i < n; i++) {
                out.add(i);
            }
        }
        return out;
    }

    private int widestVisible(int axis, long base) {
        int widest = 0;
        for (long i : visible(axis)) {
            if (i < 0) {
                continue;
            }
            long at = base + i * strides[axis];
            widest = Math.max(widest, axis == shape.length - 1 ? element(at).length() : widestVisible(axis + 1, at));
        }
        return widest;
    }

    private void render(int axis, long base, StringBuilder out) {
        String indent = " ".repeat(axis + 1);
        out.append('[');
        if (axis == shape.length - 1) {
            renderRow(base, indent, out);
        } else {
            // Between sub-arrays: a newline, plus a blank line per extra level, as NumPy separates planes.
            String separator = ",\n" + "\n".repeat(shape.length - axis - 2) + indent;
            boolean first = true;
            for (long i : visible(axis)) {
                if (!first) {
                    out.append(separator);
                }
                first = false;
                if (i < 0) {
                    out.append(GAP);
                } else {
                    render(axis + 1, base + i * strides[axis], out);
                }
            }
        }
        out.append(']');
    }

    private void renderRow(long base, String indent, StringBuilder out) {
        int lineStart = out.lastIndexOf("\n") + 1;
        boolean first = true;
        for (long i : visible(shape.length - 1)) {
            String item = i < 0 ? GAP : pad(element(base + i));
            if (!first) {
                // Keep room for the closing brackets; NumPy's rule is close enough for reading.
                if (out.length() - lineStart + 2 + item.length() + shape.length > LINE_WIDTH) {
                    out.append(",\n").append(indent);
                    lineStart = out.length() - indent.length();
                } else {
                    out.append(", ");
                }
            }
            first = false;
            out.append(item);
        }
    }

    private String pad(String item) {
        return " ".repeat(Math.max(0, width - item.length())) + item;
    }

    private String element(long flatIndex) {
        return NumberSpelling.value(array.dtype(), array.data()[Math.toIntExact(flatIndex)]);
    }
}
