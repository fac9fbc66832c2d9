// What the run ran on, for the report: cores, CPU model where Linux says it, JVM, heap.
package dev.tmc.bench;

import dev.tmc.runtime.numeric.BlockMath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class Machine {
    private Machine() {
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return rt.availableProcessors() + " cores (" + cpuModel() + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + "), max heap " + Format.bytes(rt.maxMemory()) + ", exp and erf "
                + mathPath();
    }

    /** Whether the kernels' exp and erf strips ran with the Vector API (the JVM was given the module). */
    static String mathPath() {
        return BlockMath.vectorized() ? "with the Vector API (--add-modules jdk.incubator.vector)"
                : "scalar (no --add-modules jdk.incubator.vector)";
    }

    static String describeShort() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + (BlockMath.vectorized() ? ", Vector API" : "");
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
