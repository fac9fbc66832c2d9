// One line per output for `tmc run`, stable for scripts: name, type, then min/max/mean and NaNs.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.runtime.DType;

import java.util.Arrays;

final class OutputSummary {
    private OutputSummary() {
    }

    /** {@code out  f32[4, 8]  min=-1.25 max=2.5 mean=0.0123}, with {@code  nan=K} when there are NaNs. */
    static String line(String name, HostArray array) {
        return name + "  " + type(array) + "  " + statistics(array);
    }

    /** The concrete type, spelled as in .tm source: {@code f32[4, 8]}, {@code f32[]} for rank 0. */
    static String type(HostArray array) {
        return array.dtype().spelling() + Arrays.toString(array.shape());
    }

    static String statistics(HostArray array) {
        double[] data = array.data();
        if (data.length == 0) {
            return "empty";
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long nans = 0;
        for (double v : data) {
            if (Double.isNaN(v)) {
                nans++;
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        DType dtype = array.dtype();
        long counted = data.length - nans;
        String stats = counted == 0
                ? "min=nan max=nan mean=nan"
                : "min=" + NumberSpelling.value(dtype, min) + " max=" + NumberSpelling.value(dtype, max)
                        + " mean=" + NumberSpelling.general(sum / counted);
        return nans > 0 ? stats + " nan=" + nans : stats;
    }
}
