// The benchmark pipelines (bench.tm) compiled once: the graph IR the reference interpreter runs,
// the Java kernels compiled in memory, and one executable per pipeline on the shared CPU device.
package dev.tmc.bench;

import dev.tmc.codegen.java.CpuKernelCompiler;
import dev.tmc.codegen.java.LoweredFile;
import dev.tmc.codegen.java.PlanBuilder;
import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.cpu.CpuKernelLibrary;
import dev.tmc.runtime.plan.FilePlan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

public final class BenchProgram {
    static final String RESOURCE = "bench.tm";

    private final Compilation.CompiledModule module;
    private final LoweredFile file;
    private final FilePlan plan;
    private final CpuKernelLibrary kernels;

    private BenchProgram(Compilation.CompiledModule module) {
        this.module = module;
        this.file = LoweredFile.of(module, List.of(Target.CPU));
        this.plan = PlanBuilder.build(file, Optional.empty(), Optional.empty());
        this.kernels = CpuKernelCompiler.load(List.of(CpuKernelCompiler.Unit.of(file))).get(0);
    }

    /** Compiles bench.tm and its CPU kernels (one javac run). */
    public static BenchProgram load() {
        SourceFile source = new SourceFile(RESOURCE, sourceText());
        Diagnostics diagnostics = new Diagnostics();
        Compilation.CompiledModule module = Compilation.compile(source, Compilation.Options.defaults(), diagnostics,
                Compilation.Observer.NONE).orElseThrow(() -> new IllegalStateException(RESOURCE
                + " does not compile:\n" + DiagnosticRenderer.render(diagnostics.all())));
        return new BenchProgram(module);
    }

    static String sourceText() {
        try (InputStream in = BenchProgram.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing next to " + BenchProgram.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pipeline as the frontend lowered it: what the reference interpreter runs. */
    public Graph graph(String pipeline) {
        return module.module().pipeline(pipeline).orElseThrow(() -> new IllegalArgumentException(
                "no pipeline " + pipeline + " in " + RESOURCE));
    }

    /** The pipeline loaded on {@link Device#cpu()}. */
    public Executable cpu(String pipeline) {
        return Device.cpu().load(plan, plan.pipeline(pipeline), kernels, kernels.getClass());
    }

    /** How many CPU kernels one call of the pipeline launches. */
    public int kernelCount(String pipeline) {
        return file.pipelines().stream().filter(p -> p.name().equals(pipeline)).findFirst().orElseThrow()
                .kernels().get(Target.CPU.name()).size();
    }

    /** The printed Java of every CPU kernel, for reading what runs. */
    public String kernelSource() {
        return CpuKernelCompiler.Unit.of(file).source();
    }
}
