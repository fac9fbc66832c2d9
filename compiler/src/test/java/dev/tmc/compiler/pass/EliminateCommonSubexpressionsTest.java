// cse: one value per (op, operands, type, storage); what differs in any of them stays apart.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tmc.compiler.pass.Programs.assertUnchanged;
import static dev.tmc.compiler.pass.Programs.checkExact;
import static dev.tmc.compiler.pass.Programs.count;
import static dev.tmc.compiler.pass.Programs.instr;
import static dev.tmc.compiler.pass.Programs.lower;
import static dev.tmc.compiler.pass.Programs.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class EliminateCommonSubexpressionsTest {
    private static final TensorType F32_N = new TensorType(DType.F32, Shape.of(DimExpr.sym("N")));

    private static Graph cse(String source) {
        return checkExact(lower(source), EliminateCommonSubexpressions::run);
    }

    @Test
    void repeatedValuesMerge() {
        Graph g = cse("pipeline P(x: f32[N, D]) -> (a: f32[N, D], b: f32[N]) {"
                + " return (exp(x) * 2.0 + exp(x) * 2.0, sum(exp(x), axis = 1) + sum(exp(x), axis = 1)); }");
        assertEquals(1, count(g, o -> o instanceof Op.Unary u && u.fn() == UnaryFn.EXP));
        assertEquals(1, count(g, o -> o instanceof Op.Reduce));
        assertEquals(1, count(g, Op.Constant.class));
    }

    @Test
    void commutedOperandsMergeOnlyForCommutativeOps() {
        Graph g = cse("pipeline P(x: f32[N], y: f32[N]) -> (a: f32[N], b: f32[N], c: f32[N], d: f32[N],"
                + " e: bool[N], f: bool[N], s: f32[N], t: f32[N]) {"
                + " return (x + y, y + x, min(x, y), min(y, x), x < y, y < x, x - y, y - x); }");
        assertEquals(output(g, "a").id(), output(g, "b").id());
        assertEquals(output(g, "c").id(), output(g, "d").id());
        assertNotEquals(output(g, "e").id(), output(g, "f").id());
        assertNotEquals(output(g, "s").id(), output(g, "t").id());
    }

    @Test
    void differentValuesTypesAndAttributesStayApart() {
        // 0.0 and -0.0 differ; so do f32 and f16 constants of the same value, and sums over
        // different axes.
        Graph g = lower("pipeline P(x: f32[N, N], h: f16[N]) -> (a: f32[N, N], b: f32[N, N], c: f16[N],"
                + " d: f32[N], e: f32[N]) {"
                + " return (x + 0.0, x + -0.0, h + 1.0, sum(x, axis = 0) + 1.0, sum(x, axis = 1)); }");
        Graph after = checkExact(g, EliminateCommonSubexpressions::run);
        assertEquals(count(g, Op.Reduce.class), count(after, Op.Reduce.class));
        assertEquals(4, count(after, Op.Constant.class)); // 0.0, -0.0, f16 1, f32 1
    }

    @Test
    void differentStorageStaysApart() {
        Graph g = Programs.graph(List.of(Programs.param("x", F32_N)), List.of(
                instr(0, new Op.Parameter(0), F32_N),
                instr(1, new Op.Unary(UnaryFn.EXP), F32_N, 0),
                new Instr(2, new Op.Unary(UnaryFn.EXP), List.of(0), F32_N, DType.F16, SourceSpan.NONE)),
                Map.of("a", 1, "b", 2));
        assertUnchanged(g, EliminateCommonSubexpressions::run);
    }

    @Test
    void parametersNeverMerge() {
        // Two reads of parameter 0 are not something the lowering makes, but merging parameters
        // would change the signature; they stay as they are.
        Graph g = Programs.graph(List.of(Programs.param("x", F32_N)), List.of(
                instr(0, new Op.Parameter(0), F32_N),
                instr(1, new Op.Parameter(0), F32_N),
                instr(2, new Op.Binary(BinaryFn.ADD), F32_N, 0, 1)), Map.of("a", 2));
        assertUnchanged(g, EliminateCommonSubexpressions::run);
    }

    @Test
    void callsMergeOnlyWhenCalleeBodyAndOperandsAreEqual() {
        Graph g = Programs.lowerKeepingCalls("fn f(a) = a * 2.0; fn g(a) = a * 2.0;"
                + " pipeline P(x: f32[N], y: f32[N]) -> (a: f32[N], b: f32[N], c: f32[N], d: f32[N]) {"
                + " return (f(x), f(x), g(x), f(y)); }");
        assertEquals(4, count(g, Op.Call.class));
        Graph after = checkExact(g, EliminateCommonSubexpressions::run);
        assertEquals(3, count(after, Op.Call.class));
        assertEquals(output(after, "a").id(), output(after, "b").id());
    }

    @Test
    void nothingToDoReturnsTheSameGraph() {
        assertUnchanged(lower("pipeline P(x: f32[N, D], w: f32[D], b: f32[D]) -> f32[N, D] {"
                + " return layer_norm(x, w, b); }"), EliminateCommonSubexpressions::run);
    }
}
