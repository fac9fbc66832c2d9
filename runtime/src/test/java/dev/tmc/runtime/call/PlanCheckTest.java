// Plans that a call could not follow are refused when loaded, each with what is wrong.
package dev.tmc.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.plan.HostExpr;
import dev.tmc.runtime.plan.PipelinePlan;
import dev.tmc.runtime.plan.SizeExpr;
import dev.tmc.runtime.testing.ScaleAddPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class PlanCheckTest {
    private static final String PREFIX = "the plan of pipeline ScaleAdd is inconsistent: ";

    private static void refused(String problem, PipelinePlan plan) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CallBinder(plan, "cpu"));
        assertEquals(PREFIX + problem, e.getMessage());
    }

    /** ScaleAdd with its "cpu" kernels changed. */
    private static PipelinePlan withKernels(UnaryOperator<List<PipelinePlan.KernelPlan>> change) {
        PipelinePlan p = ScaleAddPlan.pipeline();
        return new PipelinePlan(p.name(), p.params(), p.outputs(), p.requirements(), p.hostValues(), p.arena(),
                Map.of("cpu", change.apply(new ArrayList<>(p.kernels("cpu")))));
    }

    private static PipelinePlan.KernelPlan withBuffer(PipelinePlan.KernelPlan k, int i, PipelinePlan.BufferBinding b) {
        List<PipelinePlan.BufferBinding> buffers = new ArrayList<>(k.buffers());
        buffers.set(i, b);
        return new PipelinePlan.KernelPlan(k.name(), k.template(), k.threadgroups(), k.threadsPerThreadgroup(), buffers, k.scalars());
    }

    @Test
    void theFixtureIsConsistent() {
        new CallBinder(ScaleAddPlan.pipeline(), "cpu");
    }

    @Test
    void missingTarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CallBinder(ScaleAddPlan.pipeline(), "metal"));
        assertEquals("pipeline ScaleAdd has no kernels for target metal; it has [cpu]", e.getMessage());
    }

    @Test
    void buffersMustExistAndAgreeInDtype() {
        refused("kernel k_scale buffer in_x is bound to parameter 2, which is not a tensor parameter", withKernels(ks -> {
            ks.set(0, withBuffer(ks.get(0), 0, new PipelinePlan.BufferBinding("in_x", DType.F32, false, new PipelinePlan.FromParam(2))));
            return ks;
        }));
        refused("kernel k_scale buffer in_x is f16 but is bound to a f32 tensor", withKernels(ks -> {
            ks.set(0, withBuffer(ks.get(0), 0, new PipelinePlan.BufferBinding("in_x", DType.F16, false, new PipelinePlan.FromParam(0))));
            return ks;
        }));
        refused("kernel k_scale buffer t7 is bound to value 99, which has no arena allocation", withKernels(ks -> {
            ks.set(0, withBuffer(ks.get(0), 1, new PipelinePlan.BufferBinding("t7", DType.F32, true, new PipelinePlan.FromArena(99))));
            return ks;
        }));
    }

    @Test
    void dimsMustBeBoundByAnInput() {
        PipelinePlan p = ScaleAddPlan.pipeline();
        PipelinePlan bad = new PipelinePlan(p.name(), p.params(),
                List.of(new PipelinePlan.Output("out", DType.F32, List.of(SizeExpr.dim("M")))), p.requirements(),
                p.hostValues(), p.arena(), p.kernelsByTarget());
        refused("the shape of output out uses dim M, which no input binds", bad);
    }

    @Test
    void hostValuesMustUseKnownOpsOnScalarParameters() {
        PipelinePlan p = ScaleAddPlan.pipeline();
        for (Object[] c : new Object[][] {
            {new HostExpr.Op("frobnicate", DType.F32, List.of()), "host value 10 uses the unknown op frobnicate"},
            {new HostExpr.Op("add", DType.F32, List.of(new HostExpr.Const(1, DType.F32))), "host value 10: add takes 2 operands, given 1"},
            {new HostExpr.Param(0, DType.F32), "host value 10 refers to parameter 0, which is not a scalar parameter"},
            {new HostExpr.Op("exp", DType.I32, List.of(new HostExpr.Const(1, DType.I32))), "host value 10: exp has no i32 form"},
        }) {
            PipelinePlan bad = new PipelinePlan(p.name(), p.params(), p.outputs(), p.requirements(),
                    List.of(new PipelinePlan.HostValue(ScaleAddPlan.INV_D, (HostExpr) c[0])), p.arena(), p.kernelsByTarget());
            refused((String) c[1], bad);
        }
    }
}
