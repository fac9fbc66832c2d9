// The kernel counts fusion promises (the required outcomes), in every dtype and profile.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuseTest {

    static Stream<Arguments> dtypesAndProfiles() {
        List<Arguments> all = new ArrayList<>();
        for (String dtype : List.of("f32", "f16", "bf16")) {
            for (Precision p : Precision.values()) {
                all.add(Arguments.of(dtype, p));
            }
        }
        return all.stream();
    }

    private static CompiledPipeline compile(String body, String dtype, Precision p) {
        return Compiled.pipeline(body.replace("T", dtype), "P", p);
    }

    private static List<Template> templates(CompiledPipeline p) {
        return p.fusion().groups().stream().map(FusionGroup::template).toList();
    }

    @ParameterizedTest
    @MethodSource("dtypesAndProfiles")
    void rmsNormIsOneRowKernel(String dtype, Precision p) {
        var c = compile("pipeline P(x: T[N, D], w: T[D]) -> T[N, D] { return rms_norm(x, w); }", dtype, p);
        assertEquals(List.of(Template.ROW_REDUCTION), templates(c), () -> FusionPrinter.print(c.fusion()));
    }

    @ParameterizedTest
    @MethodSource("dtypesAndProfiles")
    void layerNormIsOneRowKernel(String dtype, Precision p) {
        var c = compile("pipeline P(x: T[N, D], w: T[D], b: T[D]) -> T[N, D] { return layer_norm(x, w, b); }", dtype, p);
        assertEquals(List.of(Template.ROW_REDUCTION), templates(c), () -> FusionPrinter.print(c.fusion()));
    }

    @ParameterizedTest
    @MethodSource("dtypesAndProfiles")
    void softmaxAndLogSoftmaxAreOneRowKernel(String dtype, Precision p) {
        for (String fn : List.of("softmax", "log_softmax")) {
            var c = compile("pipeline P(x: T[N, D]) -> T[N, D] { return " + fn + "(x); }", dtype, p);
            assertEquals(List.of(Template.ROW_REDUCTION), templates(c), () -> FusionPrinter.print(c.fusion()));
        }
    }

    @ParameterizedTest
    @MethodSource("dtypesAndProfiles")
    void geluOfBiasIsOnePointwiseKernel(String dtype, Precision p) {
        for (String fn : List.of("gelu", "gelu_tanh")) {
            var c = compile("pipeline P(x: T[N, D], b: T[D]) -> T[N, D] { return " + fn + "(x + b); }", dtype, p);
            assertEquals(List.of(Template.POINTWISE), templates(c), () -> FusionPrinter.print(c.fusion()));
        }
    }

    @ParameterizedTest
    @MethodSource("dtypesAndProfiles")
    void chainOfTenIsOneKernel(String dtype, Precision p) {
        var c = compile("pipeline P(x: T[N]) -> T[N] { "
                + "return exp(sigmoid(tanh((((((x + 1.0) * 2.0) - 0.5) * x) + 0.25)) * x) - 1.0); }", dtype, p);
        long ops = c.lowered().body().stream().filter(i -> i.op() instanceof Op.Unary || i.op() instanceof Op.Binary)
                .count();
        assertTrue(ops >= 10, "the chain has " + ops + " ops");
        assertEquals(List.of(Template.POINTWISE), templates(c), () -> FusionPrinter.print(c.fusion()));
    }

    @ParameterizedTest
    @MethodSource("dtypesAndProfiles")
    void matmulTakesItsEpilogue(String dtype, Precision p) {
        var c = compile("pipeline P(x: T[M, K], w: T[K, H], b: T[H]) -> T[M, H] { return gelu(x @ w + b); }", dtype, p);
        assertEquals(List.of(Template.MATMUL), templates(c), () -> FusionPrinter.print(c.fusion()));
        FusionGroup k = c.fusion().groups().get(0);
        assertTrue(k.members().stream().anyMatch(m -> c.optimized().instr(m).op() instanceof Op.Unary u
                && u.fn().spelling().equals("erf")), "the gelu is in the matmul kernel");
    }

    @ParameterizedTest
    @MethodSource("dtypesAndProfiles")
    void attentionIsAtMostThreeKernels(String dtype, Precision p) {
        var c = compile("pipeline P(q: T[B, S, E], k: T[B, S, E], v: T[B, S, E], s: f32) -> T[B, S, E] {"
                + " return softmax(q @ transpose(k, 0, 2, 1) * s) @ v; }", dtype, p);
        assertTrue(c.fusion().kernelCount() <= 3, () -> FusionPrinter.print(c.fusion()));
        assertEquals(List.of(Template.MATMUL, Template.ROW_REDUCTION, Template.MATMUL), templates(c));
    }

    @Test
    void independentBranchesMergeIntoOneKernel() {
        var c = Compiled.pipeline("pipeline P(x: f32[N, D], y: f32[N, D]) -> f32[N, D] { return exp(x) + exp(y); }", "P");
        assertEquals(1, c.fusion().kernelCount(), () -> FusionPrinter.print(c.fusion()));
    }

    @Test
    void reductionsOfTheSameRowsShareOneKernel() {
        var c = Compiled.pipeline("pipeline P(x: f32[N, D]) -> (m: f32[N], t: f32[N], a: i32[N]) {"
                + " return (mean(x, axis = 1), max(x, axis = 1), argmax(x, axis = 1)); }", "P");
        assertEquals(1, c.fusion().kernelCount(), () -> FusionPrinter.print(c.fusion()));
    }

    @Test
    void aValueUsedByTwoKernelsIsStoredOnce() {
        var c = Compiled.pipeline("pipeline P(x: f32[N, D], w: f32[D, D]) -> (a: f32[N, D], b: f32[N, D]) {"
                + " let h = exp(x); return (h @ w, softmax(h)); }", "P");
        long storesOfH = c.fusion().groups().stream().flatMap(g -> g.outputs().stream())
                .filter(v -> c.optimized().instr(v).op() instanceof Op.Unary).count();
        assertEquals(1, storesOfH, () -> FusionPrinter.print(c.fusion()));
    }

    @Test
    void scalarArithmeticRunsOnTheHostOnce() {
        var c = Compiled.pipeline("pipeline P(x: f32[N], rate: f32, vol: f32) -> f32[N] {"
                + " return x * exp(rate + 0.5 * vol * vol); }", "P");
        assertEquals(1, c.fusion().kernelCount(), () -> FusionPrinter.print(c.fusion()));
        assertTrue(c.fusion().hostValues().stream().anyMatch(v -> c.optimized().instr(v).op() instanceof Op.Unary),
                "exp of scalars is a host value");
    }

    @Test
    void explainSaysWhenARowKernelRecomputesWork() {
        // exp is f32 and the only output f16: no output can keep it for the last walk (RowStash).
        var c = Compiled.pipeline("pipeline P(x: f32[N, D]) -> f16[N, D] { return softmax(x) as f16; }", "P");
        String notes = String.join("\n", c.fusion().groups().get(0).notes());
        assertTrue(notes.contains("exp, expensive"), notes);
    }

    @Test
    void explainSaysWhenARowKernelKeepsWorkForLaterWalks() {
        var c = Compiled.pipeline("pipeline P(x: f32[N, D]) -> f32[N, D] { return softmax(x); }", "P");
        String notes = String.join("\n", c.fusion().groups().get(0).notes());
        assertTrue(notes.contains("(exp) once per element; 1 later walks load it"), notes);
    }

    @Test
    void returningAParameterGetsACopyKernel() {
        var c = Compiled.pipeline("pipeline P(x: f32[N]) -> (a: f32[N], b: f32[N]) { return (x, x * 2.0); }", "P");
        assertEquals(2, c.fusion().kernelCount(), () -> FusionPrinter.print(c.fusion()));
    }

    @Test
    void kernelsRunAfterWhatTheyRead() {
        var c = Compiled.pipeline("pipeline P(x: f32[N, D], w: f32[D, D]) -> f32[N, D] {"
                + " return softmax(layer_norm(x @ w, x[0, :], x[1, :]) @ w); }", "P");
        List<Integer> stored = new ArrayList<>();
        for (FusionGroup k : c.fusion().groups()) {
            for (int in : k.inputs()) {
                boolean param = c.optimized().instr(in).op() instanceof Op.Parameter;
                boolean host = c.fusion().hostValues().contains(in);
                assertTrue(param || host || stored.contains(in), k.name() + " reads %" + in + " before it is written");
            }
            stored.addAll(k.outputs());
        }
    }
}
