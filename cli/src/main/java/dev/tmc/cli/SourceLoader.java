// Reads a .tm file named on the command line and lowers it to checked graph IR, reporting diagnostics.
package dev.tmc.cli;

import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceFiles;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

final class SourceLoader {
    private SourceLoader() {
    }

    /**
     * The file's text, named as the user spelled the path so that diagnostics point where they typed.
     */
    static SourceFile read(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw CliError.input("cannot read " + file + ": not a valid path (" + e.getReason() + ")");
        }
        try {
            return SourceFiles.read(path, file);
        } catch (SourceFiles.UnreadableSource e) {
            throw CliError.input(e.getMessage());
        }
    }

    /** The checked module, or empty when the file has errors; every diagnostic goes to {@code report}. */
    static Optional<Module> lower(String file, Precision defaultPrecision, DiagnosticReport report) {
        SourceFile source = read(file);
        Diagnostics diagnostics = new Diagnostics();
        Optional<Module> module = Frontend.lower(source, defaultPrecision, diagnostics);
        report.print(diagnostics.all());
        if (module.isEmpty() && !diagnostics.hasErrors()) {
            throw new InternalCompilerError("the frontend produced no module and no error for " + file);
        }
        return diagnostics.hasErrors() ? Optional.empty() : module;
    }

    /** The compiled module (every pass, fusion and memory plan), or empty when the file has errors. */
    static Optional<Compilation.CompiledModule> compile(String file, Compilation.Options options,
                                                       DiagnosticReport report, Compilation.Observer observer) {
        Compilation.Outcome outcome = Compilation.compileChecked(read(file), options, observer);
        report.print(outcome.diagnostics());
        return outcome.module();
    }
}
