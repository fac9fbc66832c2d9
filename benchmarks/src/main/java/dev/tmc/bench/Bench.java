// The benchmark harness's main: times each workload on the CPU backend, the copy floor and the
// reference interpreter, then the compiler on the examples, and writes results.md and
// results.png. Run from the repository root (docs/benchmarks.md gives the command).
package dev.tmc.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.printKernels()) {
            System.out.print(BenchProgram.load().kernelSource());
            return;
        }
        BenchReport report = run(options, String.join(" ", args), System.out);
        System.out.println("wrote " + report.markdownFile() + " and " + report.chartFile());
    }

    /** Runs what {@code options} select, logging each row as it is measured, and writes the report. */
    static BenchReport run(BenchOptions options, String arguments, PrintStream log)
            throws IOException, InterruptedException {
        return run(BenchProgram.load(), options, arguments, log);
    }

    static BenchReport run(BenchProgram program, BenchOptions options, String arguments, PrintStream log)
            throws IOException, InterruptedException {
        List<BenchReport.Group> groups = new ArrayList<>();
        ForkJoinPool copyPool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            WorkloadBench bench = new WorkloadBench(program, copyPool);
            for (String size : options.sizes()) {
                WorkloadBench.Policies policies = new WorkloadBench.Policies(options.cpuPolicy(size),
                        options.interpreterPolicy(size), options.interpreterMaxElements());
                List<WorkloadResult> rows = new ArrayList<>();
                for (Workload w : options.workloads(size)) {
                    WorkloadResult r = bench.run(w, policies);
                    rows.add(r);
                    log.println(size + ": " + w.name() + " " + r.dtype() + " [" + w.shapeLabel() + "] cpu "
                            + Format.time(r.cpu().medianNanos()) + " (" + Format.rate(r.cpuGigabytesPerSecond())
                            + "), floor " + Format.time(r.floor().time().medianNanos()) + ", ×"
                            + Format.factor(r.ratioToFloor()) + " (work ×" + Format.factor(r.workRatioToFloor()) + "), interpreter "
                            + Format.time(r.interpreter().perCall().medianNanos()) + " ("
                            + r.interpreter().basis() + ")");
                }
                groups.add(new BenchReport.Group(size, rows));
            }
        } finally {
            copyPool.shutdown();
        }
        Optional<CompileTiming.Result> compile = Optional.empty();
        if (options.compileRuns() > 0 && Files.isDirectory(options.examples())) {
            compile = Optional.of(CompileTiming.measure(options.examples(), options.out().resolve("examples-out"),
                    options.compileRuns()));
            log.println("compile examples: " + Format.time(compile.get().wall().medianNanos()) + " wall");
        }
        BenchReport report = new BenchReport(groups, compile, arguments, options.out());
        report.write();
        return report;
    }
}
