// The native toolchains that turn generated kernel sources into the binaries the GPU runtimes
// load: Apple's Metal compiler (.metal -> .metallib) and NVIDIA's nvcc (.cu -> .fatbin).
package dev.tmc.codegen.java;

import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.codegen.metal.MetalToolchain;

public record Toolchains(MetalToolchain metal, CudaToolchain cuda) {

    /** Both toolchains as this machine's PATH (and nvcc's usual install folders) find them. */
    public static Toolchains detect() {
        return new Toolchains(MetalToolchain.detect(), CudaToolchain.detect());
    }
}
