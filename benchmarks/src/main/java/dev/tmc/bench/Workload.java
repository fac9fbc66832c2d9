// One benchmark case: a pipeline of bench.tm at concrete dims, and what its sizes imply (the
// minimal bytes a call must move, the elements of its output).
package dev.tmc.bench;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.runtime.DType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * @param name     what tables call it, e.g. {@code gelu_bias}
 * @param pipeline the pipeline of bench.tm
 * @param dims     the size of each symbolic dim
 */
public record Workload(String name, String pipeline, Map<String, Long> dims) {

    public Workload {
        dims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dims));
    }

    static Workload rows(String name, String pipeline, long rows, long columns) {
        return new Workload(name, pipeline, Map.of("N", rows, "D", columns));
    }

    static Workload flat(String name, String pipeline, long elements) {
        return new Workload(name, pipeline, Map.of("N", elements));
    }

    /** The same pipeline with fewer rows (or elements): N bound to {@code n}. */
    Workload withRows(long n) {
        Map<String, Long> d = new LinkedHashMap<>(dims);
        d.put("N", n);
        return new Workload(name, pipeline, d);
    }

    long rows() {
        return dims.get("N");
    }

    /** "16384×4096" or "67108864". */
    String shapeLabel() {
        return dims.containsKey("D") ? dims.get("N") + "×" + dims.get("D") : String.valueOf(dims.get("N"));
    }

    long[] shapeOf(GraphParam p) {
        return p.type().shape().evaluate(dims);
    }

    /** Elements of the (first) output. */
    long outputElements(Graph g) {
        GraphOutput out = g.outputs().get(0);
        return product(g.type(out.value()).shape().evaluate(dims));
    }

    /** The storage dtype of the first tensor parameter, which the tables show. */
    DType dtype(Graph g) {
        return g.params().get(0).type().dtype();
    }

    /**
     * Bytes a call must move at least: every tensor parameter read once, every output written
     * once, in their storage dtypes. Intermediates of a fused pipeline stay in registers or cache.
     */
    long minimalBytes(Graph g) {
        long bytes = 0;
        for (GraphParam p : g.params()) {
            if (!p.scalar()) {
                bytes += product(shapeOf(p)) * p.type().dtype().byteSize();
            }
        }
        for (GraphOutput out : g.outputs()) {
            bytes += product(g.type(out.value()).shape().evaluate(dims)) * g.type(out.value()).dtype().byteSize();
        }
        return bytes;
    }

    static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The cases of issue 5 at their large sizes. */
    static List<Workload> large() {
        return List.of(
                rows("gelu_bias", "GeluBias", 16384, 4096),
                rows("rms_norm", "RmsNorm", 16384, 4096),
                rows("layer_norm", "LayerNorm", 16384, 4096),
                rows("softmax", "Softmax", 65536, 1024),
                flat("chain10", "Chain10", 64L << 20),
                rows("gelu_bias", "GeluBiasF16", 16384, 4096),
                rows("rms_norm", "RmsNormF16", 16384, 4096));
    }

    /** The same pipelines at one row of 4096 (4096 elements for the chain). */
    static List<Workload> small() {
        return List.of(
                rows("gelu_bias", "GeluBias", 1, 4096),
                rows("rms_norm", "RmsNorm", 1, 4096),
                rows("layer_norm", "LayerNorm", 1, 4096),
                rows("softmax", "Softmax", 1, 4096),
                flat("chain10", "Chain10", 4096),
                rows("gelu_bias", "GeluBiasF16", 1, 4096),
                rows("rms_norm", "RmsNormF16", 1, 4096));
    }

    /** Tiny sizes for the smoke test: rows that are not a multiple of any vector width. */
    static List<Workload> tiny() {
        return List.of(
                rows("gelu_bias", "GeluBias", 3, 37),
                rows("rms_norm", "RmsNorm", 3, 37),
                rows("layer_norm", "LayerNorm", 3, 37),
                rows("softmax", "Softmax", 3, 37),
                flat("chain10", "Chain10", 101),
                rows("gelu_bias", "GeluBiasF16", 3, 37),
                rows("rms_norm", "RmsNormF16", 3, 37));
    }
}
