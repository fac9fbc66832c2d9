// Builds the binary resources of a file's outputs from its generated kernel sources: the .metallib
// from the .metal and the .fatbin from the .cu, each next to its source. Each tool runs in a scratch
// folder on a copy of the source under its own name, so the bytes do not depend on where the
// outputs go. A missing toolchain is reported once (per toolchain) and its source ships alone.
package dev.tmc.codegen.java;

import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.codegen.metal.MetalToolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

public final class BinaryResources {
    private BinaryResources() {
    }

    /**
     * The binaries built from {@code g}'s kernel sources, keyed by resource path (the source's with
     * .metallib or .fatbin for its extension), in the order of the sources.
     *
     * @throws MetalToolchain.CompileError or CudaToolchain.CompileError when a compiler rejects
     *         tmc's own printed source: a tmc bug
     */
    public static Map<String, byte[]> build(JavaOutputs.Generated g, Toolchains tools, Consumer<String> notes)
            throws IOException {
        Map<String, byte[]> built = new LinkedHashMap<>();
        for (Map.Entry<String, String> resource : g.resources().entrySet()) {
            String path = resource.getKey();
            Optional<byte[]> binary = Optional.empty();
            if (path.endsWith(".metal")) {
                binary = metalLibrary(fileName(path), resource.getValue(), tools.metal(), notes);
            } else if (path.endsWith(".cu")) {
                binary = fatbin(fileName(path), resource.getValue(), tools.cuda(), notes);
            }
            binary.ifPresent(bytes -> built.put(binaryName(path), bytes));
        }
        return built;
    }

    /** The resource path of the binary built from the kernel source at {@code sourcePath}. */
    static String binaryName(String sourcePath) {
        return sourcePath.endsWith(".metal") ? sourcePath.replaceFirst("\\.metal$", ".metallib")
                : sourcePath.replaceFirst("\\.cu$", ".fatbin");
    }

    private static Optional<byte[]> metalLibrary(String name, String source, MetalToolchain toolchain,
                                                 Consumer<String> notes) throws IOException {
        if (!toolchain.available()) {
            toolchain.compile(Path.of(name), Path.of("."), notes); // only reports the missing toolchain, once
            return Optional.empty();
        }
        return inScratch(name, source, file -> {
            MetalToolchain.Built lib = (MetalToolchain.Built) toolchain.compile(file, file.getParent(), notes);
            return Files.readAllBytes(lib.metallib());
        });
    }

    private static Optional<byte[]> fatbin(String name, String source, CudaToolchain toolchain,
                                           Consumer<String> notes) throws IOException {
        if (!toolchain.available()) {
            toolchain.fatbin(Path.of(name), Path.of("."), notes); // only reports the missing toolchain, once
            return Optional.empty();
        }
        return inScratch(name, source, file -> Files.readAllBytes(
                toolchain.fatbin(file, file.getParent(), notes).orElseThrow()));
    }

    private interface Build {
        byte[] from(Path source) throws IOException;
    }

    private static Optional<byte[]> inScratch(String name, String source, Build build) throws IOException {
        Path scratch = Files.createTempDirectory("tmc-build");
        try {
            Path file = scratch.resolve(name);
            Files.writeString(file, source, StandardCharsets.UTF_8);
            return Optional.of(build.from(file));
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String fileName(String resourcePath) {
        return resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
    }
}
