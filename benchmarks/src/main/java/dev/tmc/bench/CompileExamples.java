// Compiles every .tm file of a directory as `tmc compile` would and writes what it prints: the Java
// sources and plan manifest (OUT/java, OUT/resources) and the MSL (OUT/metal). The harness times
// this main in a fresh JVM, JVM start included; the CLI had no compile command when it was written.
package dev.tmc.bench;

import dev.tmc.codegen.java.JavaOutputs;
import dev.tmc.codegen.java.LoweredFile;
import dev.tmc.codegen.metal.MslPrinter;
import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.source.SourceFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

public final class CompileExamples {
    /** The line this main ends with; the harness reads the in-process time from it. */
    static final String DONE = "compiled-files ";

    private CompileExamples() {
    }

    /** Arguments: the directory of .tm files, the output directory. */
    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: CompileExamples TM_DIR OUT_DIR");
            System.exit(2);
        }
        List<Path> files = tmFiles(Path.of(args[0]));
        Path out = Path.of(args[1]);
        int written = 0;
        for (Path tm : files) {
            written += compile(tm, out);
        }
        System.out.println(DONE + files.size() + " files " + written + " outputs in-process-ns "
                + (System.nanoTime() - start));
    }

    static List<Path> tmFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".tm")).sorted().toList();
        }
    }

    /** Compiles one file and writes its Java, manifest and MSL as `tmc compile` does; returns how many files it wrote. */
    static int compile(Path tm, Path out) throws IOException {
        SourceFile source = new SourceFile(tm.getFileName().toString(), Files.readString(tm));
        Diagnostics diagnostics = new Diagnostics();
        Compilation.CompiledModule module = Compilation.compile(source, Compilation.Options.defaults(), diagnostics,
                Compilation.Observer.NONE).orElseThrow(() -> new IllegalStateException(tm + " does not compile:\n"
                + DiagnosticRenderer.render(diagnostics.all())));
        // What `tmc compile` writes: Java API and CPU kernels, the manifest and the .metal source.
        return JavaOutputs.write(module, out).size();
    }

    private static int write(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            write(root.resolve(e.getKey()), e.getValue());
        }
        return files.size();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
