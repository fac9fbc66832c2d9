// One call of a compiled pipeline on the Metal shim, as the Metal runtime would make it: dims bound
// from the inputs, host values computed on the host, one arena laid out by the memory plan (slots
// reused and written in place exactly as planned), the kernels launched in schedule order.
package dev.tmc.tests.metal;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.interp.DimBinding;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.memory.Allocation;
import dev.tmc.runtime.DType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

final class PipelineOnShim {
    private PipelineOnShim() {
    }

    /**
     * Adds the call to {@code job} under buffer ids starting with {@code tag}; the supplier reads
     * the outputs once the job has run.
     */
    static Supplier<Map<String, HostArray>> add(ShimJob job, String tag, ShimProgram.Unit unit, CompiledPipeline p,
                                                List<Kernel> kernels, Map<String, HostArray> inputs) throws InputError {
        Graph g = p.fusion().graph();
        List<HostArray> args = new ArrayList<>();
        Map<Integer, Double> scalarParams = new HashMap<>();
        for (int k = 0; k < g.params().size(); k++) {
            GraphParam param = g.params().get(k);
            HostArray in = inputs.get(param.name());
            if (in == null) {
                in = HostArray.scalar(param.type().dtype(), param.defaultValue().orElseThrow(
                        () -> new InputError("missing input " + param.name())));
            }
            args.add(in);
            if (param.scalar()) {
                scalarParams.put(k, in.data()[0]);
            }
        }
        Map<String, Long> dims = DimBinding.bind(g, args.stream().map(HostArray::shape).toList());
        HostValues host = new HostValues(g, dims, scalarParams);
        job.comment("pipeline " + g.name() + " as " + tag + ", dims " + dims);
        for (int k = 0; k < g.params().size(); k++) {
            if (!g.params().get(k).scalar()) {
                HostArray a = args.get(k);
                job.buffer(tag + "p" + k, a.data().length * (long) a.dtype().byteSize());
                job.input(tag + "p" + k, Bytes.of(a.dtype(), a.data()));
            }
        }
        job.buffer(tag + "arena", p.memory().arenaBytes(dims));
        for (Allocation a : p.memory().allocations()) {
            job.view(tag + "a" + a.value(), tag + "arena", a.offset().evaluate(dims), a.bytes().evaluate(dims));
        }
        Set<Integer> written = new HashSet<>();
        for (int k = 0; k < g.outputs().size(); k++) {
            Instr out = g.instr(g.outputs().get(k).value());
            job.buffer(tag + "o" + k, out.type().shape().elementCount().evaluate(dims) * out.storage().byteSize());
        }
        for (Kernel kernel : kernels) {
            List<String> buffers = new ArrayList<>();
            for (Kernel.BufferArg b : kernel.buffers()) {
                buffers.add(tag + id(b.role()));
                if (b.written() && b.role() instanceof Kernel.OutputBuffer o) {
                    written.add(o.index());
                }
            }
            List<byte[]> scalars = new ArrayList<>();
            for (Kernel.ScalarArg s : kernel.scalars()) {
                double v = s.source() instanceof Kernel.DimSource d ? dims.get(d.dim())
                        : host.value(((Kernel.ValueSource) s.source()).value());
                scalars.add(Bytes.scalar(s.type(), v));
            }
            job.launch(unit.kernelId(kernel), kernel.launch().threadgroups().evaluate(dims),
                    kernel.launch().threadsPerThreadgroup(), buffers, scalars);
        }
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, HostArray> fromHost = new LinkedHashMap<>();
        for (int k = 0; k < g.outputs().size(); k++) {
            GraphOutput o = g.outputs().get(k);
            Instr out = g.instr(o.value());
            if (!written.contains(k)) {
                fromHost.put(o.name(), hostOutput(g, out, args, host, dims));
            }
            files.put(o.name(), job.output(tag + "o" + k));
        }
        return () -> {
            Map<String, HostArray> result = new LinkedHashMap<>();
            for (int k = 0; k < g.outputs().size(); k++) {
                GraphOutput o = g.outputs().get(k);
                Instr out = g.instr(o.value());
                HostArray h = fromHost.get(o.name());
                result.put(o.name(), h != null ? h : Bytes.read(out.storage(), out.type().shape().evaluate(dims),
                        ShimJob.read(files.get(o.name()))));
            }
            return result;
        };
    }

    private static String id(Kernel.BufferRole role) {
        if (role instanceof Kernel.ParamBuffer p) {
            return "p" + p.index();
        }
        return role instanceof Kernel.OutputBuffer o ? "o" + o.index() : "a" + role.value();
    }

    /**
     * An output no kernel writes: the runtime copies a parameter or writes a host value into it.
     * Anything else is a lowering bug, reported as such.
     */
    private static HostArray hostOutput(Graph g, Instr out, List<HostArray> args, HostValues host,
                                        Map<String, Long> dims) {
        long[] shape = out.type().shape().evaluate(dims);
        DType dtype = out.storage();
        if (out.op() instanceof Op.Parameter p) {
            HostArray a = args.get(p.index());
            return new HostArray(dtype, shape, a.data());
        }
        if (shape.length == 0) {
            return new HostArray(dtype, shape, new double[] {dtype.round(host.value(out.id()))});
        }
        throw new AssertionError("output %" + out.id() + " of " + g.name() + " is written by no kernel");
    }
}
