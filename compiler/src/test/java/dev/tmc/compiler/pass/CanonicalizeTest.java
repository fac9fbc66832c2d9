// canonicalize: the sub-passes together reach a fixed point that keeps the prelude's composites
// bit-exact and every example pipeline verifiable with the same interpreter results.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.ReduceFn;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.tmc.compiler.pass.Programs.assertUnchanged;
import static dev.tmc.compiler.pass.Programs.checkExact;
import static dev.tmc.compiler.pass.Programs.count;
import static dev.tmc.compiler.pass.Programs.lower;
import static dev.tmc.compiler.pass.Programs.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalizeTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "tm");

    private static long reductions(Graph g, ReduceFn fn) {
        return count(g, o -> o instanceof Op.Reduce r && r.fn() == fn);
    }

    @Test
    void preludeCompositesStayExactAndShareWork() {
        Graph before = lower("pipeline P(x: f32[N, D], w: f32[D], b: f32[D]) -> "
                + "(lse: f32[N], sm: f32[N, D], ln: f32[N, D], lsm: f32[N, D]) {"
                + " return (logsumexp(x), softmax(x), layer_norm(x, w, b), log_softmax(x)); }");
        Graph g = checkExact(before, Canonicalize::run);
        // logsumexp's final sum over its kept axis of length 1 is a reshape now.
        assertTrue(output(g, "lse").op() instanceof Op.Reshape, GraphPrinter.print(g));
        // One row max for all three max-shifted composites; one sum of exp for logsumexp and softmax.
        assertEquals(1, reductions(g, ReduceFn.MAX), GraphPrinter.print(g));
        assertEquals(3, reductions(before, ReduceFn.MAX));
        assertTrue(reductions(g, ReduceFn.SUM) < reductions(before, ReduceFn.SUM));
        assertUnchanged(g, Canonicalize::run);
    }

    @Test
    void subPassesFeedEachOther() {
        // fold (2 > 1) -> select-constant -> x * 1.0 -> x; cse makes min(exp x, exp x) a min(v, v).
        Graph g = checkExact(lower("pipeline P(x: f32[N], y: f32[N]) -> (a: f32[N], b: f32[N]) {"
                + " return (where((2 as i32) > (1 as i32), x * 1.0, y), min(exp(x), exp(x))); }"), Canonicalize::run);
        assertTrue(output(g, "a").op() instanceof Op.Parameter);
        assertTrue(output(g, "b").op() instanceof Op.Unary);
        assertEquals(3, g.body().size(), GraphPrinter.print(g)); // x, y, exp x and nothing else
    }

    /** Pieces of random programs: E and F stand for random f32[N, D] subexpressions. */
    private static final List<String> PIECES = List.of(
            "(E * 1.0)", "(1.0 * E)", "(E / 1.0)", "(E - 0.0)", "(E + -0.0)", "(E + 0.0)", "(E * 0.0)", "(E - F)",
            "(E - E)", "(E ** 2)", "(E ** 1)", "(E ** 0)", "(E ** 0.5)", "(-E)", "(-(-E))", "abs(-E)", "abs(abs(E))",
            "min(E, F)", "max(E, E)", "where(b, E, F)", "where(b, E, E)", "where(true, E, F)", "where(!(!b), E, F)",
            "where(x < E, E, x)", "exp(E)", "softmax(E)", "(logsumexp(E, keepdims = true) * E)",
            "transpose(transpose(E))", "reshape(reshape(E, D, N), N, D)", "sum(reshape(E, N, D, 1), axis = 2)",
            "mean(reshape(E, 1, N, D), axis = 0)", "transpose(reshape(transpose(E), D, N, 1), 2, 1, 0)[0, :, :]",
            "((E as f16) as f32)", "((E as f16) as bf16 as f32)", "(((h as f32) as f16) as f32 + E)",
            "(E + y)", "(E * z)", "(E + broadcast(y, N, D))", "(broadcast(1.0, N, D) * E)",
            "(E + broadcast(-0.0, N, D))", "(E * ((2.0 as f32) * (0.5 as f32)))", "(E + x) * (x + E)",
            "(((i * 1) + 0) as f32 * E)", "((i ** 2) as f32 + E)");

    private static String randomExpression(Random random, int depth) {
        if (depth == 0) {
            List<String> leaves = List.of("x", "(h as f32)", "broadcast(y, N, D)", "(z + x)");
            return leaves.get(random.nextInt(leaves.size()));
        }
        return PIECES.get(random.nextInt(PIECES.size()))
                .replace("E", randomExpression(random, depth - 1))
                .replace("F", randomExpression(random, depth - 1));
    }

    @Test
    void randomProgramsStayExactUnderEveryPass() {
        Random random = new Random(42);
        List<UnaryOperator<Graph>> passes = List.of(FoldConstants::run, SimplifyAlgebra::run, SimplifyShapes::run,
                EliminateCommonSubexpressions::run, Canonicalize::run);
        for (int k = 0; k < 300; k++) {
            String source = "pipeline P(x: f32[N, D], y: f32[D], z: f32[N, 1], b: bool[N, D], h: f16[N, D],"
                    + " i: i32[N, D]) -> f32[N, D] { return " + randomExpression(random, 1 + random.nextInt(4)) + "; }";
            try {
                Graph g = lower(source);
                passes.forEach(pass -> checkExact(g, pass));
                assertUnchanged(Canonicalize.run(g), Canonicalize::run);
            } catch (AssertionError e) {
                throw new AssertionError(source + "\n" + e.getMessage(), e);
            }
        }
    }

    @Test
    void nothingToDoReturnsTheSameGraph() {
        assertUnchanged(lower("pipeline P(x: f32[N, D], w: f32[D]) -> f32[N, D] { return rms_norm(x, w); }"),
                Canonicalize::run);
    }

    @Test
    void refusesGraphsWithCalls() {
        Graph g = Programs.lowerKeepingCalls("fn f(a) = a * 2.0; pipeline P(x: f32[N]) -> f32[N] { return f(x); }");
        assertThrows(InternalCompilerError.class, () -> Canonicalize.run(g));
    }

    @TestFactory
    Stream<DynamicTest> examplesKeepTheirResults() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(p -> p.toString().endsWith(".tm")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no examples under " + EXAMPLES.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            for (Graph g : Programs.module(Files.readString(file)).pipelines()) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + g.name(), () -> checkExample(Inline.run(g))));
            }
        }
        return tests.stream();
    }

    private static void checkExample(Graph before) {
        Programs.assertVerifies(before);
        Graph after = Canonicalize.run(before);
        Programs.assertVerifies(after);
        Programs.assertSameSignature(before, after);
        assertTrue(after.body().size() <= before.body().size());
        assertUnchanged(after, Canonicalize::run);
        for (long seed = 1; seed <= 3; seed++) {
            Map<String, HostArray> in = Programs.inputs(before, seed, false);
            Map<String, HostArray> expected = Programs.run(before, in);
            Map<String, HostArray> actual = Programs.run(after, in);
            for (String name : expected.keySet()) {
                assertClose(expected.get(name), actual.get(name), before.name() + "." + name);
            }
        }
    }

    /** Equal within 1e-12 relative, NaN matching NaN (the rewrites are exact; this leaves room). */
    private static void assertClose(HostArray expected, HostArray actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what);
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what);
        for (int k = 0; k < expected.data().length; k++) {
            double e = expected.data()[k];
            double a = actual.data()[k];
            boolean close = Double.compare(e, a) == 0 || Math.abs(e - a) <= 1e-12 * Math.max(Math.abs(e), Math.abs(a));
            int index = k;
            assertTrue(close, () -> what + "[" + index + "]: expected " + e + ", got " + a);
        }
    }
}
