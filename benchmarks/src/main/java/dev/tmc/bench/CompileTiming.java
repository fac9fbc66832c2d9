// Times CompileExamples in fresh JVMs (this JVM's java and class path), JVM start included: the
// wall time a user waits for `compile all examples`.
package dev.tmc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class CompileTiming {
    /**
     * @param wall       wall time per run, JVM start to exit
     * @param inProcess  time inside main, per run
     * @param files      .tm files compiled
     * @param command    the command that was timed
     */
    record Result(Measurement wall, Measurement inProcess, int files, String command) {
    }

    private CompileTiming() {
    }

    static Result measure(Path examples, Path out, int runs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                CompileExamples.class.getName(), examples.toString(), out.toString());
        double[] wall = new double[runs];
        double[] inside = new double[runs];
        int files = 0;
        for (int r = 0; r < runs; r++) {
            Path log = Files.createTempFile("tmc-compile", ".log");
            try {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                int status = p.waitFor();
                wall[r] = System.nanoTime() - start;
                String text = Files.readString(log, StandardCharsets.UTF_8);
                if (status != 0) {
                    throw new IllegalStateException("compiling the examples failed (" + status + "):\n" + text);
                }
                String done = text.lines().filter(l -> l.startsWith(CompileExamples.DONE)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no summary line in:\n" + text));
                String[] words = done.split(" ");
                files = Integer.parseInt(words[1]);
                inside[r] = Double.parseDouble(words[words.length - 1]);
            } finally {
                Files.deleteIfExists(log);
            }
        }
        String shown = "java -cp <benchmarks classpath> " + CompileExamples.class.getName() + " " + examples + " "
                + out;
        return new Result(Measurement.of(wall, 1), Measurement.of(inside, 1), files, shown);
    }
}
