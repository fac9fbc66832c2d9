// A job for the shim executable (see shim_executor.h): buffers, inputs, kernel launches and
// outputs, written as a script, then run; outputs are read back after the run.
package dev.tmc.tests.metal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class ShimJob {
    /** Seconds a launch may go without completing a barrier before the shim reports a deadlock. */
    static final int DEADLOCK_SECONDS = 60;

    private final Path dir;
    private final StringBuilder script = new StringBuilder();
    private int files;

    ShimJob(Path dir) {
        this.dir = dir;
    }

    void comment(String text) {
        script.append("# ").append(text.replace('\n', ' ')).append('\n');
    }

    /** A fresh buffer whose every byte is 0xff, so elements no kernel writes show up as NaN or -1. */
    void buffer(String id, long bytes) {
        script.append("buffer ").append(id).append(' ').append(Math.max(bytes, 1)).append('\n');
    }

    void view(String id, String parent, long offset, long bytes) {
        script.append("view ").append(id).append(' ').append(parent).append(' ').append(offset).append(' ')
                .append(bytes).append('\n');
    }

    void input(String id, byte[] data) {
        Path file = dir.resolve("in" + files++ + ".bin");
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        script.append("input ").append(id).append(' ').append(file).append('\n');
    }

    void launch(String kernel, long groups, int threads, List<String> buffers, List<byte[]> scalars) {
        script.append("launch ").append(kernel).append(' ').append(groups).append(' ').append(threads);
        buffers.forEach(b -> script.append(' ').append(b));
        script.append(" ;");
        scalars.forEach(s -> script.append(' ').append(Bytes.hex(s)));
        script.append('\n');
    }

    /** The file the buffer's bytes will be in after {@link #run}. */
    Path output(String id) {
        Path file = dir.resolve("out" + files++ + ".bin");
        script.append("output ").append(id).append(' ').append(file).append('\n');
        return file;
    }

    /** Runs the job; fails with the shim's report (and where the job lies) when it does not finish. */
    String run(Path executable) {
        try {
            Path jobs = dir.resolve("jobs.txt");
            Files.writeString(jobs, script);
            Gxx.Result r = Gxx.run(List.of(executable.toString(), jobs.toString()), dir, 1200);
            if (!r.ok()) {
                String tail = r.output().length() > 20000 ? "..." + r.output().substring(r.output().length() - 20000)
                        : r.output();
                throw new AssertionError("the Metal shim failed (exit " + r.exitCode() + ") running " + jobs + ":\n"
                        + tail);
            }
            return r.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
