// The tmc side of the GPU benchmark (scripts/gpu-bench.sh): runs the pipelines of
// gpu-bench/bench.tm on CudaDevice from a prebuilt fatbin. For each case it times the first call
// (load and run, waited for), writes inputs and output at a small size as .npy for
// scripts/gpu_bench.py to check against PyTorch, then times warm calls with CUDA events (median)
// and the host's wall time per call (median, no waiting). Writes one CSV line per case. As
// triton.testing.do_bench does for the PyTorch side, each timed call follows the zeroing of a
// 256 MiB buffer: the L2 cache starts cold, and the call is queued while the GPU is still busy, so
// the events time the GPU's work rather than the host's time to issue it (reported apart).
// Usage: GpuBench FATBIN_DIR OUT_DIR, or GpuBench emit DIR to print DIR/<unit>.cu. System
// properties vary Target.CUDA for A/B experiments on one machine (see target()), reading
// bench_<variant>.cu/.fatbin.
package dev.tmc.tests;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.codegen.cuda.CudaPrinter;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.cuda.CudaDevice;
import dev.tmc.runtime.cuda.CudaEvent;
import dev.tmc.runtime.cuda.CudaModule;
import dev.tmc.runtime.plan.FilePlan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

public final class GpuBench {
    /** A benchmark: a pipeline of bench.tm at a small size (checked) and at its benchmark size (timed). */
    record Case(String name, String pipeline, Map<String, Long> checkDims, Map<String, Long> benchDims, int reps) {
    }

    static final List<Case> CASES = List.of(
            new Case("gelu_bias", "GeluBias", dims("N", 64, "D", 4096), dims("N", 16384, "D", 4096), 30),
            new Case("rms_norm", "RmsNorm", dims("N", 64, "D", 4096), dims("N", 16384, "D", 4096), 30),
            new Case("layer_norm", "LayerNorm", dims("N", 64, "D", 4096), dims("N", 16384, "D", 4096), 30),
            new Case("softmax", "Softmax", dims("N", 64, "D", 1024), dims("N", 65536, "D", 1024), 30),
            new Case("chain10", "Chain10", dims("N", 65536), dims("N", 64L << 20), 30),
            new Case("matmul_gelu", "MatmulGelu", dims("M", 64, "K", 4096, "N", 11008),
                    dims("M", 8192, "K", 4096, "N", 11008), 5),
            new Case("attention", "Attention", dims("B", 1, "H", 2, "T", 1024, "E", 128),
                    dims("B", 32, "H", 16, "T", 1024, "E", 128), 30),
            new Case("rms_norm_small", "RmsNorm", dims("N", 1, "D", 4096), dims("N", 1, "D", 4096), 2000),
            new Case("chain10_small", "Chain10", dims("N", 4096), dims("N", 4096), 2000));

    private GpuBench() {
    }

    static Map<String, Long> dims(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return m;
    }

