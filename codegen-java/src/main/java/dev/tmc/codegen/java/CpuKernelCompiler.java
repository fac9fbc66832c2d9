// Prints the CPU kernels of files, compiles them in memory in one javac run and instantiates each
// file's CpuKernelLibrary: the CPU backend without a build (tmc run, differential tests).
package dev.tmc.codegen.java;

import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.runtime.cpu.CpuKernelLibrary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class CpuKernelCompiler {
    private CpuKernelCompiler() {
    }

    /** One file's kernel class: its fully qualified name and source. */
    public record Unit(String binaryName, String source) {
        /** The class {@code tmc compile} writes for the file. */
        public static Unit of(LoweredFile file) {
            return of(file, file.packageName());
        }

        /** The same kernels in another package, so that many files' classes can share one javac run. */
        public static Unit of(LoweredFile file, String packageName) {
            String simple = JavaKernelPrinter.className(file.fileName());
            String source = JavaKernelPrinter.print(file.fileName(), packageName, file.kernels(Target.CPU));
            return new Unit(packageName.isEmpty() ? simple : packageName + "." + simple, source);
        }
    }

    /**
     * The library of each unit, in order.
     *
     * @throws InternalCompilerError when javac rejects the printed code (a bug in the printer)
     * @throws InMemoryJavac.NoCompilerException when this JVM has no compiler
     */
    public static List<CpuKernelLibrary> load(List<Unit> units) {
        Map<String, String> sources = new LinkedHashMap<>();
        units.forEach(u -> sources.put(u.binaryName(), u.source()));
        InMemoryJavac.Result r = InMemoryJavac.compile(sources, List.of("--release", "17"), List.of());
        if (!r.success()) {
            throw new InternalCompilerError("the printed CPU kernels do not compile:\n"
                    + String.join("\n", r.diagnostics().subList(0, Math.min(20, r.diagnostics().size()))));
        }
        List<CpuKernelLibrary> out = new ArrayList<>();
        for (Unit u : units) {
            try {
                out.add((CpuKernelLibrary) r.load(u.binaryName()).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + u.binaryName(), e);
            }
        }
        return out;
    }
}
