// The launches of one pipeline call, from the plan and the call's bound dims: what the encoder
// writes into the call's one command buffer. Grid sizes, arena offsets and scalar values come from
// BoundCall, as for the CPU backend; only Metal's limits and argument indices are decided here.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.call.BoundCall;
import dev.tmc.runtime.plan.PipelinePlan;

import java.util.ArrayList;
import java.util.List;

final class DispatchList {
    /** Metal's largest threadgroup count along one axis of a grid. */
    static final long MAX_THREADGROUPS = 0xFFFF_FFFFL;

    private DispatchList() {
    }

    /**
     * Every launch with at least one threadgroup, in schedule order (an empty grid launches
     * nothing, and Metal rejects one).
     *
     * @throws IllegalArgumentException when a grid exceeds Metal's limit, or the plan places an
     *                                  intermediate outside the arena or at a misaligned offset
     */
    static List<Dispatch> of(BoundCall call, List<PipelinePlan.KernelPlan> kernels) {
        long arenaBytes = call.arenaBytes();
        List<Dispatch> out = new ArrayList<>();
        for (int k = 0; k < kernels.size(); k++) {
            PipelinePlan.KernelPlan kernel = kernels.get(k);
            long groups = call.threadgroups(kernel);
            if (groups == 0) {
                continue;
            }
            if (groups > MAX_THREADGROUPS) {
                throw new IllegalArgumentException("kernel " + kernel.name() + " of pipeline " + call.plan().name()
                        + " would launch " + groups + " threadgroups; Metal allows at most " + MAX_THREADGROUPS);
            }
            List<Dispatch.BufferArgument> buffers = new ArrayList<>();
            int index = 0;
            for (PipelinePlan.BufferBinding b : kernel.buffers()) {
                buffers.add(new Dispatch.BufferArgument(index++, b.source(), offset(call, kernel, b, arenaBytes)));
            }
            List<Dispatch.BytesArgument> bytes = new ArrayList<>();
            double[] scalars = call.scalarArguments(kernel);
            for (int s = 0; s < scalars.length; s++) {
                PipelinePlan.ScalarBinding binding = kernel.scalars().get(s);
                try {
                    bytes.add(new Dispatch.BytesArgument(index++, ScalarBytes.of(binding.dtype(), scalars[s])));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("scalar " + binding.name() + " of kernel " + kernel.name()
                            + " of pipeline " + call.plan().name() + ": " + e.getMessage(), e);
                }
            }
            out.add(new Dispatch(k, kernel.name(), groups, kernel.threadsPerThreadgroup(), buffers, bytes));
        }
        return out;
    }

    private static long offset(BoundCall call, PipelinePlan.KernelPlan kernel, PipelinePlan.BufferBinding b,
                               long arenaBytes) {
        if (!(b.source() instanceof PipelinePlan.FromArena a)) {
            return 0;
        }
        long offset = call.arenaOffset(a.value());
        long bytes = call.size(call.plan().allocation(a.value()).orElseThrow().bytes());
        String where = "buffer " + b.name() + " of kernel " + kernel.name() + " of pipeline " + call.plan().name();
        if (offset < 0 || bytes < 0 || offset + bytes > arenaBytes) {
            throw new IllegalArgumentException(where + " lies at bytes [" + offset + ", " + (offset + bytes)
                    + ") outside the arena of " + arenaBytes + " bytes under " + call.dims());
        }
        if (offset % b.dtype().byteSize() != 0) {
            throw new IllegalArgumentException(where + " lies at byte " + offset + ", not a multiple of its "
                    + b.dtype() + " element size");
        }
        return offset;
    }
}
