// The Metal backend against the CPU backend and the reference interpreter: every example, its
// kernels lowered for both targets into one manifest, run on Device.cpu() and on the Metal device
// (the .metallib built with the Metal toolchain where xcrun has it, else the MSL source, which
// Metal compiles at load). Needs a Mac: skipped elsewhere with the reason, and required to run
// under -Pmetal (tmc.metal.required=true), where a missing GPU fails it.
package dev.tmc.tests;

import dev.tmc.codegen.java.HostTensors;
import dev.tmc.codegen.java.InMemoryJavac;
import dev.tmc.codegen.java.JavaKernelPrinter;
import dev.tmc.codegen.java.JavaOutputs;
import dev.tmc.codegen.java.LoweredFile;
import dev.tmc.codegen.java.PlanBuilder;
import dev.tmc.codegen.metal.MetalToolchain;
import dev.tmc.codegen.metal.MslPrinter;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.testing.Reference;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.cpu.CpuKernelLibrary;
import dev.tmc.runtime.metal.MetalDevice;
import dev.tmc.runtime.metal.MetalDeviceProvider;
import dev.tmc.runtime.metal.MetalKernels;
import dev.tmc.runtime.plan.FilePlan;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MetalBackendDifferentialTest {
    /** The Metal device, or the test is skipped (failed under -Pmetal) with the reason. */
    private static MetalDevice metal() {
        Optional<String> missing = MetalDeviceProvider.unavailableReason();
        if (missing.isPresent()) {
            String why = "the Metal differential test needs a Mac with Metal: " + missing.get();
            if (Boolean.getBoolean("tmc.metal.required")) {
                fail(why + " (-Pmetal requires it to run)");
            }
            Assumptions.abort(why);
        }
        return (MetalDevice) new MetalDeviceProvider().device();
    }

    @Test
    void examplesOnTheGpuAgreeWithTheCpuBackendAndTheReference(@TempDir Path dir) throws Exception {
        MetalDevice gpu = metal();
        MetalToolchain toolchain = MetalToolchain.detect();
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Path tm : Examples.files()) {
            String name = tm.getFileName().toString();
            Module module = Examples.lower(tm);
            List<LoweredFile.Pipeline> pipelines = new ArrayList<>();
            for (Graph g : module.pipelines()) {
                pipelines.add(LoweredFile.of(Compilation.compile(g, Compilation.Options.defaults(),
                        Compilation.Observer.NONE), List.of(Target.CPU, Target.METAL)));
            }
            String pkg = "metal." + name.replace(".tm", "");
            LoweredFile file = new LoweredFile(name, pkg, module.source().text(), pipelines);
            CpuKernelLibrary cpuKernels = cpuKernels(file);
            MetalKernels metalKernels = metalKernels(file, toolchain, dir);
            FilePlan plan = PlanBuilder.build(file, Optional.empty(), Optional.empty());
            for (Graph g : module.pipelines()) {
                Executable onCpu = Device.cpu().load(plan, plan.pipeline(g.name()), cpuKernels, cpuKernels.getClass());
                Executable onGpu = gpu.load(plan.pipeline(g.name()), metalKernels);
                for (long seed = 1; seed <= 3; seed++) {
                    Map<String, HostArray> in = Examples.inputs(g, seed);
                    Map<String, HostArray> cpu = HostTensors.call(onCpu, g, in);
                    Map<String, HostArray> metalOut = HostTensors.call(onGpu, g, in, gpu);
                    runs++;
                    String what = name + " " + g.name() + " (inputs of seed " + seed + ") on Metal";
                    Reference.of(g, in).mismatchOf(metalOut).ifPresent(m -> failures.add(what + " vs the reference: " + m));
                    closeTo(cpu, metalOut).ifPresent(m -> failures.add(what + " vs the CPU backend: " + m));
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failing; first:\n" + String.join("\n\n", failures.subList(0,
                    Math.min(3, failures.size()))));
        }
        assertTrue(runs >= 12, "ran " + runs + " calls");
    }

    private static CpuKernelLibrary cpuKernels(LoweredFile file) throws Exception {
        JavaOutputs.Generated generated = JavaOutputs.generate(file);
        Map<String, String> sources = new LinkedHashMap<>();
        generated.java().forEach((path, text) -> sources.put(path.replaceFirst("\\.java$", "").replace('/', '.'), text));
        InMemoryJavac.Result r = InMemoryJavac.compile(sources, generated.resources(), InMemoryJavac.STRICT, List.of());
        assertTrue(r.success(), String.join("\n", r.diagnostics()));
        String kernelClass = file.packageName() + "." + JavaKernelPrinter.className(file.fileName());
        return (CpuKernelLibrary) r.load(kernelClass).getDeclaredConstructor().newInstance();
    }

    /** The .metallib where the toolchain is here, as a build on a Mac ships it; else the source. */
    private static MetalKernels metalKernels(LoweredFile file, MetalToolchain toolchain, Path dir) throws Exception {
        String msl = MslPrinter.print(file.fileName(), file.kernels(Target.METAL));
        String stem = file.fileName().replace(".tm", "");
        Path source = dir.resolve(stem + ".metal");
        Files.writeString(source, msl);
        if (toolchain.compile(source, dir, note -> { }) instanceof MetalToolchain.Built built) {
            return MetalKernels.library(Files.readAllBytes(built.metallib()), built.metallib().getFileName().toString());
        }
        return MetalKernels.source(msl, source.getFileName().toString());
    }

    /** Equal within the storage dtype's rounding (a few ulps of the result, or of 1 near zero). */
    private static Optional<String> closeTo(Map<String, HostArray> cpu, Map<String, HostArray> gpu) {
        for (Map.Entry<String, HostArray> e : cpu.entrySet()) {
            HostArray want = e.getValue();
            HostArray got = gpu.get(e.getKey());
            double eps = switch (want.dtype()) {
                case F32 -> 1e-4;
                case F16 -> 4e-3;
                case BF16 -> 3e-2;
                default -> 0;
            };
            for (int i = 0; i < want.data().length; i++) {
                double w = want.data()[i];
                double g = got.data()[i];
                boolean same = Double.compare(w, g) == 0 || Math.abs(w - g) <= eps * Math.max(1, Math.abs(w));
                if (!same) {
                    return Optional.of("output " + e.getKey() + "[" + i + "]: CPU " + w + ", Metal " + g);
                }
            }
        }
        return Optional.empty();
    }
}
