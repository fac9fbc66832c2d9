// One kernel launch of a pipeline call as Metal encodes it: the kernel, the grid, and every
// argument at its [[buffer(i)]] index (buffers first, then scalars, as MslPrinter declares them).
package dev.tmc.runtime.metal;

import dev.tmc.runtime.plan.PipelinePlan;

import java.util.Arrays;
import java.util.List;

/**
 * @param kernel       the kernel's position in the plan's "metal" kernel list (its pipeline state)
 * @param threadgroups threadgroups along x; threads along x per threadgroup
 */
record Dispatch(int kernel, String name, long threadgroups, int threadsPerThreadgroup,
                List<BufferArgument> buffers, List<BytesArgument> bytes) {

    Dispatch {
        buffers = List.copyOf(buffers);
        bytes = List.copyOf(bytes);
    }

    /**
     * A buffer argument: a parameter's or an output's tensor at offset 0, or the call's arena at
     * the allocation's byte offset.
     */
    record BufferArgument(int index, PipelinePlan.BufferSource source, long offset) {
    }

    /** A scalar argument, passed by value with setBytes. */
    record BytesArgument(int index, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BytesArgument b && b.index == index && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * index + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BytesArgument[index=" + index + ", bytes=" + Arrays.toString(bytes) + "]";
        }
    }
}
