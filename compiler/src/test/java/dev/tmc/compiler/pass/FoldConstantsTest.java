// fold-constants: every rule fires where the interpreter's value is exact, and nowhere else.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.ReduceFn;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tmc.compiler.pass.Programs.checkExact;
import static dev.tmc.compiler.pass.Programs.constantOutput;
import static dev.tmc.compiler.pass.Programs.count;
import static dev.tmc.compiler.pass.Programs.instr;
import static dev.tmc.compiler.pass.Programs.lower;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FoldConstantsTest {
    private static final TensorType F32 = TensorType.scalar(DType.F32);
    private static final TensorType F16 = TensorType.scalar(DType.F16);
    private static final TensorType I32 = TensorType.scalar(DType.I32);

    private static double folded(Graph g, String output) {
        return constantOutput(g, output).orElseThrow(() -> new AssertionError(output + " is not folded:\n"
                + GraphPrinter.print(g)));
    }

    @Test
    void foldsIntegerArithmeticWithIntegerSemantics() {
        Graph g = checkExact(lower("pipeline P(x: i32[N]) -> (a: i32[N], b: i32[], c: i32[], d: i32[]) {"
                + " return (x + (7 as i32) * (3 as i32), (7 as i32) % (-3 as i32),"
                + " (2147483647 as i32) + (1 as i32), (3 as i32) ** (2 as i32)); }"), FoldConstants::run);
        assertEquals(-2, folded(g, "b"));                          // floored, sign of the divisor
        assertEquals(Integer.MIN_VALUE, folded(g, "c"));           // wraps
        assertEquals(9, folded(g, "d"));
        assertEquals(0, count(g, o -> o instanceof Op.Binary b && b.fn() == BinaryFn.MUL));
    }

    @Test
    void foldsFloatArithmeticWhenTheDtypeHoldsTheResult() {
        Graph g = checkExact(lower("pipeline P() -> (c: f32[], n: f32[], z: f32[]) {"
                + " return ((2.0 as f32) * (0.25 as f32), (0.0 as f32) / (0.0 as f32), -(0.0 as f32)); }"),
                FoldConstants::run);
        assertEquals(0.5, folded(g, "c"));
        assertTrue(Double.isNaN(folded(g, "n")));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(folded(g, "z")));
    }

    @Test
    void leavesResultsTheDtypeWouldRound() {
        // The interpreter keeps 1/3 and e in f64 until a store; a folded f32 constant would not.
        Graph g = lower("pipeline P(x: f32[N]) -> (a: f32[N], b: f32[]) {"
                + " return (x * ((1.0 as f32) / (3.0 as f32)), exp(1.0 as f32)); }");
        Programs.assertUnchanged(g, FoldConstants::run);
    }

    @Test
    void foldsCastsWhichRoundByDefinition() {
        Graph g = checkExact(lower("pipeline P() -> (h: f16[], i: i32[], t: i32[], b: bool[]) {"
                + " return ((0.1 as f32) as f16, (nan as f32) as i32, (-2.7 as f32) as i32, (0.5 as f32) as bool); }"),
                FoldConstants::run);
        assertEquals(DType.F16.round(DType.F32.round(0.1)), folded(g, "h"));
        assertEquals(0, folded(g, "i"));
        assertEquals(-2, folded(g, "t"));
        assertEquals(1, folded(g, "b"));
    }

    @Test
    void foldsComparisonsThenTheSelectAndNotThatUseThem() {
        // Rules see operands already rewritten, so a chain folds in one run.
        Graph g = checkExact(lower("pipeline P() -> (g: f32[], h: bool[]) {"
                + " return (where((1 as i32) < (2 as i32), 3.0 as f32, 4.0 as f32), !((1 as i32) == (1 as i32))); }"),
                FoldConstants::run);
        assertEquals(3, folded(g, "g"));
        assertEquals(0, folded(g, "h"));
    }

    @Test
    void foldsUnaryFunctionsWithExactResults() {
        Graph g = checkExact(lower("pipeline P() -> (a: f32[], s: f32[], f: i32[], r: f32[]) {"
                + " return (abs(-2.5 as f32), sqrt(16.0 as f32), abs(-5 as i32), round(2.5 as f32)); }"),
                FoldConstants::run);
        assertEquals(2.5, folded(g, "a"));
        assertEquals(4, folded(g, "s"));
        assertEquals(5, folded(g, "f"));
        assertEquals(2, folded(g, "r")); // half to even
    }

    @Test
    void foldsDimValuesOfLiteralDims() {
        // f16 holds 5000 but not 5001: the interpreter rounds a dim value to its dtype, and so does folding.
        TensorType vector = new TensorType(DType.I32, Shape.of(DimExpr.sym("N")));
        Graph g = Programs.graph(List.of(Programs.param("x", vector)), List.of(
                instr(0, new Op.Parameter(0), vector),
                instr(1, new Op.DimValue(DimExpr.of(5001)), F16),
                instr(2, new Op.DimValue(DimExpr.of(8)), I32),
                instr(3, new Op.DimValue(DimExpr.sym("N")), I32)), Map.of("h", 1, "i", 2, "n", 3));
        Graph after = checkExact(g, FoldConstants::run);
        assertEquals(5000, folded(after, "h"));
        assertEquals(8, folded(after, "i"));
        assertTrue(Programs.output(after, "n").op() instanceof Op.DimValue, "a symbolic dim stays");
    }

    @Test
    void foldsScalarShapeOpsAndReductionsOfConstants() {
        // The lowering drops these, but other passes may leave them behind.
        Map<String, Integer> outputs = new LinkedHashMap<>();
        outputs.put("r", 1);
        outputs.put("b", 2);
        outputs.put("s", 3);
        outputs.put("m", 4);
        Graph g = Programs.graph(List.of(), List.of(
                instr(0, new Op.Constant(-1.5), F32),
                instr(1, new Op.Reshape(), F32, 0),
                instr(2, new Op.BroadcastTo(), F32, 0),
                instr(3, new Op.Transpose(List.of()), F32, 0),
                instr(4, new Op.Reduce(ReduceFn.MEAN, List.of(), false), F32, 0)), outputs);
        Graph after = FoldConstants.run(g);
        Programs.assertVerifies(after);
        for (String o : outputs.keySet()) {
            assertEquals(-1.5, folded(after, o));
        }
    }

    @Test
    void leavesTensorsAndParametersAlone() {
        Programs.assertUnchanged(lower("pipeline P(x: f32[N], s: f32) -> f32[N] { return x * 2.0 + s; }"),
                FoldConstants::run);
        Programs.assertUnchanged(Programs.graph(List.of(), List.of(
                instr(0, new Op.Constant(2), F32),
                instr(1, new Op.BroadcastTo(), new TensorType(DType.F32, Shape.of(3)), 0),
                instr(2, new Op.Unary(UnaryFn.NEG), new TensorType(DType.F32, Shape.of(3)), 1)),
                Map.of("o", 2)), FoldConstants::run);
    }

    @Test
    void leavesCallBodiesAlone() {
        Graph g = Programs.lowerKeepingCalls("fn f(a) = a * ((2 as i32) + (3 as i32));"
                + " pipeline P(x: i32[N]) -> (y: i32[N], c: i32[]) { return (f(x), (4 as i32) - (1 as i32)); }");
        Op.Call call = (Op.Call) g.body().stream().filter(i -> i.op() instanceof Op.Call).findFirst().orElseThrow().op();
        Graph after = checkExact(g, FoldConstants::run);
        assertEquals(3, folded(after, "c"));
        Op.Call kept = (Op.Call) after.body().stream().filter(i -> i.op() instanceof Op.Call).findFirst().orElseThrow()
                .op();
        assertTrue(kept.body() == call.body(), "the call's body is the same graph");
    }
}
