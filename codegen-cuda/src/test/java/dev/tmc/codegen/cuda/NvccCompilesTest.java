// Generated CUDA C must compile with nvcc (-Werror all-warnings): every example .tm file to a
// fatbin (sm_80, sm_90, PTX; left in target/cuda for the runtime and the GPU check), and 50 random
// programs with their kernels renamed into one translation unit (one nvcc -c run). Without nvcc
// the tests are skipped with the reason, except on CI (CI=true), where that is a failure.
package dev.tmc.codegen.cuda;

import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.kernel.LowerKernels;
import dev.tmc.compiler.testing.Differential;
import dev.tmc.compiler.testing.NativeTools;
import dev.tmc.compiler.testing.RandomProgram;
import dev.tmc.compiler.testing.RandomPrograms;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class NvccCompilesTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "tm");
    private static final Path WORK = Path.of("target", "nvcc-check");
    private static final Path FATBINS = Path.of("target", "cuda");
    private static final int RANDOM_PROGRAMS = 50;

    private static CudaToolchain nvcc() {
        CudaToolchain t = CudaToolchain.detect();
        NativeTools.require(t.available(), CudaToolchain.NOT_FOUND);
        return t;
    }

    @Test
    void everyExampleCompilesToAFatbin() throws IOException {
        CudaToolchain nvcc = nvcc();
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".tm")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "examples found: " + files);
        Files.createDirectories(WORK);
        for (Path tm : files) {
            String cu = CudaBuild.cudaSource(tm);
            assertTrue(cu.contains("__global__"), tm + " printed no kernel");
            Path file = FATBINS.resolve(tm.getFileName().toString().replaceFirst("\\.tm$", ".cu"));
            Files.createDirectories(FATBINS);
            Files.writeString(file, cu);
            Path fatbin = nvcc.fatbin(file, FATBINS, note -> fail(note)).orElseThrow();
            assertTrue(Files.size(fatbin) > 0, fatbin + " is empty");
        }
    }

    @Test
    void randomProgramsCompile() throws IOException {
        CudaToolchain nvcc = nvcc();
        List<Kernel> all = new ArrayList<>();
        for (long seed = 1; seed <= RANDOM_PROGRAMS; seed++) {
            RandomProgram p = RandomPrograms.generate(seed, RandomPrograms.Options.defaults().withRobustDecisions(true));
            Module m = Differential.compile(p, "seed " + seed);
            for (Graph g : m.pipelines()) {
                CompiledPipeline c = Compilation.compile(g, Compilation.Options.defaults(), Compilation.Observer.NONE);
                for (Kernel k : LowerKernels.run(c, Target.CUDA)) {
                    all.add(renamed(k, "s" + seed + "_" + k.name()));
                }
                CompiledPipeline withLibrary = Compilation.forTarget(c, Target.CUDA);
                if (withLibrary != c) { // library steps' fallback kernels and the epilogues beside them
                    for (Kernel k : LowerKernels.run(withLibrary, Target.CUDA)) {
                        all.add(renamed(k, "s" + seed + "_lib_" + k.name()));
                    }
                }
            }
        }
        assertTrue(all.size() >= RANDOM_PROGRAMS, "kernels: " + all.size());
        Files.createDirectories(WORK);
        Path file = WORK.resolve("random_programs.cu");
        Files.writeString(file, CudaPrinter.print("random programs 1-" + RANDOM_PROGRAMS, all));
        nvcc.compileObject(file, WORK);
    }

    @Test
    void halfMatricesAreRefusedByThePrinterNotTheCompiler() {
        // Target.CUDA asks for f32 simdgroup matrices only; f16 ones must not reach nvcc.
        assertTrue(CudaSpelling.INSTANCE.simdMatrix(dev.tmc.runtime.DType.F16, "m", "0.0f").isEmpty());
        assertTrue(CudaSpelling.INSTANCE.simdMatrix(dev.tmc.runtime.DType.F32, "m", "0.0f").isPresent());
    }

    @Test
    void bf16MatmulsUseTensorCoresAndF32OnesDoNot() throws IOException {
        CudaToolchain nvcc = nvcc();
        String cu = CudaBuild.cudaSource(EXAMPLES.resolve("transformer_block.tm")); // f16 matmuls
        assertTrue(cu.contains("tmc_mat8_multiply_accumulate("), "no tensor-core matmul in transformer_block");
        Path f32 = WORK.resolve("f32_matmul.tm");
        Files.createDirectories(WORK);
        Files.writeString(f32, "pipeline P(a: f32[M, K], b: f32[K, N]) -> f32[M, N] {\n  return a @ b;\n}\n");
        String plain = CudaBuild.cudaSource(f32);
        assertTrue(!plain.contains("= tmc_mat8_filled(") && plain.contains("__shared__ float"),
                "f32 operands must not go through tf32 tensor cores:\n" + plain);
        Path file = WORK.resolve("f32_matmul.cu");
        Files.writeString(file, plain);
        nvcc.compileObject(file, WORK);
    }

    /** The fused attention's template, for bf16 and f16 and both head sizes of its fast path, sm_80 and sm_90. */
    @Test
    void fusedAttentionCompiles() throws IOException {
        CudaToolchain nvcc = nvcc();
        Path tm = WORK.resolve("attention.tm");
        Files.createDirectories(WORK);
        Files.writeString(tm, """
                pipeline A(q: bf16[B, T, E], k: bf16[B, S, E], v: bf16[B, S, E]) -> bf16[B, T, E] {
                  return softmax((q @ transpose(k, 0, 2, 1)) * rsqrt(E), axis = -1) @ v;
                }
                pipeline H(q: f16[T, 64], k: f16[S, 64], v: f16[S, 64], s: f32) -> f16[T, 64] {
                  return softmax(s * (q @ transpose(k, 1, 0)), axis = -1) @ v;
                }
                """);
        String cu = CudaBuild.cudaSource(tm);
        assertTrue(cu.contains("tmc_attention<__nv_bfloat16, 64>(") && cu.contains("tmc_attention<__half, 64>(")
                && cu.contains("__launch_bounds__(128, 3)"), cu);
        Path file = FATBINS.resolve("attention_check.cu");
        Files.createDirectories(FATBINS);
        Files.writeString(file, cu);
        assertTrue(Files.size(nvcc.fatbin(file, FATBINS, note -> fail(note)).orElseThrow()) > 0);
    }

    private static Kernel renamed(Kernel k, String name) {
        return new Kernel(name, k.template(), k.source(), k.buffers(), k.scalars(), k.launch(), k.body());
    }
}
