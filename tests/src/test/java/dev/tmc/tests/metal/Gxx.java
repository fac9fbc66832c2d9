// The C++ compiler that checks and runs generated MSL against the Metal shim: g++ from the PATH
// (TMC_CXX overrides it). Tests that need it are skipped, with the reason, when it is absent on a
// developer's machine; on CI they fail instead.
package dev.tmc.tests.metal;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

final class Gxx {
    private static final Optional<Path> COMPILER = find();

    private Gxx() {
    }

    /** What a command did: its exit code and its stdout and stderr together. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Path compiler() {
        String missing = "g++ not found on PATH (nor TMC_CXX): the Metal shim checks of generated MSL";
        if (COMPILER.isEmpty() && required()) {
            Assertions.fail(missing + " are required where CI=true or TMC_REQUIRE_NATIVE_CHECKS=1");
        }
        Assumptions.assumeTrue(COMPILER.isPresent(), missing + " are skipped");
        return COMPILER.get();
    }

    /** Where CI runs (CI=true) or TMC_REQUIRE_NATIVE_CHECKS=1, a missing compiler fails instead of skipping. */
    private static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("TMC_REQUIRE_NATIVE_CHECKS"));
    }

    private static Optional<Path> find() {
        String override = System.getenv("TMC_CXX");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "g++");
            if (candidate != null && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** g++ with {@code args}; the output is kept whole, since it is what a failing test shows. */
    static Result compile(List<String> args, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(compiler().toString());
        command.addAll(args);
        return run(command, dir, 600);
    }

    static Result run(List<String> command, Path dir, long timeoutSeconds) {
        try {
            Path log = Files.createTempFile(dir, "out", ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(124, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out after "
                        + timeoutSeconds + " s: " + String.join(" ", command) + ")");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