    static String source() throws IOException {
        try (InputStream in = GpuBench.class.getResourceAsStream("/gpu-bench/bench.tm")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static CudaCase benchCase() throws IOException {
        Module m = Frontend.lower(new SourceFile("bench.tm", source()), Precision.BALANCED, new Diagnostics())
                .orElseThrow(() -> new IllegalStateException("bench.tm does not compile"));
        return CudaCase.of("bench.tm", m, "bench.tm", "", target());
    }

    /**
     * Experiments: -Dtmc.bench.elementsPerThread=E, -Dtmc.bench.tensorCores=false,
     * -Dtmc.bench.smallTiles=true, -Dtmc.bench.tiles=..., -Dtmc.bench.library=false,
     * -Dtmc.bench.vectorBytes=V, -Dtmc.bench.rowRegisters=R, -Dtmc.bench.attention=false vary Target.CUDA.
     */
    private static final int ELEMENTS_PER_THREAD = Integer.getInteger("tmc.bench.elementsPerThread",
            Target.CUDA.elementsPerThread());
    private static final boolean TENSOR_CORES = Boolean.parseBoolean(System.getProperty("tmc.bench.tensorCores", "true"));
    /** -Dtmc.bench.smallTiles=true: the 32x32 simdgroup-matrix tiles CUDA had before (the baseline). */
    private static final boolean SMALL_TILES = Boolean.getBoolean("tmc.bench.smallTiles");
    /** -Dtmc.bench.tiles=R,C,D,FR,FC,ER,AP,BP,P: other Target.MatrixTiles (components in order, P 0 or 1). */
    private static final String TILES = System.getProperty("tmc.bench.tiles", "");
    /** false: each 8x8 product in its own m16n8k8 (Target.CUDA before matrixRowPairs), for an A/B. */
    private static final boolean ROW_PAIRS = Boolean.parseBoolean(System.getProperty("tmc.bench.rowPairs", "true"));
    /** false: matmuls stay generated kernels with their epilogue fused (Target.CUDA before library steps). */
    private static final boolean LIBRARY = Boolean.parseBoolean(System.getProperty("tmc.bench.library", "true"));
    /** -Dtmc.bench.cases=a,b: only these cases (an A/B of some kernels in less device time). */
    private static final List<String> ONLY = List.of(System.getProperty("tmc.bench.cases", "").split(",")).stream()
            .filter(s -> !s.isEmpty()).toList();
    /** -Dtmc.bench.vectorBytes=0: pointwise threads without vector accesses (Target.CUDA before them). */
    private static final int VECTOR_BYTES = Integer.getInteger("tmc.bench.vectorBytes", Target.CUDA.vectorBytes());
    /** -Dtmc.bench.rowRegisters=0: row reductions that walk memory for every pass (before rowRegisters). */
    /** -Dtmc.bench.rowThreads=T: threads cooperating on a row of a row reduction. */
    private static final int ROW_THREADS = Integer.getInteger("tmc.bench.rowThreads", Target.CUDA.rowThreads());
    private static final int ROW_REGISTERS = Integer.getInteger("tmc.bench.rowRegisters", Target.CUDA.rowRegisters());
    /** -Dtmc.bench.rowStashThreads=T, rowStashRegisters=R: the same for row reductions that keep a costly value. */
    private static final int ROW_STASH_THREADS = Integer.getInteger("tmc.bench.rowStashThreads",
            ROW_REGISTERS == 0 ? ROW_THREADS : Target.CUDA.rowStashThreads());
    private static final int ROW_STASH_REGISTERS = Integer.getInteger("tmc.bench.rowStashRegisters",
            ROW_REGISTERS == 0 ? 0 : Target.CUDA.rowStashRegisters());
    /** false: attention stays three steps (two library matmuls around a softmax kernel), for an A/B. */
    private static final boolean ATTENTION = Boolean.parseBoolean(System.getProperty("tmc.bench.attention", "true"));
    /** -Dtmc.bench.attentionRows=R: the fused attention's query rows per block (Target.attentionRows). */
    private static final int ATTENTION_ROWS = Integer.getInteger("tmc.bench.attentionRows", Target.CUDA.attentionRows());
    /** -Dtmc.bench.attentionPerCore=N: its blocks a multiprocessor should fit (Target.attentionPerCore). */
    private static final int ATTENTION_PER_CORE = Integer.getInteger("tmc.bench.attentionPerCore",
            Target.CUDA.attentionPerCore());

    /** false: exp and per-row divisions stay accurate under balanced (Target.CUDA before approximateMath). */
    private static final boolean APPROXIMATE_MATH = Boolean.parseBoolean(System.getProperty("tmc.bench.approximateMath",
            String.valueOf(Target.CUDA.approximateMath())));
    /** false: held rows that fill every place keep the test of each element (Target.CUDA before wholeRows). */
    private static final boolean WHOLE_ROWS = Boolean.parseBoolean(System.getProperty("tmc.bench.wholeRows",
            String.valueOf(Target.CUDA.wholeRows())));
    /** false: bf16 arithmetic rounds after every op under balanced (Target.CUDA before wideLowMath). */
    private static final boolean WIDE_LOW_MATH = Boolean.parseBoolean(System.getProperty("tmc.bench.wideLowMath",
            String.valueOf(Target.CUDA.wideLowMath())));
    /** -Dtmc.bench.rowWarpsPerCore=W: warps a multiprocessor should fit of row kernels (0: ptxas's choice). */
    private static final int ROW_WARPS_PER_CORE = Integer.getInteger("tmc.bench.rowWarpsPerCore",
            Target.CUDA.rowWarpsPerCore());
    /**
     * -Dtmc.bench.fatbin=SUFFIX: load UNIT + SUFFIX + .fatbin, the same .cu compiled with other nvcc flags
     * (gpu-prepare.sh builds bench_fmad.fatbin with -fmad=true).
     */
    private static final String FATBIN_SUFFIX = System.getProperty("tmc.bench.fatbin", "");

    static Target.MatrixTiles tiles() {
        if (SMALL_TILES) {
            return Target.SMALL_TILES;
        }
        if (TILES.isEmpty()) {
            return Target.CUDA.matrixTiles();
        }
        int[] v = Arrays.stream(TILES.split(",")).mapToInt(Integer::parseInt).toArray();
        return new Target.MatrixTiles(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8] != 0);
    }

    static Target target() {
        Target t = Target.CUDA;
        return new Target(t.name(), t.threadsPerThreadgroup(), t.simdWidth(), ELEMENTS_PER_THREAD, t.rowsPerTask(), t.accumulators(),
                t.nativeHalf(), t.nativeBFloat(), t.simdgroupMatrix() && TENSOR_CORES, t.matrixOperandsTf32(),
                t.matrixRowPairs() && ROW_PAIRS, tiles(), t.libraryMatmul() && LIBRARY, VECTOR_BYTES, ROW_THREADS,
                ROW_REGISTERS, ROW_STASH_THREADS, ROW_STASH_REGISTERS, t.mathStrip(), ATTENTION ? ATTENTION_ROWS : 0,
                ATTENTION_PER_CORE, t.libraryAttention() && ATTENTION, APPROXIMATE_MATH, WHOLE_ROWS, WIDE_LOW_MATH,
                ROW_WARPS_PER_CORE, t.rowStrip());
    }

    /** The .cu/.fatbin stem of the kernels: bench, or bench with the experiment's parameters. */
    static String unit() {
        return "bench" + (ELEMENTS_PER_THREAD != Target.CUDA.elementsPerThread() ? "_ept" + ELEMENTS_PER_THREAD : "")
                + (TENSOR_CORES ? "" : "_notc") + (SMALL_TILES ? "_small" : "")
                + (TILES.isEmpty() ? "" : "_tiles" + TILES.replace(',', '_')) + (ROW_PAIRS ? "" : "_nopairs")
                + (LIBRARY ? "" : "_nolib") + (ATTENTION ? "" : "_noattn")
                + (ATTENTION_ROWS == Target.CUDA.attentionRows() ? "" : "_attnrows" + ATTENTION_ROWS)
                + (ATTENTION_PER_CORE == Target.CUDA.attentionPerCore() ? "" : "_attnpercore" + ATTENTION_PER_CORE)
                + (VECTOR_BYTES != Target.CUDA.vectorBytes() ? "_vec" + VECTOR_BYTES : "")
                + (ROW_THREADS != Target.CUDA.rowThreads() ? "_rowthreads" + ROW_THREADS : "")
                + (ROW_REGISTERS != Target.CUDA.rowRegisters() ? "_rowreg" + ROW_REGISTERS : "")
                + (ROW_STASH_THREADS != (ROW_REGISTERS == 0 ? ROW_THREADS : Target.CUDA.rowStashThreads())
                        ? "_stashthreads" + ROW_STASH_THREADS : "")
                + (ROW_STASH_REGISTERS != (ROW_REGISTERS == 0 ? 0 : Target.CUDA.rowStashRegisters())
                        ? "_stashreg" + ROW_STASH_REGISTERS : "")
                + (APPROXIMATE_MATH == Target.CUDA.approximateMath() ? "" : "_exact")
                + (WHOLE_ROWS == Target.CUDA.wholeRows() ? "" : "_nowhole")
                + (WIDE_LOW_MATH == Target.CUDA.wideLowMath() ? "" : "_narrow")
                + (ROW_WARPS_PER_CORE == Target.CUDA.rowWarpsPerCore() ? "" : "_rowwarps" + ROW_WARPS_PER_CORE);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("emit")) {
            Files.writeString(Path.of(args[1]).resolve(unit() + ".cu"), CudaPrinter.print("bench.tm", benchCase().kernels()));
            return;
        }
        Path fatbins = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out.resolve("check"));
        CudaCase bench = benchCase();
        if (!Files.readString(fatbins.resolve(unit() + ".cu")).equals(CudaPrinter.print("bench.tm", bench.kernels()))) {
            throw new IllegalStateException(unit() + ".cu differs from what this build prints: emit and compile it again");
        }
        CudaDevice device = CudaDevice.shared();
        long t0 = System.nanoTime();
        CudaModule module = device.module(Files.readAllBytes(fatbins.resolve(unit() + FATBIN_SUFFIX + ".fatbin")));
        double moduleMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("device: %s; module load %.2f ms%n", device.gpuName(), moduleMs);
        FilePlan plan = bench.plan();
        List<String> csv = new ArrayList<>(List.of("case,pipeline,dims,tmc_ms_median,tmc_ms_min,first_call_ms,"
                + "host_us_per_call_median,reps"));
        for (Case c : CASES) {
            if (!ONLY.isEmpty() && !ONLY.contains(c.name())) {
                continue;
            }
            csv.add(run(device, module, plan, bench.graph(c.pipeline()), c, out.resolve("check")));
            System.out.println(csv.get(csv.size() - 1));
        }
        Files.write(out.resolve("tmc.csv"), csv);
        if (ONLY.isEmpty() || ONLY.contains("graphs")) {
            graphs(device, module, plan, bench.graph("DecoderMlp"), out);
        }
    }

    /**
     * Host time of a small call of several launches (DecoderMlp at one row: a norm, two library
     * matmuls, gelu, the residual), launch by launch (-Dtmc.cuda.graphs=false) against replayed as
     * one CUDA graph, with the GPU time per call and a bit-for-bit comparison of the two outputs.
     */
    private static void graphs(CudaDevice device, CudaModule module, FilePlan plan, Graph g, Path out)
            throws IOException {
        Map<String, Long> dims = dims("N", 1, "D", 1024, "F", 4096);
        List<Tensor> in = inputs(g, dims, device, 3, null);
        List<String> csv = new ArrayList<>(List.of("case,dims,graphs,host_us_per_call_median,gpu_us_per_call,replays"));
        List<double[]> results = new ArrayList<>();
        for (String graphs : List.of("false", "true")) {
            System.setProperty("tmc.cuda.graphs", graphs);
            Executable exe = device.load(plan.pipeline("DecoderMlp"), module);
            long replaysBefore = device.graphReplays();
            for (int i = 0; i < 20_000; i++) {
                exe.call(in.toArray()).forEach(Tensor::close);
                if (i % 1000 == 999) {
                    device.synchronize();
                }
            }
            double[] hostUs = new double[2000];
            for (int r = 0; r < hostUs.length; r++) {
                long h0 = System.nanoTime();
                List<Tensor> outs = exe.call(in.toArray());
                hostUs[r] = (System.nanoTime() - h0) / 1e3;
                outs.forEach(Tensor::close);
                if (r % 500 == 499) {
                    device.synchronize();
                }
            }
            CudaEvent start = CudaEvent.create();
            CudaEvent end = CudaEvent.create();
            device.synchronize();
            start.record();
            for (int r = 0; r < 1000; r++) {
                exe.call(in.toArray()).forEach(Tensor::close);
            }
            end.record();
            double gpuUs = end.millisSince(start) * 1e3 / 1000;
            List<Tensor> outs = exe.call(in.toArray());
            results.add(dev.tmc.codegen.java.HostTensors.host(outs.get(0)).data());
            outs.forEach(Tensor::close);
            csv.add(String.format("decoder_mlp_small,%s,%s,%.2f,%.2f,%d", dims.toString().replace(",", ";"), graphs,
                    median(hostUs), gpuUs, device.graphReplays() - replaysBefore));
            System.out.println(csv.get(csv.size() - 1));
        }
        System.clearProperty("tmc.cuda.graphs");
        in.forEach(Tensor::close);
        Files.write(out.resolve("graphs.csv"), csv);
        if (!Arrays.equals(results.get(0), results.get(1))) {
            throw new IllegalStateException("decoder_mlp_small: the output replayed as a CUDA graph differs from the"
                    + " one launched kernel by kernel");
        }
        System.out.println("decoder_mlp_small: outputs with and without graphs bit-identical");
    }

    private static String run(CudaDevice device, CudaModule module, FilePlan plan, Graph g, Case c, Path check)
            throws IOException {
        List<Tensor> big = inputs(g, c.benchDims(), device, 1, null);
        long t0 = System.nanoTime();
        Executable exe = device.load(plan.pipeline(c.pipeline()), module);
        long t1 = System.nanoTime();
        List<Tensor> first = exe.call(big.toArray());
        long t2 = System.nanoTime();
        device.synchronize();
        double firstMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("first call of %s: load %.2f ms, call (enqueue) %.2f ms, wait %.2f ms%n", c.name(),
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (System.nanoTime() - t2) / 1e6);
        first.forEach(Tensor::close);

        List<Tensor> small = inputs(g, c.checkDims(), device, 2, check.resolve(c.name()));
        // The check and the timed calls take the library's path: a shape's first calls run the fused
        // kernel while cuDNN's plan is built in the background (AttentionPlans).
        exe.call(small.toArray()).forEach(Tensor::close);
        device.awaitLibraryPlans();
        List<Tensor> result = exe.call(small.toArray());
        result.get(0).toNpy(check.resolve(c.name() + "__out.npy"));
        result.forEach(Tensor::close);
        // Before anything is timed the call path runs long enough for the JIT to compile it (C2 after
        // ~10^4 invocations), as in any program that calls a pipeline in a loop, on the check size's
        // inputs (the same Java code, little GPU time). Without it the timed calls ran partly in
        // profiled code: small calls took 5-12 us of host time, and a large call's host time (up to
        // 150 us for attention) could exceed the GPU work queued before it, so that its event
        // timing included idle GPU time.
        for (int i = 0; i < 20_000; i++) {
            exe.call(small.toArray()).forEach(Tensor::close);
            if (i % 1000 == 999) {
                device.synchronize();
            }
        }
        small.forEach(Tensor::close);

        CudaEvent start = CudaEvent.create();
        CudaEvent end = CudaEvent.create();
        Tensor flush;
        try (Tensor zeros = Tensor.zeros(DType.I32, 64L << 20)) {
            flush = zeros.to(device);
        }
        for (int i = 0; i < 3; i++) {
            exe.call(big.toArray()).forEach(Tensor::close);
        }
        double[] gpuMs = new double[c.reps()];
        double[] hostUs = new double[c.reps()];
        for (int r = 0; r < c.reps(); r++) {
            device.zero(flush);
            start.record();
            long h0 = System.nanoTime();
            List<Tensor> outs = exe.call(big.toArray());
            hostUs[r] = (System.nanoTime() - h0) / 1e3;
            end.record();
            gpuMs[r] = end.millisSince(start);
            outs.forEach(Tensor::close);
        }
        big.forEach(Tensor::close);
        flush.close();
        return String.format("%s,%s,%s,%.4f,%.4f,%.2f,%.2f,%d", c.name(), c.pipeline(),
                c.benchDims().toString().replace(",", ";"), median(gpuMs), Arrays.stream(gpuMs).min().orElseThrow(),
                firstMs, median(hostUs), c.reps());
    }

    /** Uniform values in [-1, 1) on the device, per parameter; written as .npy when {@code npyPrefix} is set. */
    private static List<Tensor> inputs(Graph g, Map<String, Long> dims, CudaDevice device, long seed, Path npyPrefix)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<Tensor> out = new ArrayList<>();
        for (GraphParam p : g.params()) {
            long[] shape = p.type().shape().evaluate(dims);
            float[] values = new float[Math.toIntExact(HostArray.elementCount(shape))];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextDouble(-1, 1);
            }
            try (Tensor host = Tensor.of(p.type().dtype() == DType.BF16 ? DType.BF16 : p.type().dtype(), values, shape)) {
                if (npyPrefix != null) {
                    host.toNpy(Path.of(npyPrefix + "__" + p.name() + ".npy"));
                }
                out.add(host.to(device));
            }
        }
        return out;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
