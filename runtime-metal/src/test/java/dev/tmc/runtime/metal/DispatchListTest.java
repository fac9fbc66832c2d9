// The launches of a call against numbers worked out by hand from the plan in dispatch.tmc.json:
// grids, [[buffer(i)]] indices, arena offsets and the bytes of every scalar.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.call.BoundCall;
import dev.tmc.runtime.plan.PipelinePlan;
import dev.tmc.runtime.plan.SizeExpr;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DispatchListTest {
    private static final PipelinePlan PLAN = TestPlans.dispatch().pipeline("Dispatch");

    /** N = 5, D = 300, scale = 2.5, on = true; host value 10 is 1/D in f32. */
    private static BoundCall call(long n, long d) {
        double[] scalars = {0, 0, 2.5, 1};
        return new BoundCall(PLAN, new Tensor[4], scalars, Map.of("N", n, "D", d), Map.of(10, (double) (1f / d)));
    }

    private static byte[] le32(int bits) {
        return new byte[] {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
    }

    @Test
    void launchesFollowThePlanWithBuffersFirstThenScalars() {
        List<Dispatch> got = DispatchList.of(call(5, 300), PLAN.kernels("metal"));
        PipelinePlan.BufferSource x = new PipelinePlan.FromParam(0);
        PipelinePlan.BufferSource w = new PipelinePlan.FromParam(1);
        PipelinePlan.BufferSource t7 = new PipelinePlan.FromArena(7);
        PipelinePlan.BufferSource t8 = new PipelinePlan.FromArena(8);
        PipelinePlan.BufferSource y = new PipelinePlan.FromOutput(0);
        List<Dispatch> want = List.of(
                // floor((5 * 300 + 1023) / 1024) = floor(2523 / 1024) = 2 threadgroups of 256
                new Dispatch(0, "k_scale", 2, 256,
                        List.of(new Dispatch.BufferArgument(0, x, 0), new Dispatch.BufferArgument(1, t7, 0)),
                        List.of(new Dispatch.BytesArgument(2, new byte[] {5, 0, 0, 0}),
                                new Dispatch.BytesArgument(3, new byte[] {0, 0, 0x20, 0x40}), // 2.5f = 0x40200000
                                new Dispatch.BytesArgument(4, le32(Float.floatToIntBits(1f / 300))))),
                // k_empty (kernel 1) launches N - 5 = 0 threadgroups: nothing is encoded
                new Dispatch(2, "k_rows", 5, 32,
                        // value 8 lies after value 7's 4 * 5 * 300 = 6000 bytes
                        List.of(new Dispatch.BufferArgument(0, t7, 0), new Dispatch.BufferArgument(1, t8, 6000)),
                        List.of(new Dispatch.BytesArgument(2, new byte[] {0x2c, 0x01, 0, 0}))), // 300 = 0x12c
                new Dispatch(3, "k_out", 5, 256,
                        List.of(new Dispatch.BufferArgument(0, t8, 6000), new Dispatch.BufferArgument(1, w, 0),
                                new Dispatch.BufferArgument(2, y, 0)),
                        List.of(new Dispatch.BytesArgument(3, new byte[] {1}))));
        assertEquals(want, got);
    }

    @Test
    void theEmptyKernelLaunchesOnceItsGridIsNotEmpty() {
        List<Dispatch> got = DispatchList.of(call(7, 2), PLAN.kernels("metal"));
        assertEquals(List.of("k_scale", "k_empty", "k_rows", "k_out"), got.stream().map(Dispatch::name).toList());
        assertEquals(2, got.get(1).threadgroups());
        assertEquals(1, got.get(0).threadgroups()); // floor((14 + 1023) / 1024)
        assertEquals(56, got.get(2).buffers().get(1).offset()); // 4 * 7 * 2
    }

    @Test
    void aGridBeyondMetalsLimitIsRefused() {
        // floor((2^20 * 2^23 + 1023) / 1024) = 2^33 threadgroups
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DispatchList.of(call(1L << 20, 1L << 23), PLAN.kernels("metal")));
        assertTrue(e.getMessage().contains("kernel k_scale of pipeline Dispatch would launch 8589934592 threadgroups; Metal allows at most"
                + " 4294967295"), e.getMessage());
    }

    @Test
    void aDimBeyondI32IsNamedWithItsKernel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DispatchList.of(call(1L << 31, 1), PLAN.kernels("metal")));
        assertTrue(e.getMessage().startsWith("scalar d_N of kernel k_scale of pipeline Dispatch"), e.getMessage());
    }

    @Test
    void anAllocationOutsideTheArenaOrMisalignedIsAnError() {
        PipelinePlan.Arena arena = PLAN.arena();
        PipelinePlan.Allocation t8 = arena.allocations().get(1);
        PipelinePlan shifted = withArena(new PipelinePlan.Arena(arena.bytes(), List.of(arena.allocations().get(0),
                new PipelinePlan.Allocation(8, 1, SizeExpr.constant(6001), t8.bytes(), t8.dtype()))));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> DispatchList.of(rebind(shifted), shifted.kernels("metal")));
        assertTrue(outside.getMessage().contains("outside the arena of 6010 bytes"), outside.getMessage());

        PipelinePlan odd = withArena(new PipelinePlan.Arena(SizeExpr.constant(1 << 20), List.of(
                arena.allocations().get(0), new PipelinePlan.Allocation(8, 1, SizeExpr.constant(6001), t8.bytes(),
                        t8.dtype()))));
        IllegalArgumentException misaligned = assertThrows(IllegalArgumentException.class,
                () -> DispatchList.of(rebind(odd), odd.kernels("metal")));
        assertTrue(misaligned.getMessage().contains("byte 6001, not a multiple of its f16 element size"),
                misaligned.getMessage());
    }

    private static PipelinePlan withArena(PipelinePlan.Arena arena) {
        return new PipelinePlan(PLAN.name(), PLAN.params(), PLAN.outputs(), PLAN.requirements(), PLAN.hostValues(),
                arena, PLAN.kernelsByTarget());
    }

    private static BoundCall rebind(PipelinePlan plan) {
        BoundCall c = call(5, 300);
        return new BoundCall(plan, c.inputs(), c.scalars(), c.dims(), c.hostValues());
    }
}
