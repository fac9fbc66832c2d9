// Loads the prelude (composite ops written in .tm) from the compiler's resources, once.
package dev.tmc.compiler.prelude;

import dev.tmc.compiler.ast.CompilationUnit;
import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.parse.Parser;
import dev.tmc.compiler.source.SourceFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

public final class Prelude {
    public static final String RESOURCE = "/dev/tmc/compiler/prelude/prelude.tm";

    private Prelude() {
    }

    /** Immutable once parsed; the holder idiom makes the one parse lazy and thread-safe. */
    private static final class Holder {
        static final CompilationUnit UNIT = parse();
    }

    public static CompilationUnit unit() {
        return Holder.UNIT;
    }

    public static SourceFile source() {
        return Holder.UNIT.file();
    }

    private static CompilationUnit parse() {
        String text;
        try (InputStream in = Prelude.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new InternalCompilerError("the prelude " + RESOURCE + " is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Diagnostics diagnostics = new Diagnostics();
        SourceFile file = new SourceFile("<prelude>/prelude.tm", text);
        return Parser.parse(file, diagnostics).orElseThrow(() -> new InternalCompilerError(
                "the prelude does not parse:\n" + DiagnosticRenderer.render(diagnostics.all())));
    }
}
