// The Metal code of one .tm file as the build shipped it: the .metallib the Metal toolchain made,
// or, only where the build had no toolchain, the .metal source, which Metal then compiles at load
// (never at call time) and which is logged as the slow path it is.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.plan.FilePlan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

public abstract class MetalKernels {
    private final String origin;

    private MetalKernels(String origin) {
        this.origin = origin;
    }

    /** Where the code came from, e.g. a resource name: what errors and logs name. */
    public String origin() {
        return origin;
    }

    /** The bytes of a .metallib. */
    public static MetalKernels library(byte[] metallib, String origin) {
        return new Library(metallib.clone(), origin);
    }

    /** MSL source, to be compiled by Metal at load. */
    public static MetalKernels source(String msl, String origin) {
        return new Source(Objects.requireNonNull(msl, "msl"), origin);
    }

    /**
     * The file's Metal code from the resources next to {@code anchor} (the generated pipeline
     * class): its .metallib where the manifest names one, else its .metal source.
     *
     * @throws IllegalArgumentException when the manifest names neither, or a named resource is missing
     */
    public static MetalKernels fromResources(FilePlan file, Class<?> anchor) {
        Objects.requireNonNull(anchor, "resourceAnchor");
        if (file.metalLibrary().isPresent()) {
            String name = file.metalLibrary().get();
            return new Library(read(anchor, name, file), name);
        }
        if (file.metalSource().isPresent()) {
            String name = file.metalSource().get();
            return new Source(new String(read(anchor, name, file), StandardCharsets.UTF_8), name);
        }
        throw new IllegalArgumentException("the manifest of " + file.source() + " names no Metal code (neither a"
                + " .metallib nor a .metal file), so its pipelines cannot run on Metal; rebuild it with tmc");
    }

    private static byte[] read(Class<?> anchor, String name, FilePlan file) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("the manifest of " + file.source() + " names " + name + ", but there"
                        + " is no such resource next to " + anchor.getName() + " (is it packaged with the generated"
                        + " classes?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " next to " + anchor.getName(), e);
        }
    }

    /** Makes the Metal library; only Source compiles, and says so through {@code log}. */
    abstract MetalBridge.Library open(MetalBridge bridge, System.Logger log);

    private static final class Library extends MetalKernels {
        private final byte[] metallib;

        Library(byte[] metallib, String origin) {
            super(origin);
            this.metallib = metallib;
        }

        @Override
        MetalBridge.Library open(MetalBridge bridge, System.Logger log) {
            try {
                return bridge.loadLibrary(metallib);
            } catch (MetalException e) {
                throw new MetalException(origin() + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class Source extends MetalKernels {
        private final String msl;

        Source(String msl, String origin) {
            super(origin);
            this.msl = msl;
        }

        @Override
        MetalBridge.Library open(MetalBridge bridge, System.Logger log) {
            log.log(System.Logger.Level.WARNING, "tmc: no .metallib was built for " + origin() + " (the build had no"
                    + " Metal toolchain); compiling its MSL source at load time, which is slow. Build on a Mac with"
                    + " Xcode to ship a .metallib.");
            try {
                return bridge.compileLibrary(msl);
            } catch (MetalException e) {
                throw new MetalException(origin() + ": " + e.getMessage(), e);
            }
        }
    }
}
