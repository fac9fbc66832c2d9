// A hand-written plan and CPU kernels standing in for what the compiler will generate for
//   pipeline ScaleAdd(x: f32[N, D], w: f32[D], scale: f32 = 2) -> (out: f32[N, D], mean: f32[N])
//   { let y = x * scale; let o = y + w; return (o, mean(o, axis = 1)); }   requiring D >= 2:
// three kernels, an arena intermediate, a host value (1/D), dims, a scalar with a default.
package dev.tmc.runtime.testing;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.cpu.CpuKernel;
import dev.tmc.runtime.cpu.CpuKernelLibrary;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.HostExpr;
import dev.tmc.runtime.plan.PipelinePlan;
import dev.tmc.runtime.plan.PipelinePlan.BufferBinding;
import dev.tmc.runtime.plan.PipelinePlan.ScalarBinding;
import dev.tmc.runtime.plan.SizeExpr;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

public final class ScaleAddPlan {
    /** Elements per threadgroup of the pointwise kernel. */
    public static final int CHUNK = 4;
    public static final int Y = 7;
    public static final int INV_D = 10;

    private ScaleAddPlan() {}

    public static SizeExpr nTimesD(long coef) {
        return new SizeExpr(List.of(new SizeExpr.Term(coef, List.of(new SizeExpr.Dim("N"), new SizeExpr.Dim("D")))));
    }

    public static PipelinePlan pipeline() {
        SizeExpr n = SizeExpr.dim("N");
        SizeExpr d = SizeExpr.dim("D");
        SizeExpr chunks = new SizeExpr(List.of(new SizeExpr.Term(1, List.of(new SizeExpr.FloorDiv(
                new SizeExpr(List.of(nTimesD(1).terms().get(0), new SizeExpr.Term(CHUNK - 1, List.of()))), CHUNK)))));
        PipelinePlan.KernelPlan scale = new PipelinePlan.KernelPlan("k_scale", "pointwise", chunks, 1,
                List.of(new BufferBinding("in_x", DType.F32, false, new PipelinePlan.FromParam(0)),
                        new BufferBinding("t7", DType.F32, true, new PipelinePlan.FromArena(Y))),
                List.of(new ScalarBinding("d_D", DType.I32, new PipelinePlan.FromDim("D")),
                        new ScalarBinding("d_N", DType.I32, new PipelinePlan.FromDim("N")),
                        new ScalarBinding("s_scale", DType.F32, new PipelinePlan.FromScalarParam(2))));
        PipelinePlan.KernelPlan add = new PipelinePlan.KernelPlan("k_add", "pointwise", n, 1,
                List.of(new BufferBinding("t7", DType.F32, false, new PipelinePlan.FromArena(Y)),
                        new BufferBinding("in_w", DType.F32, false, new PipelinePlan.FromParam(1)),
                        new BufferBinding("out_out", DType.F32, true, new PipelinePlan.FromOutput(0))),
                List.of(new ScalarBinding("d_D", DType.I32, new PipelinePlan.FromDim("D"))));
        PipelinePlan.KernelPlan mean = new PipelinePlan.KernelPlan("k_mean", "row-reduction", n, 1,
                List.of(new BufferBinding("out_out", DType.F32, false, new PipelinePlan.FromOutput(0)),
                        new BufferBinding("out_mean", DType.F32, true, new PipelinePlan.FromOutput(1))),
                List.of(new ScalarBinding("d_D", DType.I32, new PipelinePlan.FromDim("D")),
                        new ScalarBinding("h10", DType.F32, new PipelinePlan.FromHostValue(INV_D))));
        HostExpr invD = new HostExpr.Op("div", DType.F32,
                List.of(new HostExpr.Const(1, DType.F32), new HostExpr.DimValue(d, DType.F32)));
        SizeExpr dMinus2 = new SizeExpr(List.of(new SizeExpr.Term(1, List.of(new SizeExpr.Dim("D"))),
                new SizeExpr.Term(-2, List.of())));
        return new PipelinePlan("ScaleAdd",
                List.of(new PipelinePlan.Param("x", DType.F32, List.of(n, d), false, OptionalDouble.empty()),
                        new PipelinePlan.Param("w", DType.F32, List.of(d), false, OptionalDouble.empty()),
                        new PipelinePlan.Param("scale", DType.F32, List.of(), true, OptionalDouble.of(2))),
                List.of(new PipelinePlan.Output("out", DType.F32, List.of(n, d)),
                        new PipelinePlan.Output("mean", DType.F32, List.of(n))),
                List.of(new PipelinePlan.Requirement(dMinus2, "D >= 2")),
                List.of(new PipelinePlan.HostValue(INV_D, invD)),
                new PipelinePlan.Arena(nTimesD(4), List.of(
                        new PipelinePlan.Allocation(Y, 0, SizeExpr.constant(0), nTimesD(4), DType.F32))),
                Map.of("cpu", List.of(scale, add, mean)));
    }

    public static FilePlan file() {
        return new FilePlan(FilePlan.FORMAT, "scale_add.tm", "dev.tmc.test", List.of(pipeline()),
                Optional.empty(), Optional.empty());
    }

    /** y[i] = x[i] * scale, CHUNK elements a threadgroup. */
    public static final CpuKernel SCALE = (first, end, buffers, scalars) -> {
        float[] x = (float[]) buffers[0];
        float[] y = (float[]) buffers[1];
        int total = (int) scalars[0] * (int) scalars[1];
        float s = (float) scalars[2];
        for (int g = first; g < end; g++) {
            for (int i = g * CHUNK; i < Math.min(total, (g + 1) * CHUNK); i++) {
                y[i] = x[i] * s;
            }
        }
    };

    /** out[r, c] = y[r, c] + w[c], a row a threadgroup. */
    public static final CpuKernel ADD = (first, end, buffers, scalars) -> {
        float[] y = (float[]) buffers[0];
        float[] w = (float[]) buffers[1];
        float[] out = (float[]) buffers[2];
        int d = (int) scalars[0];
        for (int r = first; r < end; r++) {
            for (int c = 0; c < d; c++) {
                out[r * d + c] = y[r * d + c] + w[c];
            }
        }
    };

    /** mean[r] = sum(out[r, :]) * (1/D), a row a threadgroup. */
    public static final CpuKernel MEAN = (first, end, buffers, scalars) -> {
        float[] out = (float[]) buffers[0];
        float[] mean = (float[]) buffers[1];
        int d = (int) scalars[0];
        float invD = (float) scalars[1];
        for (int r = first; r < end; r++) {
            float sum = 0;
            for (int c = 0; c < d; c++) {
                sum += out[r * d + c];
            }
            mean[r] = sum * invD;
        }
    };

    public static final CpuKernelLibrary KERNELS = name -> {
        switch (name) {
            case "k_scale": return SCALE;
            case "k_add": return ADD;
            case "k_mean": return MEAN;
            default: throw new IllegalArgumentException("no CPU kernel " + name);
        }
    };

    /** What the pipeline computes, in the kernels' own float arithmetic. */
    public static float[][] expected(float[] x, float[] w, float scale, int n, int d) {
        float[] out = new float[n * d];
        float[] mean = new float[n];
        float invD = 1f / d;
        for (int r = 0; r < n; r++) {
            float sum = 0;
            for (int c = 0; c < d; c++) {
                out[r * d + c] = x[r * d + c] * scale + w[c];
                sum += out[r * d + c];
            }
            mean[r] = sum * invD;
        }
        return new float[][] {out, mean};
    }
}
