// simplify-shapes: shape ops that move no data go, chains compose, and one-element reductions
// become reshapes; results stay bit-identical.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tmc.compiler.pass.Programs.assertUnchanged;
import static dev.tmc.compiler.pass.Programs.checkExact;
import static dev.tmc.compiler.pass.Programs.count;
import static dev.tmc.compiler.pass.Programs.instr;
import static dev.tmc.compiler.pass.Programs.lower;
import static dev.tmc.compiler.pass.Programs.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimplifyShapesTest {
    private static final DimExpr N = DimExpr.sym("N");
    private static final DimExpr D = DimExpr.sym("D");

    private static Graph simplify(String source) {
        return checkExact(lower(source), SimplifyShapes::run);
    }

    private static TensorType f32(DimExpr... dims) {
        return new TensorType(DType.F32, Shape.of(dims));
    }

    @Test
    void transposeOfTransposeComposes() {
        Graph g = simplify("pipeline P(x: f32[A, B, C]) -> (back: f32[A, B, C], once: f32[C, A, B]) {"
                + " return (transpose(transpose(x, 1, 2, 0), 2, 0, 1), transpose(transpose(x, 1, 0, 2), 2, 1, 0)); }");
        assertTrue(output(g, "back").op() instanceof Op.Parameter);
        Instr once = output(g, "once");
        assertEquals(List.of(2, 0, 1), ((Op.Transpose) once.op()).perm());
        assertTrue(g.instr(once.arg(0)).op() instanceof Op.Parameter);
    }

    @Test
    void reshapeOfReshapeIsOneReshape() {
        Graph g = simplify("pipeline P(x: f32[N, D]) -> (a: f32[D, N], b: f32[N, D]) {"
                + " return (reshape(reshape(x, N * D), D, N), reshape(reshape(x, D, N), N, D)); }");
        Instr a = output(g, "a");
        assertTrue(a.op() instanceof Op.Reshape && g.instr(a.arg(0)).op() instanceof Op.Parameter);
        assertTrue(output(g, "b").op() instanceof Op.Parameter);
    }

    @Test
    void shapeOpsToTheSameShapeGo() {
        // The lowering never makes these; later passes may.
        TensorType nd = f32(N, D);
        Map<String, Integer> outputs = new LinkedHashMap<>();
        outputs.put("reshape", 1);
        outputs.put("broadcast", 2);
        outputs.put("transpose", 3);
        outputs.put("slice", 4);
        Graph g = Programs.graph(List.of(Programs.param("x", nd)), List.of(
                instr(0, new Op.Parameter(0), nd),
                instr(1, new Op.Reshape(), nd, 0),
                instr(2, new Op.BroadcastTo(), nd, 0),
                instr(3, new Op.Transpose(List.of(0, 1)), nd, 0),
                instr(4, new Op.Slice(List.of(DimExpr.of(0), DimExpr.of(0)), List.of(1L, 1L)), nd, 0)), outputs);
        Graph after = checkExact(g, SimplifyShapes::run);
        for (String o : outputs.keySet()) {
            assertTrue(output(after, o).op() instanceof Op.Parameter, o);
        }
    }

    @Test
    void partialSlicesStay() {
        TensorType nd = f32(N, D);
        TensorType n1 = f32(N, DimExpr.of(1));
        Graph g = Programs.graph(List.of(Programs.param("x", nd), Programs.param("y", n1)), List.of(
                instr(0, new Op.Parameter(0), nd),
                instr(1, new Op.Parameter(1), n1),
                instr(2, new Op.Slice(List.of(DimExpr.of(0), DimExpr.of(1)), List.of(1L, 1L)), f32(N, D.plus(-1)), 0),
                instr(3, new Op.Slice(List.of(DimExpr.of(0), DimExpr.of(0)), List.of(2L, 1L)), f32(N.plus(1).floorDiv(2), D), 0),
                // A step over an axis of length 1 still takes its one element.
                instr(4, new Op.Slice(List.of(DimExpr.of(0), DimExpr.of(0)), List.of(1L, 5L)), n1, 1)),
                Map.of("a", 2, "b", 3, "c", 4));
        Graph after = SimplifyShapes.run(g);
        assertTrue(output(after, "a").op() instanceof Op.Slice);
        assertTrue(output(after, "b").op() instanceof Op.Slice);
        assertTrue(output(after, "c").op() instanceof Op.Parameter);
    }

    @Test
    void reductionsOverUnitAxes() {
        Graph g = simplify("pipeline P(x: f32[N, 1], z: f32[1, N, 1], i: i32[N, 1]) -> "
                + "(s: f32[N], k: f32[N, 1], m: f32[N], a: i32[N], p: i32[N], e: f32[N, 1]) {"
                + " return (sum(x, axis = 1), mean(x, axis = 1, keepdims = true), max(z, axis = [0, 2]),"
                + " argmax(x, axis = 1), prod(i, axis = -1), exp(min(x, axis = 1, keepdims = true))); }");
        assertEquals(0, count(g, Op.Reduce.class));
        assertTrue(output(g, "s").op() instanceof Op.Reshape);
        assertTrue(output(g, "k").op() instanceof Op.Parameter);
        assertTrue(output(g, "m").op() instanceof Op.Reshape);
        Instr argmax = output(g, "a");
        assertTrue(argmax.op() instanceof Op.BroadcastTo && g.instr(argmax.arg(0)).op() instanceof Op.Constant c
                && c.value() == 0);
    }

    @Test
    void reductionsOverRealAxesStay() {
        assertUnchanged(lower("pipeline P(x: f32[N, D], y: f32[N, 1]) -> (a: f32[N], b: f32[1]) {"
                + " return (sum(x, axis = 1), max(y, axis = 0)); }"), SimplifyShapes::run);
    }

    @Test
    void logsumexpLosesItsFinalReduction() {
        Graph before = lower("pipeline P(x: f32[N, D]) -> f32[N] { return logsumexp(x); }");
        assertEquals(3, count(before, Op.Reduce.class));
        Graph g = checkExact(before, SimplifyShapes::run);
        assertEquals(2, count(g, Op.Reduce.class)); // the max and the sum of exp remain
        assertTrue(output(g, "out").op() instanceof Op.Reshape);
    }

    @Test
    void transposesThatMoveOnlyUnitAxes() {
        Graph g = simplify("pipeline P(y: f32[N, 1], w: f32[1, N, 1, D]) -> (a: f32[1, N], b: f32[1, N, 1, D],"
                + " c: f32[N, 1, 1, D]) {"
                + " return (transpose(y), transpose(w, 2, 1, 0, 3), transpose(w, 1, 0, 2, 3)); }");
        assertEquals(0, count(g, Op.Transpose.class));
        assertTrue(output(g, "a").op() instanceof Op.Reshape);
        assertTrue(output(g, "b").op() instanceof Op.Parameter);
        assertTrue(output(g, "c").op() instanceof Op.Reshape);
    }

    @Test
    void transposesThatMoveDataStayEvenWhenTheShapeDoesNot() {
        assertUnchanged(lower("pipeline P(x: f32[N, N], w: f32[1, N, D]) -> (a: f32[N, N], b: f32[1, D, N]) {"
                + " return (transpose(x), transpose(w, 0, 2, 1)); }"), SimplifyShapes::run);
    }

    @Test
    void explicitBroadcastsIntoElementwiseOpsGo() {
        Graph g = simplify("pipeline P(x: f32[N, D], b: f32[D], c: bool[D]) -> (a: f32[N, D], s: f32[N, D]) {"
                + " return (x + broadcast(b, N, D), where(broadcast(c, N, D), x, broadcast(b, N, D))); }");
        assertEquals(0, count(EliminateDeadCode.run(g), Op.BroadcastTo.class));
        Instr a = output(g, "a");
        assertTrue(g.instr(a.arg(1)).op() instanceof Op.Parameter);
    }

    @Test
    void broadcastsThatSetTheResultShapeStay() {
        assertUnchanged(lower("pipeline P(b: f32[D], c: f32[D]) -> (a: f32[3, D], e: f32[3, D], o: f32[3, D]) {"
                + " return (broadcast(b, 3, D) + c, exp(broadcast(b, 3, D)), broadcast(b, 3, D)); }"),
                SimplifyShapes::run);
        // Two operands that each broadcast: only one of them may lose its broadcast.
        Graph g = simplify("pipeline P(b: f32[D], c: f32[D]) -> f32[3, D] {"
                + " return broadcast(b, 3, D) * broadcast(c, 3, D); }");
        Instr mul = output(g, "out");
        assertTrue(mul.op() instanceof Op.Binary m && m.fn() == BinaryFn.MUL);
        assertEquals(1, mul.args().stream().filter(a -> g.instr(a).op() instanceof Op.BroadcastTo).count());
    }

    @Test
    void nothingToDoReturnsTheSameGraph() {
        assertUnchanged(lower("pipeline P(x: f32[N, D], w: f32[D, K]) -> f32[K, N] {"
                + " return transpose(softmax(x) @ w); }"), SimplifyShapes::run);
    }

    @Test
    void leavesCallBodiesAlone() {
        Graph g = Programs.lowerKeepingCalls("fn f(a) = transpose(transpose(a));"
                + " pipeline P(x: f32[N, D]) -> (y: f32[N, D], z: f32[N, D]) { return (f(x), transpose(transpose(x))); }");
        Graph after = checkExact(g, SimplifyShapes::run);
        Op.Call call = (Op.Call) after.body().stream().filter(i -> i.op() instanceof Op.Call).findFirst()
                .orElseThrow().op();
        assertEquals(2, count(call.body(), Op.Transpose.class));
        assertTrue(output(after, "z").op() instanceof Op.Parameter);
    }
}
