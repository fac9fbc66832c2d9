// Build-time entry point: every .tm file of a directory to a .cu file and, where nvcc is present,
// a .fatbin next to it (the runtime's CudaDevice loads <stem>.fatbin). Without nvcc it says so once
// and writes the .cu files only. Usage: CudaBuild <dir with .tm files> <output dir>.
package dev.tmc.codegen.cuda;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.kernel.LowerKernels;
import dev.tmc.compiler.source.SourceFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

public final class CudaBuild {
    private CudaBuild() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CudaBuild <dir with .tm files> <output dir>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        CudaToolchain nvcc = CudaToolchain.detect();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".tm")).sorted().toList();
        }
        for (Path tm : files) {
            Path cu = out.resolve(tm.getFileName().toString().replaceFirst("\\.tm$", ".cu"));
            Files.writeString(cu, cudaSource(tm));
            nvcc.fatbin(cu, out, note -> System.out.println("tmc: " + note))
                    .ifPresent(f -> System.out.println("tmc: " + f));
        }
    }

    /** The CUDA C of every pipeline of a .tm file. */
    public static String cudaSource(Path tm) throws IOException {
        SourceFile source = new SourceFile(tm.getFileName().toString(), Files.readString(tm));
        Diagnostics diagnostics = new Diagnostics();
        Compilation.CompiledModule module = Compilation.compile(source, Compilation.Options.defaults(), diagnostics,
                Compilation.Observer.NONE).orElseThrow(() -> new IllegalArgumentException(tm + " does not compile:\n"
                + DiagnosticRenderer.render(diagnostics.all())));
        List<Kernel> kernels = new ArrayList<>();
        for (CompiledPipeline p : module.pipelines()) {
            kernels.addAll(LowerKernels.run(Compilation.forTarget(p, Target.CUDA), Target.CUDA));
        }
        return CudaPrinter.print(source.name(), kernels);
    }
}
