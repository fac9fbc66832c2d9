// Test support: compiles .tm text through the whole middle end and hands back one pipeline.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;

public final class Compiled {
    private Compiled() {
    }

    public static CompiledPipeline pipeline(String source, String name, Precision precision) {
        Diagnostics d = new Diagnostics();
        var module = Compilation.compile(new SourceFile("test.tm", source),
                new Compilation.Options(precision, true), d, Compilation.Observer.NONE);
        if (module.isEmpty()) {
            throw new AssertionError("does not compile:\n" + DiagnosticRenderer.render(d.all()));
        }
        return module.get().pipeline(name).orElseThrow();
    }

    public static CompiledPipeline pipeline(String source, String name) {
        return pipeline(source, name, Precision.BALANCED);
    }
}
