// What `tmc compile` writes for one .tm file: the Java sources (a class per pipeline and the file's
// CPU kernels) under OUT/java and the resources (the plan manifest) under OUT/resources, both in
// the file's package directories. The same module always gives byte-identical files.
package dev.tmc.codegen.java;

import com.palantir.javapoet.JavaFile;
import dev.tmc.compiler.driver.Compilation.CompiledModule;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PlanJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class JavaOutputs {
    private JavaOutputs() {
    }

    /**
     * A file's outputs as text, keyed by path relative to the Java source root and the resource
     * root, in a stable order.
     */
    public record Generated(Map<String, String> java, Map<String, String> resources) {
        public Generated {
            java = Collections.unmodifiableMap(new LinkedHashMap<>(java));
            resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        }
    }

    /** Every target whose kernels a manifest lists. */
    public static final List<Target> TARGETS = List.of(Target.CPU, Target.METAL);

    public static Generated generate(CompiledModule module) {
        return generate(LoweredFile.of(module, TARGETS));
    }

    public static Generated generate(LoweredFile file) {
        String dir = file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/";
        Map<String, String> java = new LinkedHashMap<>();
        for (JavaFile f : ApiGenerator.generate(file)) {
            java.put(dir + f.typeSpec().name() + ".java", f.toString());
        }
        java.put(dir + JavaKernelPrinter.className(file.fileName()) + ".java",
                JavaKernelPrinter.print(file.fileName(), file.packageName(), file.kernels(Target.CPU)));
        Map<String, String> resources = new LinkedHashMap<>();
        FilePlan plan = PlanBuilder.build(file, Optional.empty(), Optional.empty());
        resources.put(dir + PlanBuilder.manifestName(file.fileName()), PlanJson.write(plan));
        return new Generated(java, resources);
    }

    /** Writes the file's outputs under {@code out}/java and {@code out}/resources; returns the paths written. */
    public static List<Path> write(CompiledModule module, Path out) throws IOException {
        Generated g = generate(module);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> e : g.java().entrySet()) {
            written.add(write(out.resolve("java").resolve(e.getKey()), e.getValue()));
        }
        for (Map.Entry<String, String> e : g.resources().entrySet()) {
            written.add(write(out.resolve("resources").resolve(e.getKey()), e.getValue()));
        }
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Unchanged files keep their timestamps, so builds that watch them do not redo work.
        if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
            Files.write(file, bytes);
        }
        return file;
    }
}
