// Apple's Metal compiler, where it exists (macOS with Xcode): .metal -> .air -> .metallib, so the
// runtime loads prebuilt kernels. Elsewhere tmc ships the .metal source only and says so once.
package dev.tmc.codegen.metal;

import dev.tmc.codegen.cstyle.ToolProcess;
import dev.tmc.codegen.cstyle.ToolProcess.Completed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

public final class MetalToolchain {
    public static final String NOT_FOUND = "Metal toolchain not found (xcrun metal); shipping .metal source only";

    /**
     * Kernels rely on NaN, infinities and signed zeros (fast math would assume them away); simd
     * reductions and shuffles need MSL 2.3+, so compile for Metal 3.0 (macOS 13, any Apple silicon).
     */
    static final List<String> METAL_FLAGS = List.of("-std=metal3.0", "-fno-fast-math");

    /** Runs a command and returns its exit code and combined output; a seam for tests. */
    public interface Runner {
        Completed run(List<String> command, Path workingDir) throws IOException;
    }

    /** What a compile produced. */
    public sealed interface Outcome {
    }

    public record Built(Path air, Path metallib) implements Outcome {
    }

    /** The toolchain is missing: only the .metal source ships. */
    public record Skipped(String reason) implements Outcome {
    }

    public static final class CompileError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CompileError(String message) {
            super(message);
        }
    }

    private final Optional<String> missing;
    private final Runner runner;
    private final AtomicBoolean reported = new AtomicBoolean();

    private MetalToolchain(Optional<String> missing, Runner runner) {
        this.missing = missing;
        this.runner = runner;
    }

    /** The toolchain as this machine's PATH finds it. */
    public static MetalToolchain detect() {
        String path = System.getenv("PATH");
        return detect(path == null ? "" : path, ToolProcess::run);
    }

    /** The toolchain on {@code path} (a PATH value): xcrun must exist and find both metal and metallib. */
    public static MetalToolchain detect(String path, Runner runner) {
        if (findOnPath("xcrun", path).isEmpty()) {
            return new MetalToolchain(Optional.of(NOT_FOUND), runner);
        }
        for (String tool : List.of("metal", "metallib")) {
            try {
                Completed c = runner.run(List.of("xcrun", "-sdk", "macosx", "--find", tool), Path.of("."));
                if (c.exitCode() != 0) {
                    return new MetalToolchain(Optional.of(NOT_FOUND + ": xcrun cannot find " + tool
                            + (c.output().isBlank() ? "" : " (" + c.output().strip() + ")")), runner);
                }
            } catch (IOException e) {
                return new MetalToolchain(Optional.of(NOT_FOUND + ": " + e.getMessage()), runner);
            }
        }
        return new MetalToolchain(Optional.empty(), runner);
    }

    static Optional<Path> findOnPath(String program, String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public boolean available() {
        return missing.isEmpty();
    }

    /** Why the toolchain cannot be used, when it cannot. */
    public Optional<String> missingReason() {
        return missing;
    }

    /**
     * Compiles {@code metal} to {@code <stem>.air} and {@code <stem>.metallib} in {@code outDir}. Without
     * a toolchain it reports {@link #NOT_FOUND} to {@code notes} once per toolchain and skips.
     * Throws CompileError, naming the file and quoting the compiler, when the source does not compile.
     */
    public Outcome compile(Path metal, Path outDir, Consumer<String> notes) {
        if (missing.isPresent()) {
            if (reported.compareAndSet(false, true)) {
                notes.accept(missing.get());
            }
            return new Skipped(missing.get());
        }
        String stem = metal.getFileName().toString().replaceFirst("\\.metal$", "");
        Path air = outDir.resolve(stem + ".air");
        Path lib = outDir.resolve(stem + ".metallib");
        List<String> compile = new ArrayList<>(List.of("xcrun", "-sdk", "macosx", "metal"));
        compile.addAll(METAL_FLAGS);
        compile.addAll(List.of("-c", metal.toString(), "-o", air.toString()));
        step(compile, metal, outDir);
        step(List.of("xcrun", "-sdk", "macosx", "metallib", air.toString(), "-o", lib.toString()), metal, outDir);
        return new Built(air, lib);
    }

    private void step(List<String> command, Path metal, Path dir) {
        try {
            Files.createDirectories(dir);
            Completed c = runner.run(command, dir);
            if (c.exitCode() != 0) {
                throw new CompileError(metal + ": " + String.join(" ", command.subList(3, 4)) + " failed (exit "
                        + c.exitCode() + "):\n" + c.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        }
    }
}
