// Everything `tmc compile` (and the Maven plugin) writes for one .tm file, in one place: the Java
// sources (a class per pipeline, the file's CPU kernels) under OUT/java and the resources (the plan
// manifest, the .metal and .cu sources and, where their toolchains exist, the .metallib and the
// .fatbin) under OUT/resources, both in the file's package directories. The same module always gives
// byte-identical files, and files whose bytes would not change are not rewritten.
package dev.tmc.codegen.java;

import com.palantir.javapoet.JavaFile;
import dev.tmc.codegen.cuda.CudaPrinter;
import dev.tmc.codegen.metal.MslPrinter;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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

    /** Every target tmc generates kernels for, in the order their kernels are listed. */
    public static final Set<Target> TARGETS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(Target.CPU,
            Target.METAL, Target.CUDA)));

    /**
     * The targets generated when none is named: CUDA is opt-in, because building its fatbin runs nvcc
     * for seconds per file, and most users of the JVM have no NVIDIA GPU.
     */
    public static final Set<Target> DEFAULT_TARGETS = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of(Target.CPU, Target.METAL)));

    /** The outputs for the default targets, the manifest naming no .metallib. */
    public static Generated generate(CompiledModule module) {
        return generate(module, DEFAULT_TARGETS);
    }

    /**
     * The outputs for {@code targets} (a non-empty subset of {@link #TARGETS}); the manifest names
     * the .metal source when METAL is among them, and no .metallib: only
     * {@link #write(CompiledModule, Set, Path, Toolchains, Consumer)} can build one.
     */
    public static Generated generate(CompiledModule module, Set<Target> targets) {
        return generate(module, targets, false);
    }

    /**
     * @param metalLibrary whether the manifest names {@code <file>.metallib}: true only when the
     *                     caller builds it from the .metal resource and ships it next to it
     */
    public static Generated generate(CompiledModule module, Set<Target> targets, boolean metalLibrary) {
        return generate(LoweredFile.of(module, ordered(targets)), metalLibrary);
    }

    /** The outputs of a file lowered for some targets; no .metallib is named. */
    public static Generated generate(LoweredFile file) {
        return generate(file, false);
    }

    public static Generated generate(LoweredFile file, boolean metalLibrary) {
        String dir = packageDirectory(file.packageName());
        Map<String, String> java = new LinkedHashMap<>();
        for (JavaFile f : ApiGenerator.generate(file)) {
            java.put(dir + f.typeSpec().name() + ".java", f.toString());
        }
        if (file.has(Target.CPU)) {
            java.put(dir + JavaKernelPrinter.className(file.fileName()) + ".java",
                    JavaKernelPrinter.print(file.fileName(), file.packageName(), file.kernels(Target.CPU)));
        }
        Map<String, String> resources = new LinkedHashMap<>();
        Optional<String> metalSource = Optional.empty();
        if (file.has(Target.METAL)) {
            metalSource = Optional.of(PlanBuilder.metalSourceName(file.fileName()));
            resources.put(dir + metalSource.get(), MslPrinter.print(file.fileName(), file.kernels(Target.METAL)));
        }
        if (file.has(Target.CUDA)) {
            resources.put(dir + PlanBuilder.cudaSourceName(file.fileName()),
                    CudaPrinter.print(file.fileName(), file.kernels(Target.CUDA)));
        }
        Optional<String> library = metalSource.isPresent() && metalLibrary
                ? Optional.of(PlanBuilder.metalLibraryName(file.fileName())) : Optional.empty();
        FilePlan plan = PlanBuilder.build(file, metalSource, library);
        resources.put(dir + PlanBuilder.manifestName(file.fileName()), PlanJson.write(plan));
        return new Generated(java, resources);
    }

    /**
     * Writes the outputs for the default targets under {@code out}/java and {@code out}/resources,
     * with a .metallib where the PATH has the Metal toolchain; returns the paths written.
     */
    public static List<Path> write(CompiledModule module, Path out) throws IOException {
        return write(module, DEFAULT_TARGETS, out, Toolchains.detect(), note -> { });
    }

    /**
     * Writes the outputs for {@code targets} under {@code out}/java and {@code out}/resources and
     * returns their paths. The toolchains build the .metallib and the .fatbin next to their sources;
     * a missing one tells {@code notes} so (once per toolchain) and its source ships alone.
     *
     * @throws dev.tmc.codegen.metal.MetalToolchain.CompileError or
     *         dev.tmc.codegen.cuda.CudaToolchain.CompileError when a compiler rejects the printed
     *         source (a tmc bug)
     */
    public static List<Path> write(CompiledModule module, Set<Target> targets, Path out, Toolchains tools,
                                   Consumer<String> notes) throws IOException {
        Generated g = generate(module, targets, targets.contains(Target.METAL) && tools.metal().available());
        List<Path> written = write(g, out);
        written.addAll(writeBinaries(g, out, tools, notes));
        return written;
    }

    /** Writes the text outputs under {@code out}/java and {@code out}/resources; returns the paths, in order. */
    public static List<Path> write(Generated g, Path out) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> e : g.java().entrySet()) {
            written.add(write(out.resolve("java").resolve(e.getKey()), text(e.getValue())));
        }
        for (Map.Entry<String, String> e : g.resources().entrySet()) {
            written.add(write(out.resolve("resources").resolve(e.getKey()), text(e.getValue())));
        }
        return written;
    }

    /**
     * Builds {@code g}'s binary resources (see {@link BinaryResources}) and writes them under
     * {@code out}/resources; returns their paths.
     */
    public static List<Path> writeBinaries(Generated g, Path out, Toolchains tools, Consumer<String> notes)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : BinaryResources.build(g, tools, notes).entrySet()) {
            written.add(write(out.resolve("resources").resolve(e.getKey()), e.getValue()));
        }
        return written;
    }

    /** {@code targets} in the order of {@link #TARGETS}; anything else is the caller's bug. */
    static List<Target> ordered(Set<Target> targets) {
        if (targets.isEmpty() || !TARGETS.containsAll(targets)) {
            throw new IllegalArgumentException("targets must be a non-empty subset of " + TARGETS + ": " + targets);
        }
        return TARGETS.stream().filter(targets::contains).toList();
    }

    /** {@code com/acme/} for {@code com.acme}; empty for the unnamed package. */
    static String packageDirectory(String packageName) {
        return packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        // Unchanged files keep their timestamps, so builds that watch them do not redo work.
        if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
            Files.write(file, bytes);
        }
        return file;
    }
}
