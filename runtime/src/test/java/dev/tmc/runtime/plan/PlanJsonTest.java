// Manifests written and read back: every record kind round-trips, the text is deterministic and
// reads as documented on PlanJson, and doubles keep every bit.
package dev.tmc.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.testing.ScaleAddPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PlanJsonTest {
    private static FilePlan roundTrip(FilePlan plan) {
        String text = PlanJson.write(plan);
        FilePlan back = PlanJson.read(text, "test.json");
        assertEquals(plan, back);
        assertEquals(text, PlanJson.write(back), "writing is deterministic");
        return back;
    }

    private static SizeExpr.Term term(long coef, SizeExpr.Factor... factors) {
        return new SizeExpr.Term(coef, List.of(factors));
    }

    /** A pipeline with every kind of record and source the schema has, and awkward values. */
    static PipelinePlan kitchenSink() {
        SizeExpr n = SizeExpr.dim("N");
        SizeExpr halfN = new SizeExpr(List.of(term(3, new SizeExpr.Dim("B"),
                new SizeExpr.FloorDiv(new SizeExpr(List.of(term(1, new SizeExpr.Dim("N")), term(-1))), 2)), term(7)));
        HostExpr host = new HostExpr.Op("select", DType.F16, List.of(
                new HostExpr.Op("lt", DType.BOOL, List.of(new HostExpr.Param(2, DType.F32), new HostExpr.Const(Double.NaN, DType.F32))),
                new HostExpr.Op("cast", DType.F16, List.of(new HostExpr.DimValue(halfN, DType.I32))),
                new HostExpr.Const(Double.NEGATIVE_INFINITY, DType.F16)));
        PipelinePlan.KernelPlan k = new PipelinePlan.KernelPlan("k\"0\"\n", "matmul", halfN, 256,
                List.of(new PipelinePlan.BufferBinding("a", DType.BF16, false, new PipelinePlan.FromParam(0)),
                        new PipelinePlan.BufferBinding("t", DType.I32, true, new PipelinePlan.FromArena(12)),
                        new PipelinePlan.BufferBinding("o", DType.BOOL, true, new PipelinePlan.FromOutput(0))),
                List.of(new PipelinePlan.ScalarBinding("d_N", DType.I32, new PipelinePlan.FromDim("N")),
                        new PipelinePlan.ScalarBinding("s", DType.F32, new PipelinePlan.FromScalarParam(2)),
                        new PipelinePlan.ScalarBinding("h", DType.F16, new PipelinePlan.FromHostValue(13))));
        return new PipelinePlan("Sink",
                List.of(new PipelinePlan.Param("a", DType.BF16, List.of(SizeExpr.dim("B"), n, SizeExpr.constant(4)), false, OptionalDouble.empty()),
                        new PipelinePlan.Param("r", DType.F32, List.of(), false, OptionalDouble.empty()),
                        new PipelinePlan.Param("eps", DType.F32, List.of(), true, OptionalDouble.of(-0.0)),
                        new PipelinePlan.Param("big", DType.F32, List.of(), true, OptionalDouble.of(Double.POSITIVE_INFINITY)),
                        new PipelinePlan.Param("k", DType.I32, List.of(), true, OptionalDouble.of(-3)),
                        new PipelinePlan.Param("on", DType.BOOL, List.of(), true, OptionalDouble.of(1))),
                List.of(new PipelinePlan.Output("o", DType.BOOL, List.of(halfN, SizeExpr.constant(0))),
                        new PipelinePlan.Output("scalar", DType.F32, List.of())),
                List.of(new PipelinePlan.Requirement(new SizeExpr(List.of(term(1, new SizeExpr.Dim("N")), term(-2))), "N >= 2 (x[1:N-1])")),
                List.of(new PipelinePlan.HostValue(13, host)),
                new PipelinePlan.Arena(new SizeExpr(List.of(term(0))), List.of(
                        new PipelinePlan.Allocation(12, 0, SizeExpr.constant(64), halfN, DType.I32),
                        new PipelinePlan.Allocation(14, 3, new SizeExpr(List.of(term(1))), new SizeExpr(List.of()), DType.F16))),
                Map.of("metal", List.of(k), "cpu", List.of(k, k), "cuda", List.of()));
    }

    @Test
    void everyRecordKindRoundTrips() {
        roundTrip(ScaleAddPlan.file());
        roundTrip(new FilePlan(FilePlan.FORMAT, "dir/sink ü.tm", "", List.of(kitchenSink(), ScaleAddPlan.pipeline()),
                Optional.of("sink.metal"), Optional.of("sink.metallib")));
        roundTrip(new FilePlan(FilePlan.FORMAT, "empty.tm", "a.b", List.of(), Optional.empty(), Optional.empty()));
    }

    /** A CUDA plan with a library step and an arena of its own; the others read as before. */
    @Test
    void libraryStepsAndTargetArenasRoundTrip() {
        PipelinePlan p = ScaleAddPlan.pipeline();
        PipelinePlan.KernelPlan k = p.kernels("cpu").get(0);
        PipelinePlan.MatmulStep m = new PipelinePlan.MatmulStep(0, 1, 2, -1, 0, false, true,
                new SizeExpr(List.of(term(1, new SizeExpr.Dim("B"), new SizeExpr.Dim("H")))), SizeExpr.dim("T"),
                SizeExpr.dim("T"), SizeExpr.constant(128), DType.BF16);
        PipelinePlan.KernelPlan library = new PipelinePlan.KernelPlan("lib", "library-matmul", k.threadgroups(),
                k.threadsPerThreadgroup(), k.buffers(), k.scalars(), Optional.of(m));
        PipelinePlan.Arena own = new PipelinePlan.Arena(SizeExpr.constant(512),
                List.of(new PipelinePlan.Allocation(7, 0, SizeExpr.constant(0), SizeExpr.constant(512), DType.BF16)));
        PipelinePlan cuda = new PipelinePlan(p.name(), p.params(), p.outputs(), p.requirements(), p.hostValues(),
                p.arena(), Map.of("cpu", p.kernels("cpu"), "cuda", List.of(library)), Map.of("cuda", own));
        FilePlan back = roundTrip(new FilePlan(FilePlan.FORMAT, "lib.tm", "", List.of(cuda), Optional.empty(),
                Optional.empty()));
        PipelinePlan read = back.pipelines().get(0);
        assertEquals(Optional.of(m), read.kernels("cuda").get(0).library());
        assertEquals(own, read.arena("cuda"));
        assertEquals(p.arena(), read.arena("cpu"));
        String text = PlanJson.write(back);
        assertEquals(1, text.split("\"library\"", -1).length - 1);
        assertEquals(false, PlanJson.write(ScaleAddPlan.file()).contains("\"arenas\""), "no target arenas, no key");
    }

    /** A library attention step, its scale a constant or a scalar, reads back as written. */
    @Test
    void libraryAttentionStepsRoundTrip() {
        PipelinePlan p = ScaleAddPlan.pipeline();
        PipelinePlan.KernelPlan k = p.kernels("cpu").get(0);
        SizeExpr heads = new SizeExpr(List.of(term(1, new SizeExpr.Dim("B"), new SizeExpr.Dim("H"))));
        List<PipelinePlan.KernelPlan> kernels = new java.util.ArrayList<>();
        for (PipelinePlan.AttentionStep a : List.of(
                new PipelinePlan.AttentionStep(0, 1, 2, 3, -1, 0.08838834764831845, heads, SizeExpr.dim("T"),
                        SizeExpr.dim("S"), SizeExpr.constant(128), DType.BF16),
                new PipelinePlan.AttentionStep(2, 0, 1, 3, 0, 1.0, heads, SizeExpr.dim("T"), SizeExpr.dim("T"),
                        SizeExpr.constant(64), DType.F16))) {
            kernels.add(new PipelinePlan.KernelPlan("attn" + kernels.size(), "library-attention", k.threadgroups(),
                    k.threadsPerThreadgroup(), k.buffers(), k.scalars(), Optional.of(a)));
        }
        PipelinePlan cuda = new PipelinePlan(p.name(), p.params(), p.outputs(), p.requirements(), p.hostValues(),
                p.arena(), Map.of("cpu", p.kernels("cpu"), "cuda", kernels), Map.of());
        PipelinePlan read = roundTrip(new FilePlan(FilePlan.FORMAT, "attn.tm", "", List.of(cuda), Optional.empty(),
                Optional.empty())).pipelines().get(0);
        assertEquals(kernels.stream().map(PipelinePlan.KernelPlan::library).toList(),
                read.kernels("cuda").stream().map(PipelinePlan.KernelPlan::library).toList());
    }

    @Test
    void doublesKeepEveryBit() {
        Random rng = new Random(17);
        for (int i = 0; i < 500; i++) {
            double v = i % 2 == 0 ? Double.longBitsToDouble(rng.nextLong()) : rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20);
            for (double each : new double[] {v, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN}) {
                PipelinePlan.HostValue h = new PipelinePlan.HostValue(1, new HostExpr.Const(each, DType.F32));
                PipelinePlan p = new PipelinePlan("P", List.of(), List.of(), List.of(), List.of(h),
                        new PipelinePlan.Arena(SizeExpr.constant(0), List.of()), Map.of());
                roundTrip(new FilePlan(FilePlan.FORMAT, "s", "p", List.of(p), Optional.empty(), Optional.empty()));
            }
        }
    }

    /**
     * The manifest of ScaleAdd, as a reviewed golden file that is also read back as a resource;
     * regenerate with -Dtmc.regenerate=true after a deliberate change of the format.
     */
    @Test
    void theTextMatchesTheGoldenFile() throws IOException {
        String text = PlanJson.write(ScaleAddPlan.file());
        Path golden = Path.of("src/test/resources/dev/tmc/runtime/plan/scale_add.tmc.json");
        if (Boolean.getBoolean("tmc.regenerate")) {
            Files.writeString(golden, text);
        }
        assertEquals(Files.readString(golden), text);
        assertEquals(ScaleAddPlan.file(), PlanJson.readResource(PlanJsonTest.class, "scale_add.tmc.json"));
        assertEquals(ScaleAddPlan.file(), PlanJson.readResource(PlanJsonTest.class, "/dev/tmc/runtime/plan/scale_add.tmc.json"));
    }

    @Test
    void sizesUseTheShortFormsOnlyWhereTheyReadBackTheSame() {
        assertEquals(new Json.Num("0", null), PlanEncoder.size(SizeExpr.constant(0)));
        assertEquals(new Json.Num("-5", null), PlanEncoder.size(SizeExpr.constant(-5)));
        assertEquals(new Json.Str("N", null), PlanEncoder.size(SizeExpr.dim("N")));
        assertEquals("[[0]]\n", JsonWriter.write(PlanEncoder.size(new SizeExpr(List.of(term(0))))));
        assertEquals("[[2, \"N\"]]\n", JsonWriter.write(PlanEncoder.size(new SizeExpr(List.of(term(2, new SizeExpr.Dim("N")))))));
        assertEquals("[[1, \"N\"], [1, \"M\"]]\n", JsonWriter.write(PlanEncoder.size(new SizeExpr(List.of(
                term(1, new SizeExpr.Dim("N")), term(1, new SizeExpr.Dim("M")))))));
    }

    @Test
    void specialDoublesAreStrings() {
        assertEquals(new Json.Str("nan", null), PlanEncoder.real(Double.NaN));
        assertEquals(new Json.Str("inf", null), PlanEncoder.real(Double.POSITIVE_INFINITY));
        assertEquals(new Json.Str("-inf", null), PlanEncoder.real(Double.NEGATIVE_INFINITY));
        assertEquals(new Json.Num("-0", null), PlanEncoder.real(-0.0));
        assertEquals(new Json.Num("0.000001", null), PlanEncoder.real(1e-6));
    }
}
