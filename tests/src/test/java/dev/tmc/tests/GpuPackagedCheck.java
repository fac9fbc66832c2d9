// The packaging of the CUDA target end to end, on a machine with a GPU (scripts/gpu-check.sh): the
// classes and resources `tmc compile --target cpu,cuda` wrote for every example, compiled by javac
// and put on the class path, load through each generated class's load(Device) on CudaDevice, which
// reads the .fatbin nvcc built next to the class at build time, and compute what the reference
// interpreter computes. Usage: GpuPackagedCheck (from a folder where ../examples/src/main/tm holds
// the examples).
package dev.tmc.tests;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.testing.Reference;
import dev.tmc.runtime.cuda.CudaDevice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class GpuPackagedCheck {
    private GpuPackagedCheck() {
    }

    public static void main(String[] args) throws Exception {
        CudaDevice device = CudaDevice.shared();
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Path tm : Examples.files()) {
            Module m = Examples.module(tm);
            for (Graph g : m.pipelines()) {
                Class<?> pipeline = Class.forName(m.packageName() + "." + g.name());
                for (long seed = 1; seed <= 2; seed++) {
                    Map<String, HostArray> inputs = Examples.inputs(g, seed);
                    calls++;
                    try {
                        Map<String, HostArray> actual = GeneratedCalls.call(pipeline, g, inputs, device);
                        Optional<String> bad = Reference.of(g, inputs).mismatchOf(actual);
                        bad.ifPresent(b -> failures.add(tm.getFileName() + " " + g.name() + ": " + b));
                    } catch (Exception e) {
                        failures.add(tm.getFileName() + " " + g.name() + " threw " + e);
                    }
                }
            }
        }
        System.out.println("packaged classes on CUDA: " + calls + " calls, " + failures.size() + " failures");
        failures.forEach(f -> System.out.println("----\n" + f));
        boolean ok = failures.isEmpty() && calls > 0;
        System.out.println(ok ? "PACKAGED CHECK PASSED" : "PACKAGED CHECK FAILED");
        System.exit(ok ? 0 : 1);
    }
}
