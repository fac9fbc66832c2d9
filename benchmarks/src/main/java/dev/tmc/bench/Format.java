// How tables spell times, sizes, rates and ratios: three significant digits, SI time units.
package dev.tmc.bench;

import java.util.Locale;

final class Format {
    private Format() {
    }

    static String time(double nanos) {
        if (Double.isNaN(nanos)) {
            return "n/a";
        } else if (nanos < 1e3) {
            return digits(nanos) + " ns";
        } else if (nanos < 1e6) {
            return digits(nanos / 1e3) + " µs";
        } else if (nanos < 1e9) {
            return digits(nanos / 1e6) + " ms";
        }
        return digits(nanos / 1e9) + " s";
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        } else if (bytes < 1024 * 1024) {
            return digits(bytes / 1024.0) + " KiB";
        } else if (bytes < 1024L * 1024 * 1024) {
            return digits(bytes / (1024.0 * 1024)) + " MiB";
        }
        return digits(bytes / (1024.0 * 1024 * 1024)) + " GiB";
    }

    /** Bytes per nanosecond is GB/s (10^9 bytes a second). */
    static double gigabytesPerSecond(long bytes, double nanos) {
        return bytes / nanos;
    }

    static String rate(double gigabytesPerSecond) {
        return digits(gigabytesPerSecond) + " GB/s";
    }

    static String factor(double f) {
        return digits(f);
    }

    /** Three significant digits, no exponent. */
    static String digits(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
