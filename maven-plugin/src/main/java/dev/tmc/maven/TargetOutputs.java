// The one place that asks codegen for a file's outputs. The targets are checked and part of the
// build state, but today's JavaOutputs.generate(module) writes the CPU kernels and a manifest that
// lists every target; JavaOutputs.generate(module, targets) (with the .metal resource) replaces it here.
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
        JavaOutputs.Generated g = JavaOutputs.generate(module);
        Map<GeneratedFile, String> out = new LinkedHashMap<>();
        g.java().forEach((path, text) -> out.put(new GeneratedFile(GeneratedFile.Root.JAVA, path), text));
        g.resources().forEach((path, text) -> out.put(new GeneratedFile(GeneratedFile.Root.RESOURCES, path), text));
        return out;
    }
}
