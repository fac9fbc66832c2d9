// Where the Metal shim lives (test resources, metal-shim/) and how g++ compiles generated MSL
// against it: C++20, i32 arithmetic wrapping as on the GPU (-fwrapv), and warnings that point at
// real mistakes (conversions, parentheses, ...) turned into errors.
package dev.tmc.tests.metal;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class MetalShim {
    private MetalShim() {
    }

    static Path directory() {
        URL header = MetalShim.class.getResource("/metal-shim/metal_stdlib");
        if (header == null) {
            throw new IllegalStateException("metal-shim/metal_stdlib is not on the test classpath");
        }
        try {
            return Path.of(header.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Flags for every compile. Unused locals only warn (dead code is not wrong code); unknown
     * pragmas are MSL's ({@code #pragma unroll}); unused parameters are thread coordinates.
     */
    static List<String> flags() {
        return List.of("-std=c++20", "-fwrapv", "-I" + directory(), "-Wall", "-Wextra", "-Wconversion",
                "-Werror", "-Wno-error=unused-variable", "-Wno-error=unused-but-set-variable",
                "-Wno-unused-parameter", "-Wno-unknown-pragmas",
                // x >= x is how a random program may spell "true" for an i32; valid MSL all the same
                "-Wno-tautological-compare");
    }

    /** Flags to compile {@code source} (C++ that includes .metal files) to the executable {@code out}. */
    static List<String> buildFlags(Path source, Path out) {
        List<String> all = new ArrayList<>(flags());
        all.addAll(List.of("-O1", "-pthread", source.toString(), "-o", out.toString()));
        return all;
    }

    /** Flags to check {@code source} without generating code. */
    static List<String> syntaxFlags(Path source) {
        List<String> all = new ArrayList<>(flags());
        all.addAll(List.of("-fsyntax-only", "-x", "c++", source.toString()));
        return all;
    }
}
