// The harness's command line: which sizes and pipelines, how many repetitions, where to write.
package dev.tmc.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * @param sizes                  size groups to run, in order: large, small, tiny
 * @param only                   workload or pipeline names to keep (empty: all)
 * @param largeReps              timed repetitions of a large call (and its copy floor)
 * @param smallReps              timed batches of a small call
 * @param interpreterReps        timed repetitions of the interpreter
 * @param interpreterMaxElements largest output the interpreter runs whole; larger ones are sliced
 * @param compileRuns            fresh JVMs compiling the examples; 0 skips that timing
 * @param examples               the directory of example .tm files
 * @param out                    where results.md and results.png go
 * @param printKernels           print the CPU kernels' Java and stop
 */
public record BenchOptions(List<String> sizes, Set<String> only, int largeReps, int smallReps, int interpreterReps,
                           long interpreterMaxElements, int compileRuns, Path examples, Path out,
                           boolean printKernels) {

    static final String USAGE = """
            usage: java -Xmx6g -jar benchmarks/target/tmc-bench.jar [options]
              --sizes LIST           large,small (default) or tiny, comma-separated
              --only NAMES           workloads or pipelines to run, e.g. softmax,GeluBiasF16
              --reps N               timed repetitions of a large call (default 5)
              --small-reps N         timed batches of a small call (default 21)
              --interp-reps N        timed repetitions of the interpreter (default 3)
              --interp-max N         largest output the interpreter runs whole (default 262144)
              --compile-runs N       fresh JVMs that compile the examples (default 5; 0 skips)
              --examples DIR         the example .tm files (default examples/src/main/tm)
              --out DIR              results.md and results.png (default benchmarks/target/bench)
              --print-kernels        print the benchmark pipelines' CPU kernels and stop
            """;

    private static final Set<String> VALUED = Set.of("--sizes", "--only", "--reps", "--small-reps", "--interp-reps",
            "--interp-max", "--compile-runs", "--examples", "--out");

    static BenchOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        boolean printKernels = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--print-kernels")) {
                printKernels = true;
            } else if (!VALUED.contains(a)) {
                throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            } else {
                values.put(a, args[++i]);
            }
        }
        String only = values.getOrDefault("--only", "");
        return new BenchOptions(sizes(values.getOrDefault("--sizes", "large,small")),
                only.isEmpty() ? Set.of() : Set.of(only.split(",")),
                positive(values, "--reps", 5),
                positive(values, "--small-reps", 21),
                positive(values, "--interp-reps", 3),
                positive(values, "--interp-max", 262_144),
                Integer.parseInt(values.getOrDefault("--compile-runs", "5")),
                Path.of(values.getOrDefault("--examples", Path.of("examples", "src", "main", "tm").toString())),
                Path.of(values.getOrDefault("--out", Path.of("benchmarks", "target", "bench").toString())),
                printKernels);
    }

    /** The workloads of each size group, filtered by {@link #only}. */
    List<Workload> workloads(String size) {
        List<Workload> all = switch (size) {
            case "large" -> Workload.large();
            case "small" -> Workload.small();
            case "tiny" -> Workload.tiny();
            default -> throw new IllegalArgumentException("unknown size " + size + " (large, small, tiny)");
        };
        List<Workload> kept = new ArrayList<>();
        for (Workload w : all) {
            if (only.isEmpty() || only.contains(w.name()) || only.contains(w.pipeline())) {
                kept.add(w);
            }
        }
        return kept;
    }

    /** The CPU backend's timing for a size group. */
    TimingPolicy cpuPolicy(String size) {
        return switch (size) {
            case "large" -> TimingPolicy.large(largeReps);
            case "small" -> TimingPolicy.small(smallReps);
            default -> TimingPolicy.smoke();
        };
    }

    TimingPolicy interpreterPolicy(String size) {
        return size.equals("tiny") ? TimingPolicy.smoke() : TimingPolicy.interpreter(interpreterReps);
    }

    private static List<String> sizes(String v) {
        List<String> s = List.of(v.split(","));
        for (String size : s) {
            if (!Set.of("large", "small", "tiny").contains(size)) {
                throw new IllegalArgumentException("unknown size " + size + " (large, small, tiny)");
            }
        }
        return s;
    }

    private static int positive(Map<String, String> values, String option, int fallback) {
        String v = values.get(option);
        if (v == null) {
            return fallback;
        }
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + v);
        }
        return n;
    }
}
