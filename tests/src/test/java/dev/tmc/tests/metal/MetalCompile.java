// A .tm file through the whole Metal back end: Compilation (graph passes, fusion, memory plan),
// lower-kernels for Target.METAL, and the MSL printer. Compile errors fail with the diagnostics.
package dev.tmc.tests.metal;

import dev.tmc.codegen.metal.MslPrinter;
import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.kernel.LowerKernels;
import dev.tmc.compiler.source.SourceFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

record MetalCompile(String fileName, List<MetalCompile.Lowered> pipelines, String metal) {

    /** A pipeline and its kernels for Metal, in schedule order. */
    record Lowered(CompiledPipeline pipeline, List<Kernel> kernels) {
    }

    static MetalCompile of(SourceFile file, Precision precision) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<Compilation.CompiledModule> module = Compilation.compile(file,
                new Compilation.Options(precision, false), diagnostics, Compilation.Observer.NONE);
        if (module.isEmpty() || diagnostics.hasErrors()) {
            throw new AssertionError(file.name() + " does not compile:\n" + DiagnosticRenderer.render(diagnostics.all()));
        }
        List<Lowered> pipelines = new ArrayList<>();
        List<Kernel> all = new ArrayList<>();
        for (CompiledPipeline p : module.get().pipelines()) {
            List<Kernel> kernels = LowerKernels.run(p, Target.METAL);
            pipelines.add(new Lowered(p, kernels));
            all.addAll(kernels);
        }
        String name = file.name().replaceAll(".*/", "");
        return new MetalCompile(name, pipelines, MslPrinter.print(name, all));
    }

    List<Kernel> kernels() {
        List<Kernel> all = new ArrayList<>();
        pipelines.forEach(l -> all.addAll(l.kernels()));
        return all;
    }

    ShimProgram.Unit unit(String namespace) {
        return new ShimProgram.Unit(namespace, metal, kernels());
    }

    /** The example pipelines of the repository, examples/src/main/tm/*.tm, by file name. */
    static List<Path> examples() {
        Path dir = Path.of(System.getProperty("basedir", "."), "..", "examples", "src", "main", "tm").normalize();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".tm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceFile read(Path file) {
        try {
            return new SourceFile(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
