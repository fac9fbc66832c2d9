// Runs a compiled pipeline through its kernel IR for a target, with the KernelInterpreter: binds
// buffers as the memory plan says (values sharing an arena slot share an array), computes host
// values once, launches every kernel in schedule order. The oracle is the reference interpreter.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.interp.DimBinding;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.OpSemantics;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.AttentionCall;
import dev.tmc.compiler.ir.kernel.MatmulCall;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.kernel.LowerKernels;
import dev.tmc.compiler.memory.Allocation;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class KernelPlanRunner {
    private KernelPlanRunner() {
    }

    public static Map<String, HostArray> run(CompiledPipeline p, Target target, Map<String, HostArray> inputs)
            throws InputError {
        return run(p, LowerKernels.run(p, target), target, inputs);
    }

    public static Map<String, HostArray> run(CompiledPipeline p, List<Kernel> kernels, Target target,
                                             Map<String, HostArray> inputs) throws InputError {
        return run(p, kernels, target, inputs, false);
    }

    /**
     * With {@code library}, a library step runs as the library would (libraryMatmul and
     * libraryAttention below, from its MatmulCall or AttentionCall) instead of its fallback kernel.
     */
    public static Map<String, HostArray> run(CompiledPipeline p, List<Kernel> kernels, Target target,
                                             Map<String, HostArray> inputs, boolean library) throws InputError {
        Graph g = p.optimized();
        List<long[]> shapes = new ArrayList<>();
        List<double[]> params = new ArrayList<>();
        for (GraphParam param : g.params()) {
            HostArray in = inputs.get(param.name());
            if (in == null && param.defaultValue().isPresent()) {
                in = HostArray.scalar(param.type().dtype(), param.defaultValue().getAsDouble());
            }
            if (in == null) {
                throw new InputError("missing input '" + param.name() + "'");
            }
            shapes.add(in.shape());
            double[] data = in.data().clone();
            for (int i = 0; i < data.length; i++) {
                data[i] = param.type().dtype().round(data[i]);
            }
            params.add(data);
        }
        Map<String, Long> dims = DimBinding.bind(g, shapes);
        List<double[]> outputs = new ArrayList<>();
        for (var o : g.outputs()) {
            outputs.add(new double[Math.toIntExact(g.type(o.value()).shape().elementCount().evaluate(dims))]);
        }
        Map<Integer, double[]> slots = new HashMap<>();
        for (Allocation a : p.memory().allocations()) {
            int n = Math.toIntExact(g.type(a.value()).shape().elementCount().evaluate(dims));
            double[] have = slots.get(a.slot());
            if (have == null || have.length < n) {
                slots.put(a.slot(), new double[Math.max(n, have == null ? 0 : have.length)]);
            }
        }
        Map<Integer, Double> scalars = new HashMap<>();
        for (Kernel k : kernels) {
            Map<String, double[]> buffers = new HashMap<>();
            for (Kernel.BufferArg b : k.buffers()) {
                Kernel.BufferRole role = b.role();
                double[] array;
                if (role instanceof Kernel.ParamBuffer pb) {
                    array = params.get(pb.index());
                } else if (role instanceof Kernel.OutputBuffer ob) {
                    array = outputs.get(ob.index());
                } else {
                    array = slots.get(p.memory().allocation(role.value()).orElseThrow().slot());
                }
                buffers.put(b.name(), array);
            }
            Map<String, Double> args = new HashMap<>();
            for (Kernel.ScalarArg s : k.scalars()) {
                if (s.source() instanceof Kernel.DimSource d) {
                    args.put(s.name(), (double) dims.get(d.dim()));
                } else {
                    int v = ((Kernel.ValueSource) s.source()).value();
                    args.put(s.name(), hostValue(g, v, params, dims, scalars));
                }
            }
            if (library && k.library().orElse(null) instanceof MatmulCall m) {
                libraryMatmul(k, m, buffers, args, dims);
                continue;
            }
            if (library && k.library().orElse(null) instanceof AttentionCall a) {
                libraryAttention(k, a, buffers, args, dims);
                continue;
            }
            long groups = k.launch().threadgroups().evaluate(dims);
            KernelInterpreter.run(k, groups, target.simdWidth(), buffers, args);
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (int i = 0; i < g.outputs().size(); i++) {
            var o = g.outputs().get(i);
            DType dtype = g.type(o.value()).dtype();
            out.put(o.name(), new HostArray(dtype, g.type(o.value()).shape().evaluate(dims), outputs.get(i)));
        }
        return out;
    }

    /** out = alpha * A @ B + bias as MatmulCall defines it: f32 products and sums, one rounding at the end. */
    private static void libraryMatmul(Kernel k, MatmulCall m, Map<String, double[]> buffers, Map<String, Double> args,
                                      Map<String, Long> dims) {
        double[] a = buffers.get(k.buffers().get(m.a()).name());
        double[] b = buffers.get(k.buffers().get(m.b()).name());
        double[] out = buffers.get(k.buffers().get(m.out()).name());
        double[] bias = m.bias() < 0 ? null : buffers.get(k.buffers().get(m.bias()).name());
        float alpha = m.alpha() < 0 ? 1f : (float) (double) args.get(k.scalars().get(m.alpha()).name());
        int batch = Math.toIntExact(m.batch().evaluate(dims));
        int rows = Math.toIntExact(m.m().evaluate(dims));
        int cols = Math.toIntExact(m.n().evaluate(dims));
        int depth = Math.toIntExact(m.k().evaluate(dims));
        for (int q = 0; q < batch; q++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    float sum = 0;
                    for (int x = 0; x < depth; x++) {
                        float av = (float) a[q * rows * depth + (m.transposeA() ? x * rows + i : i * depth + x)];
                        float bv = (float) b[q * depth * cols + (m.transposeB() ? j * depth + x : x * cols + j)];
                        sum += av * bv;
                    }
                    float v = alpha * sum + (bias == null ? 0f : (float) bias[j]);
                    out[(q * rows + i) * cols + j] = m.dtype().round(v);
                }
            }
        }
    }

    /**
     * out = softmax(scale * q @ k^T) @ v per head as AttentionCall defines it: f32 scores, max and
     * sum, the probabilities rounded to dtype as the second product's operand, one rounding at the end.
     */
    private static void libraryAttention(Kernel k, AttentionCall a, Map<String, double[]> buffers,
                                         Map<String, Double> args, Map<String, Long> dims) {
        double[] q = buffers.get(k.buffers().get(a.q()).name());
        double[] kk = buffers.get(k.buffers().get(a.k()).name());
        double[] v = buffers.get(k.buffers().get(a.v()).name());
        double[] out = buffers.get(k.buffers().get(a.out()).name());
        float scale = a.scale() < 0 ? (float) a.scaleConstant()
                : (float) (double) args.get(k.scalars().get(a.scale()).name());
        int heads = Math.toIntExact(a.heads().evaluate(dims));
        int rows = Math.toIntExact(a.rows().evaluate(dims));
        int cols = Math.toIntExact(a.cols().evaluate(dims));
        int e = Math.toIntExact(a.headDim().evaluate(dims));
        float[] p = new float[cols];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < rows; i++) {
                int qRow = (h * rows + i) * e;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    float dot = 0;
                    for (int x = 0; x < e; x++) {
                        dot += (float) q[qRow + x] * (float) kk[(h * cols + j) * e + x];
                    }
                    p[j] = scale * dot;
                    max = Math.max(max, p[j]);
                }
                float sum = 0;
                for (int j = 0; j < cols; j++) {
                    p[j] = (float) Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int x = 0; x < e; x++) {
                    float o = 0;
                    for (int j = 0; j < cols; j++) {
                        o += (float) a.dtype().round(p[j]) * (float) v[(h * cols + j) * e + x];
                    }
                    out[qRow + x] = a.dtype().round(cols == 0 ? 0f : o / sum);
                }
            }
        }
    }

    /** A rank-0 value computed from scalar parameters, constants and dims, rounding every op. */
    private static double hostValue(Graph g, int id, List<double[]> params, Map<String, Long> dims,
                                    Map<Integer, Double> memo) {
        Double known = memo.get(id);
        if (known != null) {
            return known;
        }
        Instr i = g.instr(id);
        DType dtype = i.type().dtype();
        double v;
        if (i.op() instanceof Op.Parameter p) {
            v = params.get(p.index())[0];
        } else if (i.op() instanceof Op.Constant c) {
            v = c.value();
        } else if (i.op() instanceof Op.DimValue d) {
            v = dtype.round(d.dim().evaluate(dims));
        } else if (i.op() instanceof Op.Cast) {
            v = dtype.round(hostValue(g, i.arg(0), params, dims, memo));
        } else if (i.op() instanceof Op.Unary u) {
            double x = hostValue(g, i.arg(0), params, dims, memo);
            v = dtype == DType.I32 ? OpSemantics.integer(u.fn(), (int) x) : dtype.round(OpSemantics.unary(u.fn(), x));
        } else if (i.op() instanceof Op.Binary b) {
            double x = hostValue(g, i.arg(0), params, dims, memo);
            double y = hostValue(g, i.arg(1), params, dims, memo);
            boolean integer = dtype == DType.I32 && g.type(i.arg(0)).dtype() == DType.I32;
            v = integer ? OpSemantics.integer(b.fn(), (int) x, (int) y) : dtype.round(OpSemantics.binary(b.fn(), x, y));
        } else if (i.op() instanceof Op.Select) {
            v = hostValue(g, i.arg(0), params, dims, memo) != 0 ? hostValue(g, i.arg(1), params, dims, memo)
                    : hostValue(g, i.arg(2), params, dims, memo);
        } else {
            throw new IllegalStateException("%" + id + " (" + i.op().mnemonic() + ") is not a host value");
        }
        memo.put(id, v);
        return v;
    }
}
