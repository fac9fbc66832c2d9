// The hand-built kernels that cover every operation on every dtype (HandKernels, written for the
// Metal shim) must print as CUDA C that nvcc compiles with warnings as errors: the CUDA table has
// a spelling for everything kernel IR can say outside simdgroup matrices. Skipped with the reason
// where nvcc is missing, except on CI (CI=true), where that fails.
package dev.tmc.tests.metal;

import dev.tmc.codegen.cuda.CudaPrinter;
import dev.tmc.codegen.cuda.CudaToolchain;
import dev.tmc.compiler.testing.NativeTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

class HandKernelsCudaCompileTest {
    @Test
    void everyOperationOnEveryDtypeCompilesWithNvcc() throws IOException {
        CudaToolchain nvcc = CudaToolchain.detect();
        NativeTools.require(nvcc.available(), CudaToolchain.NOT_FOUND);
        String cu = CudaPrinter.print("hand.tm", MslShimCompileTest.allHandKernels());
        assertTrue(cu.contains("tmc_warp_sum"), "no warp reduction printed");
        Path dir = Path.of("target", "cuda-hand");
        Files.createDirectories(dir);
        Path file = dir.resolve("hand.cu");
        Files.writeString(file, cu);
        nvcc.compileObject(file, dir);
    }
}
