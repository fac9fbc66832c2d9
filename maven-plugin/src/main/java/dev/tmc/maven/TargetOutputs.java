// The one place that asks codegen for a file's outputs, for the chosen targets: Java API classes,
// CPU kernels when cpu is chosen, the .metal source when metal is, the .cu source when cuda is, the
// manifest naming them, and the binaries (.metallib, .fatbin) the machine's toolchains build.
package dev.tmc.maven;

import dev.tmc.codegen.java.BinaryResources;
import dev.tmc.codegen.java.JavaOutputs;
import dev.tmc.codegen.java.Toolchains;
import dev.tmc.compiler.driver.Compilation.CompiledModule;
import dev.tmc.compiler.ir.kernel.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

final class TargetOutputs {
    private TargetOutputs() {
    }

    /** Each output file with its bytes, in a stable order; a missing toolchain tells {@code notes}, once. */
    static Map<GeneratedFile, byte[]> generate(CompiledModule module, Set<Target> targets, Toolchains tools,
                                               Consumer<String> notes) throws IOException {
        JavaOutputs.Generated g = JavaOutputs.generate(module, targets,
                targets.contains(Target.METAL) && tools.metal().available());
        Map<GeneratedFile, byte[]> out = new LinkedHashMap<>();
        g.java().forEach((path, text) -> out.put(new GeneratedFile(GeneratedFile.Root.JAVA, path), utf8(text)));
        g.resources().forEach((path, text) -> out.put(new GeneratedFile(GeneratedFile.Root.RESOURCES, path),
                utf8(text)));
        BinaryResources.build(g, tools, notes).forEach((path, bytes) ->
                out.put(new GeneratedFile(GeneratedFile.Root.RESOURCES, path), bytes));
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
