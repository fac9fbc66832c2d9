// Every way a call's arguments can be wrong, each with its message, and no kernel run for any.
package dev.tmc.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.cpu.CpuKernelLibrary;
import dev.tmc.runtime.plan.PipelinePlan;
import dev.tmc.runtime.plan.SizeExpr;
import dev.tmc.runtime.testing.ScaleAddPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CallErrorsTest {
    private final AtomicBoolean kernelRan = new AtomicBoolean();
    private final CpuKernelLibrary watched = name -> {
        var real = ScaleAddPlan.KERNELS.kernel(name);
        return (first, end, buffers, scalars) -> {
            kernelRan.set(true);
            real.run(first, end, buffers, scalars);
        };
    };
    private final dev.tmc.runtime.Executable scaleAdd =
            Device.cpu().load(ScaleAddPlan.file(), ScaleAddPlan.pipeline(), watched, getClass());
    private final List<Tensor> open = new ArrayList<>();

    @AfterEach
    void closeTensors() {
        open.forEach(Tensor::close);
        assertFalse(kernelRan.get(), "a kernel ran for a rejected call");
    }

    private Tensor t(DType dtype, long... shape) {
        Tensor t = Tensor.zeros(dtype, shape);
        open.add(t);
        return t;
    }

    private static void fails(Class<? extends RuntimeException> type, String message, Executable call) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }

    @Test
    void wrongDtype() {
        fails(IllegalArgumentException.class, "input 'x' is f16 but the pipeline declares f32 (f32[N, D])",
                () -> scaleAdd.call(t(DType.F16, 2, 3), t(DType.F32, 3), 1f));
    }

    @Test
    void wrongRank() {
        fails(IllegalArgumentException.class, "input 'x' has rank 3 but is declared f32[N, D]",
                () -> scaleAdd.call(t(DType.F32, 2, 3, 4), t(DType.F32, 3), 1f));
        fails(IllegalArgumentException.class, "input 'w' has rank 0 but is declared f32[D]",
                () -> scaleAdd.call(t(DType.F32, 2, 3), t(DType.F32), 1f));
    }

    @Test
    void inconsistentDims() {
        fails(IllegalArgumentException.class, "input 'w' has size 7 for dim D at axis 0, but input 'x' gave D = 8",
                () -> scaleAdd.call(t(DType.F32, 2, 8), t(DType.F32, 7), 1f));
    }

    @Test
    void violatedRequirement() {
        fails(IllegalArgumentException.class, "pipeline ScaleAdd requires D >= 2, but the inputs give D = 1",
                () -> scaleAdd.call(t(DType.F32, 2, 1), t(DType.F32, 1), 1f));
    }

    @Test
    void wrongArgumentCount() {
        fails(IllegalArgumentException.class, "pipeline ScaleAdd takes 3 arguments (x, w, scale), but was given 2",
                () -> scaleAdd.call(t(DType.F32, 2, 3), t(DType.F32, 3)));
        fails(IllegalArgumentException.class, "pipeline ScaleAdd takes 3 arguments (x, w, scale), but was given none (null)",
                () -> scaleAdd.call((Object[]) null));
    }

    @Test
    void wrongArgumentTypes() {
        fails(IllegalArgumentException.class, "input 'x' must be a Tensor (f32[N, D]), but was given a Float (1.0)",
                () -> scaleAdd.call(1f, t(DType.F32, 3), 1f));
        fails(IllegalArgumentException.class, "input 'w' must be a Tensor (f32[D]), but was given null",
                () -> scaleAdd.call(t(DType.F32, 2, 3), null, 1f));
        fails(IllegalArgumentException.class, "scalar 'scale' is f32, but was given a String (two); pass a number",
                () -> scaleAdd.call(t(DType.F32, 2, 3), t(DType.F32, 3), "two"));
        fails(IllegalArgumentException.class, "scalar 'scale' is f32, but was given a Boolean (true); pass a number",
                () -> scaleAdd.call(t(DType.F32, 2, 3), t(DType.F32, 3), true));
    }

    @Test
    void closedInput() {
        Tensor x = t(DType.F32, 2, 3);
        x.close();
        fails(IllegalStateException.class, "input 'x' is closed", () -> scaleAdd.call(x, t(DType.F32, 3), 1f));
    }

    // ---- the binder alone, on small plans -----------------------------------------------------

    private static PipelinePlan.Param tensor(String name, DType dtype, SizeExpr... shape) {
        return new PipelinePlan.Param(name, dtype, List.of(shape), false, OptionalDouble.empty());
    }

    private static PipelinePlan.Param scalar(String name, DType dtype, OptionalDouble defaultValue) {
        return new PipelinePlan.Param(name, dtype, List.of(), true, defaultValue);
    }

    private static CallBinder binder(PipelinePlan.Param... params) {
        return new CallBinder(new PipelinePlan("P", List.of(params), List.of(), List.of(), List.of(),
                new PipelinePlan.Arena(SizeExpr.constant(0), List.of()), Map.of("cpu", List.of())), "cpu");
    }

    private static Object[] args(Object... args) {
        return args;
    }

    @Test
    void missingScalarWithoutDefault() {
        CallBinder b = binder(scalar("k", DType.I32, OptionalDouble.empty()), scalar("eps", DType.F32, OptionalDouble.of(1e-6)));
        fails(IllegalArgumentException.class, "scalar 'k' (i32) has no default, so it must be given",
                () -> b.bind(Device.cpu(), args(null, null)));
        BoundCall call = b.bind(Device.cpu(), args(3, null));
        assertEquals(3, call.scalars()[0]);
        assertEquals((float) 1e-6, call.scalars()[1], "the default, rounded to f32");
    }

    @Test
    void scalarsOfEachDtype() {
        CallBinder b = binder(scalar("k", DType.I32, OptionalDouble.empty()), scalar("flag", DType.BOOL, OptionalDouble.empty()),
                scalar("h", DType.F16, OptionalDouble.empty()));
        fails(IllegalArgumentException.class, "scalar 'k' is i32, but was given a Double (1.5); pass an integer",
                () -> b.bind(Device.cpu(), args(1.5, true, 1)));
        fails(IllegalArgumentException.class, "scalar 'k' is i32, but 4294967296 does not fit in 32 bits",
                () -> b.bind(Device.cpu(), args(1L << 32, true, 1)));
        fails(IllegalArgumentException.class, "scalar 'flag' is bool, but was given an Integer (1); pass a Boolean",
                () -> b.bind(Device.cpu(), args(1, 1, 1)));
        BoundCall call = b.bind(Device.cpu(), args(-5L, false, 0.1));
        assertEquals(-5, call.scalars()[0]);
        assertEquals(0, call.scalars()[1]);
        assertEquals(DType.F16.round(0.1), call.scalars()[2], "rounded to f16");
    }

    @Test
    void literalAndComputedDims() {
        SizeExpr n = SizeExpr.dim("N");
        SizeExpr twoN = new SizeExpr(List.of(new SizeExpr.Term(2, List.of(new SizeExpr.Dim("N")))));
        CallBinder b = binder(tensor("x", DType.F32, n, SizeExpr.constant(4)), tensor("v", DType.F32, twoN));
        try (Tensor x = Tensor.zeros(DType.F32, 3, 5); Tensor x4 = Tensor.zeros(DType.F32, 3, 4);
             Tensor v5 = Tensor.zeros(DType.F32, 5); Tensor v6 = Tensor.zeros(DType.F32, 6)) {
            fails(IllegalArgumentException.class, "input 'x' has size 5 at axis 1, but is declared f32[N, 4]",
                    () -> b.bind(Device.cpu(), args(x, v6)));
            fails(IllegalArgumentException.class, "input 'v' has size 5 at axis 0, but is declared f32[2 * N] (2 * N = 6)",
                    () -> b.bind(Device.cpu(), args(x4, v5)));
            assertEquals(Map.of("N", 3L), b.bind(Device.cpu(), args(x4, v6)).dims());
        }
    }
}
