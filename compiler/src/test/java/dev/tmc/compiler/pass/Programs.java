// Test support for the pass tests: .tm text to graph IR, hand-built graphs, op counts, and the
// differential check that a pass keeps what the reference interpreter computes.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.interp.Interpreter;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.GraphVerifier;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

final class Programs {
    /** Inputs that break inexact rewrites: NaN, signed zeros, infinities, and plain numbers. */
    static final double[] SPECIAL = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        1.0, -1.0, 0.5, 2.0, -3.25, 1e-3, 65504.0, 1e30};

    private Programs() {
    }

    static Module module(String source) {
        Diagnostics d = new Diagnostics();
        var m = Frontend.lower(new SourceFile("test.tm", source), Precision.BALANCED, d);
        if (m.isEmpty()) {
            fail("does not compile:\n" + DiagnosticRenderer.render(d.all()));
        }
        return m.get();
    }

    /** The first pipeline of {@code source}, calls inlined, as every canonicalizing pass expects. */
    static Graph lower(String source) {
        return Inline.run(module(source).pipelines().get(0));
    }

    /** The first pipeline with its calls still in place. */
    static Graph lowerKeepingCalls(String source) {
        return module(source).pipelines().get(0);
    }

    static long count(Graph g, Predicate<Op> which) {
        return g.body().stream().filter(i -> which.test(i.op())).count();
    }

    static long count(Graph g, Class<? extends Op> kind) {
        return count(g, kind::isInstance);
    }

    /** The rank-0 constant that output {@code name} is, if it is one. */
    static OptionalDouble constantOutput(Graph g, String name) {
        GraphOutput o = g.outputs().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return g.instr(o.value()).op() instanceof Op.Constant c ? OptionalDouble.of(c.value()) : OptionalDouble.empty();
    }

    static Instr output(Graph g, String name) {
        return g.instr(g.outputs().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().value());
    }

    static void assertVerifies(Graph g) {
        List<String> problems = GraphVerifier.verify(g);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems) + "\n" + GraphPrinter.print(g));
    }

    /**
     * Runs {@code pass} and checks what every pass must keep: a verifiable graph, the same outputs
     * types, and bit-identical interpreter results (NaNs compared as NaN) on several input sets.
     */
    static Graph checkExact(Graph before, UnaryOperator<Graph> pass) {
        assertVerifies(before);
        Graph after = pass.apply(before);
        assertVerifies(after);
        assertSameSignature(before, after);
        for (long seed = 1; seed <= 12; seed++) {
            Map<String, HostArray> in = inputs(before, seed, true);
            assertEquals(run(before, in), run(after, in), () -> "results differ\nbefore:\n"
                    + GraphPrinter.print(before) + "after:\n" + GraphPrinter.print(after));
        }
        return after;
    }

    /** The pass leaves this graph alone and says so by returning the same instance. */
    static void assertUnchanged(Graph g, UnaryOperator<Graph> pass) {
        assertSame(g, pass.apply(g), () -> GraphPrinter.print(g));
    }

    static void assertSameSignature(Graph before, Graph after) {
        assertEquals(before.params(), after.params());
        assertEquals(before.outputs().size(), after.outputs().size());
        for (int k = 0; k < before.outputs().size(); k++) {
            assertEquals(before.outputs().get(k).name(), after.outputs().get(k).name());
            assertEquals(before.type(before.outputs().get(k).value()), after.type(after.outputs().get(k).value()));
        }
    }

    static Map<String, HostArray> run(Graph g, Map<String, HostArray> inputs) {
        try {
            return Interpreter.run(g, inputs);
        } catch (InputError e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /**
     * Random inputs for every parameter. Symbolic dims get small sizes (2 to 5, by name and seed);
     * with {@code special}, half the float values are SPECIAL ones, taken in turn from an offset
     * that moves with the seed, so a dozen seeds meet every one of them.
     */
    static Map<String, HostArray> inputs(Graph g, long seed, boolean special) {
        Random random = new Random(seed);
        Map<String, Long> dims = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(new TreeSet<>(symbols(g)));
        for (int k = 0; k < names.size(); k++) {
            dims.put(names.get(k), 2L + (k + seed) % 4);
        }
        int[] turn = {(int) (seed * 5)};
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (GraphParam p : g.params()) {
            long[] shape = p.type().shape().evaluate(dims);
            double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
            for (int k = 0; k < data.length; k++) {
                data[k] = p.type().dtype().round(value(p.type().dtype(), random, special, turn));
            }
            out.put(p.name(), new HostArray(p.type().dtype(), shape, data));
        }
        return out;
    }

    private static List<String> symbols(Graph g) {
        List<String> out = new ArrayList<>();
        for (GraphParam p : g.params()) {
            for (DimExpr d : p.type().shape().dims()) {
                out.addAll(d.symbols());
            }
        }
        return out;
    }

    private static double value(DType dtype, Random random, boolean special, int[] turn) {
        switch (dtype) {
            case BOOL: return random.nextBoolean() ? 1 : 0;
            case I32:
                if (special && random.nextInt(4) == 0) {
                    int[] edges = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
                    return edges[random.nextInt(edges.length)];
                }
                return random.nextInt(601) - 300;
            default:
                if (special && random.nextBoolean()) {
                    return SPECIAL[turn[0]++ % SPECIAL.length];
                }
                return random.nextGaussian() * 3;
        }
    }

    /** A graph built by hand, for IR the lowering never makes (its parameters are tensors). */
    static Graph graph(List<GraphParam> params, List<Instr> body, Map<String, Integer> outputs) {
        List<GraphOutput> outs = new ArrayList<>();
        outputs.forEach((name, id) -> outs.add(new GraphOutput(name, id, SourceSpan.NONE)));
        return new Graph("Hand", params, body, outs, Precision.BALANCED, List.of(), SourceSpan.NONE);
    }

    static GraphParam param(String name, TensorType type) {
        return new GraphParam(name, type, false, OptionalDouble.empty(), SourceSpan.NONE);
    }

    static Instr instr(int id, Op op, TensorType type, Integer... args) {
        return new Instr(id, op, List.of(args), type, SourceSpan.NONE);
    }
}
