// `tmc compile FILE... -d OUT`: each file's Java sources under OUT/java and its resources (plan
// manifest, .metal and .cu sources, .metallib and .fatbin where their toolchains exist) under
// OUT/resources.
package dev.tmc.cli;

import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.codegen.java.JavaOutputs;
import dev.tmc.codegen.java.Toolchains;
import dev.tmc.codegen.metal.MetalToolchain;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.ir.kernel.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "compile",
        description = {"Compile .tm files to Java sources and resources.",
                "For each file: a class per pipeline and the file's CPU kernels under DIR/java; the plan manifest "
                        + "(NAME.tmplan.json), the Metal source (NAME.metal) and, where xcrun metal and "
                        + "xcrun metallib are on the PATH, NAME.metallib under DIR/resources; with --target "
                        + "cuda also the CUDA source (NAME.cu) and, where nvcc is on the PATH or in "
                        + "/usr/local/cuda/bin, NAME.fatbin (sm_80 and sm_90 code, compute_90 PTX); all in the "
                        + "directories of the file's package. Without a toolchain a note says so once and its "
                        + "source ships alone.",
                "Nothing is written when any file has errors. The same input gives byte-identical files, and "
                        + "files that would not change are not rewritten."})
final class CompileCommand implements Callable<Integer> {
    @ParentCommand
    private Tmc tmc;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .tm files to compile.")
    private List<String> files;

    @Option(names = {"-d", "--output-dir"}, required = true, paramLabel = "DIR",
            description = "Where to write: DIR/java and DIR/resources (created if missing).")
    private Path outputDir;

    @Option(names = "--target", paramLabel = "TARGET", split = ",", converter = TargetConverter.class,
            defaultValue = "cpu,metal",
            description = "The kernels to generate, one or more of cpu (Java), metal (MSL), cuda (CUDA C). "
                    + "Default: ${DEFAULT-VALUE}.")
    private List<Target> targets;

    @Override
    public Integer call() {
        Set<Target> chosen = new LinkedHashSet<>(targets);
        DiagnosticReport report = new DiagnosticReport(spec.commandLine().getErr());
        Map<String, Compilation.CompiledModule> modules = compileAll(report);
        report.printSummary();
        if (report.hasErrors()) {
            return ExitStatus.INPUT;
        }
        Toolchains tools = Toolchains.detect();
        boolean metalLibrary = chosen.contains(Target.METAL) && tools.metal().available();
        Map<String, JavaOutputs.Generated> outputs = new LinkedHashMap<>();
        modules.forEach((file, module) -> outputs.put(file, JavaOutputs.generate(module, chosen, metalLibrary)));
        OutputClashes.check(outputs);
        writeAll(outputs, tools);
        return ExitStatus.OK;
    }

    /** Every file's compiled module; files with errors (reported) are left out. */
    private Map<String, Compilation.CompiledModule> compileAll(DiagnosticReport report) {
        Compilation.Options options = new Compilation.Options(tmc.precision(), false);
        Map<String, Compilation.CompiledModule> modules = new LinkedHashMap<>();
        for (String file : files) {
            try {
                SourceLoader.compile(file, options, report, Compilation.Observer.NONE)
                        .ifPresent(m -> modules.put(file, m));
            } catch (CliError e) {
                if (e.exitStatus() != ExitStatus.INPUT) {
                    throw e;
                }
                report.print(e); // an unreadable file is one more error; the others are still checked
            }
        }
        return modules;
    }

    private void writeAll(Map<String, JavaOutputs.Generated> outputs, Toolchains tools) {
        requireDirectory(outputDir);
        PrintWriter err = spec.commandLine().getErr();
        try {
            for (JavaOutputs.Generated g : outputs.values()) {
                JavaOutputs.write(g, outputDir);
                JavaOutputs.writeBinaries(g, outputDir, tools, note -> err.println("note: " + note));
            }
        } catch (IOException e) {
            throw CliError.cannotWrite(failedPath(e), e);
        } catch (MetalToolchain.CompileError | CudaToolchain.CompileError e) {
            // The MSL and CUDA C are tmc's own output: their compilers rejecting it is a tmc bug.
            throw new dev.tmc.compiler.diag.InternalCompilerError(e.getMessage());
        }
    }

    private static void requireDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw CliError.input("cannot write to " + dir + ": not a directory");
        }
    }

    /** The file an I/O error is about, where it names one; else the output directory. */
    private Path failedPath(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return Path.of(f.getFile());
        }
        return outputDir;
    }
}
