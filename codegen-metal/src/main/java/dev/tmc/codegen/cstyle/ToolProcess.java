// Runs a build tool of a target (xcrun metal, nvcc) in a directory and keeps what it printed: the
// one place that starts such processes, with the same time limit for every toolchain.
package dev.tmc.codegen.cstyle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

public final class ToolProcess {
    private ToolProcess() {
    }

    /** A finished command: its exit code and its stdout and stderr together. */
    public record Completed(int exitCode, String output) {
    }

    public static Completed run(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return new Completed(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
