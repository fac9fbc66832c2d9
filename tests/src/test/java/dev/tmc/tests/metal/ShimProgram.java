// One C++ translation unit over several generated .metal files, each in its own namespace, plus a
// launcher per kernel that the shim's executor (shim_executor.h) calls by name: batching many
// files into one g++ run keeps the shim suite fast. Failures quote g++ and the .metal files it names.
package dev.tmc.tests.metal;

import dev.tmc.codegen.metal.MslPrinter;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class ShimProgram {
    private ShimProgram() {
    }

    /** A .metal file: its namespace in the batch, its text and the kernels it defines. */
    record Unit(String namespace, String metal, List<Kernel> kernels) {
        Unit {
            kernels = List.copyOf(kernels);
        }

        String kernelId(Kernel k) {
            return namespace + "." + k.name();
        }
    }

    private static final Map<DType, String> CXX_TYPES = Map.of(DType.F32, "float", DType.F16, "metal::half",
            DType.BF16, "ushort", DType.I32, "int", DType.BOOL, "bool");
    private static final Map<ThreadAxis, String> POSITIONS = Map.of(ThreadAxis.THREAD_IN_GRID, "at.gid",
            ThreadAxis.THREADGROUP_IN_GRID, "at.tgid", ThreadAxis.THREAD_IN_THREADGROUP, "at.tid",
            ThreadAxis.SIMDGROUP_IN_THREADGROUP, "at.sgid", ThreadAxis.THREAD_IN_SIMDGROUP, "at.lane");

    /** Checks that every unit compiles (no code generated); fails with g++'s output and the sources. */
    static void syntaxCheck(Path dir, List<Unit> units) {
        Path source = write(dir, units, false);
        Gxx.Result r = Gxx.compile(MetalShim.syntaxFlags(source), dir);
        if (!r.ok()) {
            throw new AssertionError(report("generated MSL does not compile against the Metal shim", r, dir, units));
        }
    }

    /** Compiles the units and their launchers into an executable. */
    static Path build(Path dir, List<Unit> units) {
        Path source = write(dir, units, true);
        Path exe = dir.resolve("shim.bin");
        Gxx.Result r = Gxx.compile(MetalShim.buildFlags(source, exe), dir);
        if (!r.ok()) {
            throw new AssertionError(report("generated MSL does not build against the Metal shim", r, dir, units));
        }
        return exe;
    }

    private static Path write(Path dir, List<Unit> units, boolean launchers) {
        try {
            Files.createDirectories(dir);
            StringBuilder cpp = new StringBuilder("// The generated MSL of " + units.size() + " files"
                    + (launchers ? " with a launcher per kernel" : "") + ", for the Metal shim.\n");
            cpp.append("#include <metal_stdlib>\n");
            for (Unit u : units) {
                Path metal = dir.resolve(u.namespace() + ".metal");
                Files.writeString(metal, u.metal());
                cpp.append("namespace ").append(u.namespace()).append(" {\n#include \"").append(metal.getFileName())
                        .append("\"\n}\n");
            }
            if (launchers) {
                launchers(units, cpp);
            }
            Path source = dir.resolve(launchers ? "shim_main.cpp" : "shim_check.cpp");
            Files.writeString(source, cpp);
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void launchers(List<Unit> units, StringBuilder cpp) {
        List<String> entries = new ArrayList<>();
        cpp.append("namespace {\n");
        int n = 0;
        for (Unit u : units) {
            for (Kernel k : u.kernels()) {
                String fn = "launch" + n++;
                entries.add("{\"" + u.kernelId(k) + "\", " + fn + "}");
                cpp.append("void ").append(fn).append("(tmc_shim::Call& call) {\n");
                List<String> args = new ArrayList<>();
                int slot = 0;
                for (Kernel.BufferArg b : k.buffers()) {
                    String type = (b.written() ? "" : "const ") + CXX_TYPES.get(b.dtype());
                    args.add("call.buffer<" + type + ">(" + slot++ + ")");
                }
                int scalar = 0;
                for (Kernel.ScalarArg s : k.scalars()) {
                    String type = CXX_TYPES.get(s.type());
                    cpp.append("    const ").append(type).append(" s").append(scalar).append(" = call.scalar<")
                            .append(type).append(">(").append(scalar).append(");\n");
                    args.add("s" + scalar++);
                }
                if (slot != k.buffers().size()) {
                    throw new IllegalStateException();
                }
                for (ThreadAxis axis : MslPrinter.threadParameters(k)) {
                    args.add(POSITIONS.get(axis));
                }
                cpp.append("    tmc_shim::launch(\"").append(u.kernelId(k)).append("\", call.groups, call.threads, ")
                        .append("call.timeout, [&](const tmc_shim::Position& at) {\n");
                cpp.append("        ").append(u.namespace()).append("::").append(k.name()).append("(")
                        .append(String.join(", ", args)).append(");\n");
                cpp.append("    });\n}\n");
            }
        }
        cpp.append("} // namespace\n\n");
        cpp.append("static const tmc_shim::Entry TMC_KERNELS[] = {\n    ").append(String.join(",\n    ", entries))
                .append("\n};\n\n");
        cpp.append("int main(int argc, char** argv) {\n    return tmc_shim::main(argc, argv, TMC_KERNELS, ")
                .append(entries.size()).append(");\n}\n");
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no kernels to launch");
        }
    }

    /** g++'s output, then each .metal file it mentions, numbered. */
    private static String report(String what, Gxx.Result r, Path dir, List<Unit> units) {
        StringBuilder out = new StringBuilder(what).append(" (g++ exit ").append(r.exitCode()).append(", in ")
                .append(dir).append("):\n").append(r.output());
        for (Unit u : units) {
            if (r.output().contains(u.namespace() + ".metal")) {
                out.append("\n==== ").append(u.namespace()).append(".metal ====\n");
                String[] lines = u.metal().split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    out.append(String.format("%4d | %s%n", i + 1, lines[i]));
                }
            }
        }
        return out.toString();
    }
}
