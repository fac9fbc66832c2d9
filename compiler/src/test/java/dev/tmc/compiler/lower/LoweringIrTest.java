// The graph IR lowering emits for small programs: literals in the tensor's dtype, casts, calls of
// prelude fns, run-time dim requirements, precision profiles and the package.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoweringIrTest {

    @Test
    void weakLiteralsBecomeConstantsOfTheTensorsDtype() {
        Graph g = Lowering.pipeline("pipeline P(x: f16[N]) -> f16[N] { return x * 0.1 + 2; }");
        assertEquals("""
                pipeline P(x: f16[N]) -> (out: f16[N]) precision balanced {
                  %0 = param x : f16[N]
                  %1 = const 0.0999755859375 : f16[]
                  %2 = mul %0, %1 : f16[N]
                  %3 = const 2 : f16[]
                  %4 = add %2, %3 : f16[N]
                  return out = %4
                }
                """, GraphPrinter.print(g));
    }

    @Test
    void literalOnlyArithmeticIsFolded() {
        Graph g = Lowering.pipeline("pipeline P(x: f32[N]) -> f32[N] { return x * (2 ** 3 - 7 / 2); }");
        assertEquals("""
                pipeline P(x: f32[N]) -> (out: f32[N]) precision balanced {
                  %0 = param x : f32[N]
                  %1 = const 4.5 : f32[]
                  %2 = mul %0, %1 : f32[N]
                  return out = %2
                }
                """, GraphPrinter.print(g));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void integerPowersOfLiteralsFoldQuicklyAndExactly() {
        // (-1) ** (2^51 + 1) must not take 2^51 steps; 3 ** 3 stays an integer; 2 ** 64 overflows
        // 64 bits and folds as a float.
        Graph g = Lowering.pipeline("pipeline P(x: i32[N]) -> (a: i32[N], b: i32[N], c: f32[N]) {"
                + " return (x * (-1) ** 2251799813685249, x * 3 ** 3, x * 2 ** 64); }");
        String ir = GraphPrinter.print(g);
        assertTrue(ir.contains("const -1 : i32[]"), ir);
        assertTrue(ir.contains("const 27 : i32[]"), ir);
        assertTrue(ir.contains("const 18446744073709551616 : f32[]") || ir.contains("const 1.8446744E19 : f32[]"), ir);
    }

    @Test
    void promotionInsertsCastsAndAnExplicitCastIsKept() {
        Graph g = Lowering.pipeline("pipeline P(a: f16[N], b: i32[N]) -> f16[N] { return (a + b) as f16; }");
        assertEquals("""
                pipeline P(a: f16[N], b: i32[N]) -> (out: f16[N]) precision balanced {
                  %0 = param a : f16[N]
                  %1 = param b : i32[N]
                  %2 = cast %1 : f16[N]
                  %3 = add %0, %2 : f16[N]
                  %4 = cast %3 : f16[N]
                  return out = %4
                }
                """, GraphPrinter.print(g));
    }

    @Test
    void preludeFnsAreCallsWithTheirOwnBodies() {
        Graph g = Lowering.pipeline("pipeline P(x: f32[N]) -> f32[N] { return relu(x); }");
        assertEquals("""
                pipeline P(x: f32[N]) -> (out: f32[N]) precision balanced {
                  %0 = param x : f32[N]
                  %1 = call %0 @relu : f32[N]
                    fn relu(x: f32[N]) -> (out: f32[N]) precision balanced {
                      %0 = param x : f32[N]
                      %1 = const 0 : f32[]
                      %2 = max %0, %1 : f32[N]
                      return out = %2
                    }
                  return out = %1
                }
                """, GraphPrinter.print(g));
    }

    @Test
    void symbolicSliceBoundsBecomeRequirements() {
        Graph g = Lowering.pipeline("pipeline P(x: f32[N]) -> f32[N - 2] { return x[1:N-1]; }");
        assertEquals(1, g.constraints().size());
        assertEquals("N - 2", g.constraints().get(0).nonNegative().toString());
        assertTrue(g.body().stream().anyMatch(i -> i.op() instanceof Op.Slice));
        // A bound that holds for every N records nothing.
        assertEquals(List.of(), Lowering.pipeline("pipeline P(x: f32[N]) -> f32[N] { return x[0:N]; }").constraints());
    }

    @Test
    void dimsUsedAsValues() {
        Graph g = Lowering.pipeline("pipeline P(x: f32[N, D]) -> f32[N] { return sum(x, axis = 1) / D; }");
        assertTrue(GraphPrinter.print(g).contains("= dim D : f32[]"), GraphPrinter.print(g));
    }

    private static Module module(String text, Precision fallback) {
        Diagnostics d = new Diagnostics();
        return Frontend.lower(new SourceFile("t.tm", text), fallback, d).orElseThrow(() -> new AssertionError(d.all()));
    }

    @Test
    void precisionComesFromThePipelineThenTheFileThenTheCaller() {
        String body = "pipeline A(x: f32[N]) -> f32[N] { precision strict; return x; }\n"
                + "pipeline B(x: f32[N]) -> f32[N] { return x; }\n";
        Module withFile = module("package com.acme.ml;\nprecision fast;\n" + body, Precision.BALANCED);
        assertEquals("com.acme.ml", withFile.packageName());
        assertEquals(Precision.STRICT, withFile.pipeline("A").orElseThrow().precision());
        assertEquals(Precision.FAST, withFile.pipeline("B").orElseThrow().precision());
        Module withoutFile = module(body, Precision.FAST);
        assertEquals("", withoutFile.packageName());
        assertEquals(Precision.STRICT, withoutFile.pipeline("A").orElseThrow().precision());
        assertEquals(Precision.FAST, withoutFile.pipeline("B").orElseThrow().precision());
    }

    @Test
    void parametersKeepScalarnessAndDefaults() {
        Graph g = Lowering.pipeline("pipeline P(x: f32[N], eps: f32 = 1e-6, k: i32 = -3, s: f32[]) -> f32[N] {"
                + " return x * eps + k + s; }");
        assertEquals("x eps k s", String.join(" ", g.params().stream().map(p -> p.name()).toList()));
        assertTrue(g.params().get(1).scalar());
        assertTrue(!g.params().get(3).scalar(), "f32[] is a rank-0 tensor, not a scalar");
        assertEquals((float) 1e-6, g.params().get(1).defaultValue().getAsDouble());
        assertEquals(-3, g.params().get(2).defaultValue().getAsDouble());
        assertTrue(g.params().get(3).defaultValue().isEmpty());
    }
}
