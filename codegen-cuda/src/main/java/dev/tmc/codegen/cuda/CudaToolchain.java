// NVIDIA's CUDA compiler, where it exists: .cu -> .fatbin (sm_80 and sm_90 machine code plus
// compute_90 PTX for later GPUs), so the runtime loads prebuilt kernels and never compiles.
// Elsewhere tmc ships the .cu source only and says so once.
package dev.tmc.codegen.cuda;

import dev.tmc.codegen.cstyle.ToolProcess;
import dev.tmc.codegen.cstyle.ToolProcess.Completed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

public final class CudaToolchain {
    public static final String NOT_FOUND = "CUDA toolchain not found (nvcc on PATH or in /usr/local/cuda/bin); "
            + "shipping .cu source only";

    /** Where nvcc is looked for after PATH: the usual install locations. */
    public static final List<String> USUAL_DIRS = List.of("/usr/local/cuda/bin", "/usr/local/bin");

    /**
     * Kernels rely on NaN, infinities, signed zeros and on each operation rounding on its own:
     * no fast math, no contraction of a * b + c into one fused multiply-add. Warnings are errors,
     * except #39 "division by zero": x / 0.0f is IEEE arithmetic the language defines (+-inf, NaN).
     */
    static final List<String> FLAGS = List.of("-std=c++17", "-fmad=false", "-Werror", "all-warnings",
            "-diag-suppress", "39");

    /** sm_80 (A100) and sm_90 (H100, H200) machine code, and PTX the driver compiles for newer GPUs. */
    static final List<String> TARGETS = List.of(
            "-gencode", "arch=compute_80,code=sm_80",
            "-gencode", "arch=compute_90,code=sm_90",
            "-gencode", "arch=compute_90,code=compute_90");

    public static final class CompileError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CompileError(String message) {
            super(message);
        }
    }

    private final Optional<Path> nvcc;
    private final AtomicBoolean reported = new AtomicBoolean();

    private CudaToolchain(Optional<Path> nvcc) {
        this.nvcc = nvcc;
    }

    /** nvcc as this machine's PATH, then {@link #USUAL_DIRS}, find it. */
    public static CudaToolchain detect() {
        String path = System.getenv("PATH");
        return detect(path == null ? "" : path, USUAL_DIRS);
    }

    /** nvcc as {@code path} (a PATH value), then {@code moreDirs}, find it. */
    public static CudaToolchain detect(String path, List<String> moreDirs) {
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.addAll(moreDirs);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "nvcc");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new CudaToolchain(Optional.of(candidate));
            }
        }
        return new CudaToolchain(Optional.empty());
    }

    public boolean available() {
        return nvcc.isPresent();
    }

    public Optional<Path> nvcc() {
        return nvcc;
    }

    /** Compiles {@code cu} to an object file for sm_80 (the oldest GPU tmc builds for): a quick check. */
    public Path compileObject(Path cu, Path outDir) {
        cu = cu.toAbsolutePath();
        outDir = outDir.toAbsolutePath();
        Path object = outDir.resolve(stem(cu) + ".o");
        List<String> command = new ArrayList<>(List.of(nvcc.orElseThrow(this::missing).toString()));
        command.addAll(FLAGS);
        command.addAll(List.of("-arch=sm_80", "-c", cu.toString(), "-o", object.toString()));
        run(command, cu, outDir);
        return object;
    }

    /**
     * Compiles {@code cu} to {@code <stem>.fatbin} in {@code outDir}. Without nvcc it reports
     * {@link #NOT_FOUND} to {@code notes} once per toolchain and returns empty. Throws CompileError,
     * naming the file and quoting nvcc, when the source does not compile.
     */
    public Optional<Path> fatbin(Path cu, Path outDir, Consumer<String> notes) {
        if (nvcc.isEmpty()) {
            if (reported.compareAndSet(false, true)) {
                notes.accept(NOT_FOUND);
            }
            return Optional.empty();
        }
        cu = cu.toAbsolutePath();
        outDir = outDir.toAbsolutePath();
        Path fatbin = outDir.resolve(stem(cu) + ".fatbin");
        List<String> command = new ArrayList<>(List.of(nvcc.get().toString()));
        command.addAll(FLAGS);
        command.addAll(TARGETS);
        command.addAll(List.of("-fatbin", cu.toString(), "-o", fatbin.toString()));
        run(command, cu, outDir);
        return Optional.of(fatbin);
    }

    private IllegalStateException missing() {
        return new IllegalStateException(NOT_FOUND);
    }

    private static String stem(Path cu) {
        return cu.getFileName().toString().replaceFirst("\\.cu$", "");
    }

    private static void run(List<String> command, Path cu, Path dir) {
        try {
            Files.createDirectories(dir);
            Completed c = ToolProcess.run(command, dir);
            if (c.exitCode() != 0 || !c.output().isBlank()) {
                throw new CompileError(cu + ": nvcc " + (c.exitCode() != 0 ? "failed (exit " + c.exitCode() + ")"
                        : "warned") + ":\n" + c.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        }
    }
}
