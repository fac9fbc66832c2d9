// `tmc run FILE`: compile one pipeline, feed it .npy or generated inputs, run it, report the outputs.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "run",
        description = {"Compile a pipeline and run it on the given inputs.",
                "Prints one line per output (name, type, min, max, mean, NaN count), then the time of the call:",
                "  out  f32[4, 8]  min=-1.25 max=2.5 mean=0.0123",
                "  RmsNorm ran on cpu in 3.2 ms"})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    private Tmc tmc;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .tm file.")
    private String file;

    @Option(names = "--pipeline", paramLabel = "NAME",
            description = "The pipeline to run; needed when FILE declares more than one.")
    private String pipeline;

    @Option(names = "--input", paramLabel = "NAME=SOURCE", converter = InputOption.Converter.class,
            description = {"A tensor parameter's values. SOURCE is PATH.npy (any npy dtype, converted to the "
                    + "declared one) or rand:SEED (deterministic values: floats in [-1, 1), i32 in [-10, 10], "
                    + "bools 50/50; shape from the declared dims)."})
    private List<InputOption> inputs = new ArrayList<>();

    @Option(names = "--arg", paramLabel = "NAME=VALUE", converter = ArgOption.Converter.class,
            description = "A scalar parameter's value (a number, or true/false); defaults apply otherwise.")
    private List<ArgOption> args = new ArrayList<>();

    @Option(names = "--dim", paramLabel = "NAME=SIZE", converter = DimSize.Converter.class,
            description = "The size of a symbolic dim, for rand: inputs; .npy inputs bind dims by their shapes.")
    private List<DimSize> dims = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write each output to DIR/NAME.npy (bf16 as <f4). DIR is created if missing.")
    private Path outputDir;

    @Option(names = "--device", paramLabel = "DEVICE", converter = Device.Converter.class,
            defaultValue = "cpu", description = {"cpu: the CPU backend, running the Java kernels tmc prints for the "
                    + "pipeline, compiled in memory (needs a JDK; on a JRE this fails with exit status 2); "
                    + "reference: the reference interpreter (exact f64 arithmetic, slow). The time reported is "
                    + "the call's, without compiling. Default: ${DEFAULT-VALUE}."})
    private Device device;

    @Option(names = "--print", description = "Also print the values of each output (NumPy style, elided when large).")
    private boolean print;

    @Override
    public Integer call() {
        Backend backend = device.backend();
        DiagnosticReport report = new DiagnosticReport(spec.commandLine().getErr());
        Optional<Module> module = SourceLoader.lower(file, tmc.precision(), report);
        report.printSummary();
        if (module.isEmpty()) {
            return ExitStatus.INPUT;
        }
        Graph graph = PipelineChoice.one(module.get(), file, pipeline);
        Map<String, HostArray> arguments = RunInputs.assemble(graph, inputs, args, dims);

        Backend.Call call = backend.prepare(module.get(), graph, tmc.precision());
        long start = System.nanoTime();
        Map<String, HostArray> outputs;
        try {
            outputs = call.run(arguments);
        } catch (InputError e) {
            throw CliError.input(e.getMessage());
        }
        long elapsed = System.nanoTime() - start;

        if (outputDir != null) {
            OutputFiles.write(outputDir, outputs);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<String, HostArray> output : outputs.entrySet()) {
            out.println(OutputSummary.line(output.getKey(), output.getValue()));
            if (print) {
                out.println(ArrayPrinter.print(output.getValue()));
            }
        }
        out.println(graph.name() + " ran on " + backend.name() + " in "
                + String.format(Locale.ROOT, "%.1f ms", elapsed / 1e6));
        return ExitStatus.OK;
    }
}
