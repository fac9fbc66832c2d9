// The CUDA backend against the reference interpreter, on a machine with a GPU (scripts/gpu-check.sh).
// Two steps, so that the GPU machine needs no compiler:
//   emit DIR FIRST LAST   (here, with nvcc after it) writes DIR/example_<stem>.cu for each example and
//                         DIR/random_<a>_<b>.cu for each batch of 50 random-program seeds in FIRST..LAST;
//   run DIR FIRST LAST    (on the GPU) rebuilds the same programs, checks each .cu is unchanged, loads
//                         the .fatbin beside it on CudaDevice and compares every pipeline's outputs
//                         with the reference. A mismatch the kernel interpreter (Target.CUDA) shares is
//                         the lowering's, counted apart; any other is the backend's and fails the run.
package dev.tmc.tests;

import dev.tmc.codegen.cuda.CudaPrinter;
import dev.tmc.codegen.java.HostTensors;
import dev.tmc.codegen.java.LoweredFile;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.testing.Differential;
import dev.tmc.compiler.testing.GeneratedPipeline;
import dev.tmc.compiler.testing.KernelPlanRunner;
import dev.tmc.compiler.testing.RandomProgram;
import dev.tmc.compiler.testing.RandomPrograms;
import dev.tmc.compiler.testing.Reference;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.cuda.CudaDevice;
import dev.tmc.runtime.cuda.CudaModule;
import dev.tmc.runtime.plan.FilePlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class GpuCheck {
    private static final int BATCH = 50;

    private final List<String> failures = new ArrayList<>();
    private final List<String> loweringIssues = new ArrayList<>();
    private int pipelines;

    private GpuCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[0].equals("emit") || args[0].equals("run"))) {
            System.err.println("usage: GpuCheck emit|run DIR FIRST_SEED LAST_SEED");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        long first = Long.parseLong(args[2]);
        long last = Long.parseLong(args[3]);
        Files.createDirectories(dir);
        GpuCheck check = new GpuCheck();
        if (args[0].equals("emit")) {
            for (Map.Entry<String, List<Case>> unit : units(first, last, check.failures).entrySet()) {
                Files.writeString(dir.resolve(unit.getKey() + ".cu"), source(unit.getKey(), unit.getValue()));
            }
            check.failures.forEach(System.out::println);
            System.exit(check.failures.isEmpty() ? 0 : 1);
        }
        System.exit(check.run(dir, first, last));
    }

    /**
     * A CUDA case and, for random programs, the generator's pipelines with their inputs; where
     * {@code shapes} is not empty, every pipeline runs at each of those dims instead of the
     * examples' own.
     */
    private record Case(CudaCase cuda, Optional<RandomProgram> program, List<Map<String, Long>> shapes) {
        Case(CudaCase cuda, Optional<RandomProgram> program) {
            this(cuda, program, List.of());
        }
    }

    /** gpu-check/attention.tm's shapes: tails of the 64-row tiles, head sizes of both paths. */
    private static final List<Map<String, Long>> ATTENTION_SHAPES = List.of(
            Map.of("B", 1L, "H", 2L, "T", 77L, "S", 45L, "E", 64L),
            Map.of("B", 2L, "H", 1L, "T", 130L, "S", 200L, "E", 128L),
            Map.of("B", 1L, "H", 3L, "T", 33L, "S", 1L, "E", 40L));

    /** The .cu files: one per example, one per batch of seeds; each with the cases it holds. */
    private static Map<String, List<Case>> units(long first, long last, List<String> failures) {
        Map<String, List<Case>> units = new LinkedHashMap<>();
        for (Path tm : Examples.files()) {
            String name = tm.getFileName().toString();
            String stem = name.replaceFirst("\\.tm$", "");
            units.put("example_" + stem, List.of(new Case(CudaCase.of(name, Examples.lower(tm), name, ""),
                    Optional.empty())));
        }
        try {
            String attention = new String(GpuCheck.class.getResourceAsStream("/gpu-check/attention.tm").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            Module m = dev.tmc.compiler.driver.Frontend.lower(new dev.tmc.compiler.source.SourceFile("attention.tm",
                    attention), dev.tmc.compiler.ir.graph.Precision.BALANCED, new dev.tmc.compiler.diag.Diagnostics())
                    .orElseThrow(() -> new IllegalStateException("gpu-check/attention.tm does not compile"));
            units.put("attention", List.of(new Case(CudaCase.of("attention.tm", m, "attention.tm", "a_"),
                    Optional.empty(), ATTENTION_SHAPES)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (long start = first; start <= last; start += BATCH) {
            long end = Math.min(last, start + BATCH - 1);
            List<Case> batch = new ArrayList<>();
            for (long seed = start; seed <= end; seed++) {
                RandomProgram p = RandomPrograms.generate(seed, RandomPrograms.Options.defaults().withRobustDecisions(true));
                String rerun = "GpuCheck run DIR " + seed + " " + seed;
                try {
                    Module m = Differential.compile(p, rerun);
                    batch.add(new Case(CudaCase.of(Differential.describe(p, rerun), m, "seed" + seed + ".tm",
                            "s" + seed + "_"), Optional.of(p)));
                } catch (RuntimeException | AssertionError e) {
                    failures.add(Differential.describe(p, rerun) + "does not compile: " + e);
                }
            }
            units.put("random_" + start + "_" + end, batch);
        }
        return units;
    }

    private static String source(String unit, List<Case> cases) {
        List<dev.tmc.compiler.ir.kernel.Kernel> kernels = new ArrayList<>();
        for (Case c : cases) {
            kernels.addAll(c.cuda().kernels());
        }
        return CudaPrinter.print(unit, kernels);
    }

    private int run(Path dir, long first, long last) throws Exception {
        CudaDevice device = CudaDevice.shared();
        System.out.println("device: " + device.gpuName() + "; device memory poisoned before use: "
                + Boolean.getBoolean("tmc.cuda.poison"));
        long started = System.nanoTime();
        for (Map.Entry<String, List<Case>> unit : units(first, last, failures).entrySet()) {
            Path cu = dir.resolve(unit.getKey() + ".cu");
            if (!Files.readString(cu).equals(source(unit.getKey(), unit.getValue()))) {
                failures.add(cu + " differs from what this build prints: emit and compile it again");
                continue;
            }
            CudaModule module = device.module(Files.readAllBytes(dir.resolve(unit.getKey() + ".fatbin")));
            for (Case c : unit.getValue()) {
                FilePlan plan = c.cuda().plan();
                if (!c.shapes().isEmpty()) {
                    for (Graph g : c.cuda().module().pipelines()) {
                        for (Map<String, Long> dims : c.shapes()) {
                            compare(device, module, plan, c.cuda(), g.name(), inputs(g, dims));
                        }
                    }
                } else if (c.program().isPresent()) {
                    RandomProgram p = c.program().get();
                    for (GeneratedPipeline gp : p.pipelines()) {
                        compare(device, module, plan, c.cuda(), gp.name(), gp.inputs(p.seed()));
                    }
                } else {
                    for (Graph g : c.cuda().module().pipelines()) {
                        for (long seed = 1; seed <= 3; seed++) {
                            compare(device, module, plan, c.cuda(), g.name(), Examples.inputs(g, seed));
                        }
                    }
                }
            }
        }
        System.out.printf("ran %d pipelines (examples x3 inputs, random seeds %d..%d) in %.1f s%n", pipelines, first,
                last, (System.nanoTime() - started) / 1e9);
        System.out.println("lowering issues (kernel IR itself leaves the reference's tolerance): " + loweringIssues.size()
                + (loweringIssues.isEmpty() ? "" : " " + loweringIssues));
        System.out.println("backend failures: " + failures.size());
        for (String f : failures.subList(0, Math.min(5, failures.size()))) {
            System.out.println("----\n" + f);
        }
        // Graphs are on unless -Dtmc.cuda.graphs=false; then every call must have run launch by launch.
        boolean graphs = Boolean.parseBoolean(System.getProperty("tmc.cuda.graphs", "true"));
        long replays = device.graphReplays();
        System.out.println("calls replayed as CUDA graphs: " + replays);
        boolean ok = failures.isEmpty() && loweringIssues.size() * 100 <= pipelines && pipelines > 0
                && (graphs ? replays > 0 : replays == 0);
        System.out.println(ok ? "GPU CHECK PASSED" : "GPU CHECK FAILED");
        return ok ? 0 : 1;
    }

    private void compare(CudaDevice device, CudaModule module, FilePlan plan, CudaCase c, String pipeline,
                         Map<String, HostArray> inputs) {
        pipelines++;
        Graph g = c.graph(pipeline);
        try {
            Reference ref = Reference.of(g, inputs);
            Executable exe = device.load(plan.pipeline(pipeline), module);
            // A first call runs fused kernels where cuDNN's plans are still being built; it must agree
            // with the reference too. Then, plans built, three calls on the same tensors: where the
            // pipeline has several launches the second records a CUDA graph and the third replays
            // it; both must give the first of them's bits.
            Map<String, HostArray> beforePlans = HostTensors.call(exe, g, inputs, device);
            device.awaitLibraryPlans();
            List<Map<String, HostArray>> calls = HostTensors.callRepeatedly(exe, g, inputs, device, 3);
            Map<String, HostArray> actual = calls.get(0);
            for (int i = 1; i < calls.size(); i++) {
                if (!sameBits(calls.get(i), actual)) {
                    failures.add(c.label() + "pipeline " + pipeline + " on CUDA: call " + (i + 1) + " differs from"
                            + " the first (CUDA graph replay)\nfirst: " + Reference.show(actual) + "\ncall " + (i + 1)
                            + ": " + Reference.show(calls.get(i)));
                }
            }
            Optional<String> bad = ref.mismatchOf(actual);
            if (bad.isEmpty()) {
                ref.mismatchOf(beforePlans).ifPresent(m -> failures.add(c.label() + "pipeline " + pipeline
                        + " on CUDA, first call (library plans not built yet): " + m));
            }
            if (bad.isPresent()) {
                LoweredFile.Pipeline lp = c.lowered(pipeline);
                Map<String, HostArray> kir = KernelPlanRunner.run(lp.compiled(Target.CUDA.name()), lp.kernels().get(Target.CUDA.name()),
                        Target.CUDA, inputs);
                if (ref.mismatchOf(kir).isPresent()) {
                    loweringIssues.add(c.label().lines().findFirst().orElse("") + " pipeline " + pipeline);
                } else {
                    failures.add(c.label() + "pipeline " + pipeline + " on CUDA: " + bad.get() + "\nkernel interpreter: "
                            + Reference.show(kir) + "\nCUDA: " + Reference.show(actual));
                }
            }
        } catch (RuntimeException | dev.tmc.compiler.interp.InputError e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            failures.add(c.label() + "pipeline " + pipeline + " on CUDA threw " + trace);
        }
    }

    /** Equal names, shapes and values bit for bit (Arrays.equals on doubles: NaN equals NaN). */
    private static boolean sameBits(Map<String, HostArray> a, Map<String, HostArray> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String name : a.keySet()) {
            if (!java.util.Arrays.equals(a.get(name).shape(), b.get(name).shape())
                    || !java.util.Arrays.equals(a.get(name).data(), b.get(name).data())) {
                return false;
            }
        }
        return true;
    }

    /** Uniform values in [-2, 2) at {@code dims}; scalar parameters 0.125. */
    private static Map<String, HostArray> inputs(Graph g, Map<String, Long> dims) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(dims.hashCode());
        Map<String, HostArray> in = new LinkedHashMap<>();
        for (GraphParam p : g.params()) {
            long[] shape = p.type().shape().evaluate(dims);
            double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
            for (int i = 0; i < data.length; i++) {
                data[i] = p.type().dtype().round(p.scalar() ? 0.125 : random.nextDouble(-2.0, 2.0));
            }
            in.put(p.name(), new HostArray(p.type().dtype(), shape, data));
        }
        return in;
    }
}
