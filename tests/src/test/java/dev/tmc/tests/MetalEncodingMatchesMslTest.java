// Without a GPU: what the Metal backend encodes for every example agrees with the MSL that
// codegen-metal prints for it. Each kernel the plan launches exists in the .metal text; each
// [[buffer(i)]] the kernel declares gets a buffer where it says `device T*` and exactly sizeof(T)
// bytes where it says `constant T&`, and nothing else is bound. A recording bridge stands in
// for Metal (MetalDevice.over), so this runs on Linux; the GPU run is MetalBackendDifferentialTest.
package dev.tmc.tests;

import dev.tmc.codegen.java.LoweredFile;
import dev.tmc.codegen.java.PlanBuilder;
import dev.tmc.codegen.metal.MslPrinter;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.codegen.java.HostTensors;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.metal.MetalBridge;
import dev.tmc.runtime.metal.MetalDevice;
import dev.tmc.runtime.metal.MetalException;
import dev.tmc.runtime.metal.MetalKernels;
import dev.tmc.runtime.plan.FilePlan;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MetalEncodingMatchesMslTest {
    private static final Pattern KERNEL = Pattern.compile("kernel void (\\w+)\\((.*?)\\) \\{", Pattern.DOTALL);
    private static final Pattern ARGUMENT = Pattern.compile(
            "(device|constant) (?:const )?(\\w+)([*&]) (\\w+) \\[\\[buffer\\((\\d+)\\)\\]\\]");
    private static final Map<String, Integer> SIZES = Map.of("float", 4, "half", 2, "ushort", 2, "int", 4, "bool", 1);

    /** A kernel's Metal arguments by index: "buffer", or "bytes N" for a constant of N bytes. */
    private static Map<String, Map<Integer, String>> signatures(String msl) {
        Map<String, Map<Integer, String>> out = new LinkedHashMap<>();
        Matcher k = KERNEL.matcher(msl);
        while (k.find()) {
            Map<Integer, String> args = new TreeMap<>();
            Matcher a = ARGUMENT.matcher(k.group(2));
            while (a.find()) {
                int index = Integer.parseInt(a.group(5));
                String kind = a.group(1).equals("device") && a.group(3).equals("*") ? "buffer"
                        : "bytes " + SIZES.get(a.group(2));
                args.put(index, kind);
            }
            out.put(k.group(1), args);
        }
        return out;
    }

    @Test
    void everyLaunchBindsWhatItsMslKernelDeclares() throws Exception {
        List<String> problems = new ArrayList<>();
        int launches = 0;
        for (Path tm : Examples.files()) {
            String name = tm.getFileName().toString();
            Module module = Examples.lower(tm);
            List<LoweredFile.Pipeline> pipelines = new ArrayList<>();
            for (Graph g : module.pipelines()) {
                pipelines.add(LoweredFile.of(Compilation.compile(g, Compilation.Options.defaults(),
                        Compilation.Observer.NONE), List.of(Target.METAL)));
            }
            LoweredFile file = new LoweredFile(name, "enc", module.source().text(), pipelines);
            String msl = MslPrinter.print(name, file.kernels(Target.METAL));
            Map<String, Map<Integer, String>> declared = signatures(msl);
            FilePlan plan = PlanBuilder.build(file, Optional.empty(), Optional.empty());
            Recorder recorder = new Recorder(declared);
            MetalDevice device = MetalDevice.over(recorder, 1 << 24, System.getLogger("test"));
            for (Graph g : module.pipelines()) {
                Executable exe = device.load(plan.pipeline(g.name()), MetalKernels.source(msl, name));
                recorder.launches.clear();
                call(exe, device, g, Examples.inputs(g, 1));
                for (Recorder.Launch l : recorder.launches) {
                    launches++;
                    Map<Integer, String> want = declared.get(l.kernel());
                    if (!want.equals(l.arguments())) {
                        problems.add(name + " " + g.name() + " kernel " + l.kernel() + ": MSL declares " + want
                                + ", the backend binds " + l.arguments());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " mismatches; first:\n" + String.join("\n", problems.subList(0,
                    Math.min(5, problems.size()))));
        }
        assertTrue(launches >= 8, "checked " + launches + " launches");
    }

    @Test
    void kernelSignaturesAreReadFromTheMsl() {
        Map<String, Map<Integer, String>> declared = signatures("kernel void k(\n"
                + "        device const float* a [[buffer(0)]],\n"
                + "        constant int& n [[buffer(1)]],\n"
                + "        uint gid [[thread_position_in_grid]]) {\n}\n");
        assertEquals(Map.of("k", Map.of(0, "buffer", 1, "bytes 4")), declared);
    }

    private static void call(Executable exe, MetalDevice device, Graph g, Map<String, HostArray> inputs) {
        List<Object> args = new ArrayList<>();
        List<Tensor> owned = new ArrayList<>();
        try {
            for (GraphParam p : g.params()) {
                if (p.scalar()) {
                    args.add(null);
                    continue;
                }
                try (Tensor host = HostTensors.tensor(p.type().dtype(), inputs.get(p.name()))) {
                    Tensor t = host.to(device);
                    owned.add(t);
                    args.add(t);
                }
            }
            owned.addAll(exe.call(args.toArray()));
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    /** Stands in for Metal: heap buffers, and a log of what each dispatch had bound. */
    private static final class Recorder implements MetalBridge {
        record Launch(String kernel, Map<Integer, String> arguments) {
        }

        private final Map<String, Map<Integer, String>> declared;
        final List<Launch> launches = new ArrayList<>();

        Recorder(Map<String, Map<Integer, String>> declared) {
            this.declared = declared;
        }

        @Override
        public String deviceName() {
            return "recorder";
        }

        @Override
        public Library loadLibrary(byte[] metallib) {
            return () -> { };
        }

        @Override
        public Library compileLibrary(String source) {
            return () -> { };
        }

        @Override
        public Pipeline pipeline(Library library, String function) {
            if (!declared.containsKey(function)) {
                throw new MetalException("the Metal library has no function named " + function);
            }
            return new Pipeline() {
                @Override
                public String function() {
                    return function;
                }

                @Override
                public int maxThreadsPerThreadgroup() {
                    return 1024;
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public Buffer allocate(long bytes) {
            ByteBuffer memory = ByteBuffer.allocate(Math.toIntExact(bytes));
            return new Buffer() {
                @Override
                public long length() {
                    return bytes;
                }

                @Override
                public ByteBuffer view(long offset, int length) {
                    return memory.duplicate().position((int) offset).limit((int) offset + length).slice();
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public Commands begin() {
            return new Commands() {
                private String kernel;
                private Map<Integer, String> bound = new TreeMap<>();

                @Override
                public void setPipeline(Pipeline pipeline) {
                    kernel = pipeline.function();
                    bound = new TreeMap<>(); // a new kernel: what it reads is what is bound for it
                }

                @Override
                public void setBuffer(Buffer buffer, long offset, int index) {
                    bound.put(index, "buffer");
                }

                @Override
                public void setBytes(byte[] bytes, int index) {
                    bound.put(index, "bytes " + bytes.length);
                }

                @Override
                public void dispatch(long threadgroups, int threads) {
                    launches.add(new Launch(kernel, Map.copyOf(bound)));
                }

                @Override
                public void commit(Completion completion) {
                    completion.completed(Optional.empty());
                }

                @Override
                public void waitUntilCompleted() {
                }

                @Override
                public void release() {
                }
            };
        }
    }
}
