// The one place that asks codegen for a file's outputs, for the chosen targets: Java API classes,
// CPU kernels when cpu is chosen, the .metal source when metal is, and the manifest naming them.
// The plugin ships .metal source only (no .metallib yet): the Metal runtime compiles it at load.
package dev.tmc.maven;

import dev.tmc.codegen.java.JavaOutputs;
import dev.tmc.compiler.driver.Compilation.CompiledModule;
import dev.tmc.compiler.ir.kernel.Target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

final class TargetOutputs {
    private TargetOutputs() {
    }

    /** Each output file with its text, in a stable order. */
    static Map<GeneratedFile, String> generate(CompiledModule module, Set<Target> targets) {
        JavaOutputs.Generated g = JavaOutputs.generate(module, targets);
        Map<GeneratedFile, String> out = new LinkedHashMap<>();
        g.java().forEach((path, text) -> out.put(new GeneratedFile(GeneratedFile.Root.JAVA, path), text));
        g.resources().forEach((path, text) -> out.put(new GeneratedFile(GeneratedFile.Root.RESOURCES, path), text));
        return out;
    }
}
