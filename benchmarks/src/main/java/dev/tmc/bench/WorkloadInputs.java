// Deterministic inputs for a workload: floats in [-1, 1) rounded to each parameter's dtype, held
// once on the host and handed out as CPU tensors or as the reference interpreter's arrays.
package dev.tmc.bench;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.numeric.ScalarMath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class WorkloadInputs {
    private final Graph graph;
    private final Workload workload;
    /** Per tensor parameter, by name: its values, already representable in its dtype. */
    private final Map<String, float[]> values = new LinkedHashMap<>();

    public WorkloadInputs(Graph graph, Workload workload, long seed) {
        this.graph = graph;
        this.workload = workload;
        long stream = seed;
        for (GraphParam p : graph.params()) {
            if (!p.scalar()) {
                values.put(p.name(), fill(Math.toIntExact(Workload.product(workload.shapeOf(p))), p.type().dtype(),
                        stream++));
            }
        }
    }

    /** The host values of tensor parameter {@code name}: what both backends receive. */
    public float[] values(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no tensor parameter " + name + " in " + graph.name());
        }
        return v;
    }

    /** New CPU tensors for a call, in parameter order; the caller closes them. */
    public List<Tensor> tensors() {
        List<Tensor> out = new ArrayList<>();
        for (GraphParam p : graph.params()) {
            out.add(Tensor.of(p.type().dtype(), values.get(p.name()), workload.shapeOf(p)));
        }
        return out;
    }

    /** The inputs as the reference interpreter takes them. */
    public Map<String, HostArray> hostArrays() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (GraphParam p : graph.params()) {
            float[] v = values.get(p.name());
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            out.put(p.name(), new HostArray(p.type().dtype(), workload.shapeOf(p), d));
        }
        return out;
    }

    /** A cheap counter-based hash per element: no sequential generator for 64M values. */
    private static float[] fill(int n, DType dtype, long stream) {
        float[] v = new float[n];
        long key = stream * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        for (int i = 0; i < n; i++) {
            long z = key + i * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
            z ^= z >>> 29;
            float u = (z >>> 40) * 0x1.0p-24f * 2f - 1f; // [-1, 1)
            v[i] = dtype == DType.F16 ? ScalarMath.f16(u) : (float) dtype.round(u); // f16 the fast way: u is a float
        }
        return v;
    }
}
