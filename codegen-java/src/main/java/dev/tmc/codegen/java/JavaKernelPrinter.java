// Prints the CPU kernels of one .tm file as one Java class implementing CpuKernelLibrary: a static
// method per kernel that runs a range of threadgroups, and a kernel(name) lookup whose lambdas
// unpack the runtime's Object[] buffers and double[] scalars into the typed call.
package dev.tmc.codegen.java;

import dev.tmc.codegen.cstyle.CStylePrinter;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

public final class JavaKernelPrinter {
    private static final String INDENT = "    ";

    private JavaKernelPrinter() {
    }

    /** {@code transformer_block.tm} gives {@code TransformerBlockCpuKernels}. */
    public static String className(String tmFileName) {
        return JavaText.typeName(tmFileName) + "CpuKernels";
    }

    /**
     * The Java source of the class holding {@code kernels} (Target.CPU kernels of the file's
     * pipelines, names unique in the file).
     */
    public static String print(String tmFileName, String packageName, List<Kernel> kernels) {
        String file = JavaText.baseName(tmFileName);
        JavaSpelling spelling = new JavaSpelling();
        StringBuilder methods = new StringBuilder();
        for (Kernel k : kernels) {
            methods.append('\n');
            method(k, spelling, methods);
        }
        Set<String> used = spelling.used();
        StringBuilder out = new StringBuilder();
        out.append("// The CPU kernels of ").append(JavaText.commentText(file))
                .append(", printed by tmc from the same kernel IR as the Metal kernels.\n");
        out.append("// Generated code: edit the .tm file instead.\n");
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n");
        }
        out.append('\n');
        out.append("import dev.tmc.runtime.cpu.CpuKernel;\n");
        out.append("import dev.tmc.runtime.cpu.CpuKernelLibrary;\n");
        if (used.contains(JavaSpelling.ROUND_BF16)) {
            out.append("import dev.tmc.runtime.numeric.BFloat16;\n");
        }
        if (used.contains(JavaSpelling.BLOCK_MATH)) {
            out.append("import dev.tmc.runtime.numeric.BlockMath;\n");
        }
        if (used.contains(JavaSpelling.LANE_REDUCTIONS)) {
            out.append("import dev.tmc.runtime.numeric.LaneReductions;\n");
        }
        if (used.contains(JavaSpelling.ROUND_F16)) {
            out.append("import dev.tmc.runtime.numeric.Float16;\n");
        }
        if (used.contains(JavaSpelling.MATH)) {
            out.append("import dev.tmc.runtime.numeric.ScalarMath;\n");
        }
        out.append('\n');
        out.append("/**\n");
        out.append(" * The CPU kernels of {@code ").append(JavaText.commentText(file)).append("}: one method per kernel, each\n");
        out.append(" * running the threadgroups {@code [firstThreadgroup, endThreadgroup)} of a launch. A threadgroup\n");
        out.append(" * is one thread here, and the CPU backend runs ranges of them as tasks on its pool.\n");
        out.append(" */\n");
        out.append("public final class ").append(className(tmFileName)).append(" implements CpuKernelLibrary {\n");
        lookup(file, kernels, out);
        out.append(methods);
        helpers(used, out);
        out.append("}\n");
        return out.toString();
    }

    /** kernel(name): a lambda per kernel that casts the buffers and scalars it is bound to. */
    private static void lookup(String file, List<Kernel> kernels, StringBuilder out) {
        out.append(INDENT).append("@Override\n");
        out.append(INDENT).append("public CpuKernel kernel(String name) {\n");
        out.append(INDENT.repeat(2)).append("switch (name) {\n");
        for (Kernel k : kernels) {
            out.append(INDENT.repeat(3)).append("case ").append(JavaText.quote(k.name())).append(":\n");
            List<String> args = new ArrayList<>(List.of("first", "end"));
            for (int i = 0; i < k.buffers().size(); i++) {
                args.add("(" + JavaSpelling.bufferElement(k.buffers().get(i).dtype()) + "[]) buffers[" + i + "]");
            }
            for (int i = 0; i < k.scalars().size(); i++) {
                args.add(unpackScalar(k.scalars().get(i).type(), "scalars[" + i + "]"));
            }
            out.append(JavaText.wrap(INDENT.repeat(4), "return (first, end, buffers, scalars) -> " + k.name() + "(",
                    args, ");", INDENT.repeat(6))).append('\n');
        }
        out.append(INDENT.repeat(3)).append("default:\n");
        out.append(INDENT.repeat(4)).append("throw new IllegalArgumentException(")
                .append(JavaText.quote(file + " has no CPU kernel ")).append(" + name);\n");
        out.append(INDENT.repeat(2)).append("}\n");
        out.append(INDENT).append("}\n");
    }

    private static String unpackScalar(DType type, String value) {
        switch (type) {
            case I32: return "(int) " + value;
            case BOOL: return value + " != 0";
            default: return "(float) " + value; // f16 and bf16 values arrive rounded, exact as floats
        }
    }

    private static void method(Kernel k, JavaSpelling spelling, StringBuilder out) {
        if (k.launch().threadsPerThreadgroup() != 1) {
            throw new InternalCompilerError("kernel " + k.name() + " has " + k.launch().threadsPerThreadgroup()
                    + " threads per threadgroup; CPU kernels have one");
        }
        List<String> params = new ArrayList<>(List.of("int firstThreadgroup", "int endThreadgroup"));
        for (Kernel.BufferArg b : k.buffers()) {
            params.add(JavaSpelling.bufferElement(b.dtype()) + "[] " + b.name());
        }
        for (Kernel.ScalarArg s : k.scalars()) {
            params.add(spelling.type(s.type()) + " " + s.name());
        }
        out.append(INDENT).append("// ").append(JavaText.commentText(k.source())).append('\n');
        out.append(JavaText.wrap(INDENT, "static void " + k.name() + "(", params, ") {", INDENT.repeat(3)))
                .append('\n');
        List<KStmt> arrays = new ArrayList<>();
        List<KStmt> rest = new ArrayList<>();
        for (KStmt s : body(k)) {
            (s instanceof KStmt.LocalArray || s instanceof KStmt.ThreadgroupArray ? arrays : rest).add(s);
        }
        // Kernel IR never reads an array element before writing it (GPU memory starts undefined), so
        // a kernel's arrays are allocated once per range of threadgroups, not once per threadgroup.
        out.append(CStylePrinter.statements(arrays, spelling, 2));
        out.append(INDENT.repeat(2)).append("for (int ").append(JavaSpelling.THREADGROUP).append(" = firstThreadgroup; ")
                .append(JavaSpelling.THREADGROUP).append(" < endThreadgroup; ").append(JavaSpelling.THREADGROUP)
                .append("++) {\n");
        out.append(CStylePrinter.statements(rest, spelling, 3));
        out.append(INDENT.repeat(2)).append("}\n");
        out.append(INDENT).append("}\n");
    }

    /** The body without a leading comment that repeats the source line printed above the method. */
    private static List<KStmt> body(Kernel k) {
        List<KStmt> body = k.body();
        if (!body.isEmpty() && body.get(0) instanceof KStmt.Comment c && c.text().equals(k.source())) {
            return body.subList(1, body.size());
        }
        return body;
    }

    private static void helpers(Set<String> used, StringBuilder out) {
        if (used.contains(JavaSpelling.ROUND_BF16)) {
            helper(JavaSpelling.ROUND_BF16, "BFloat16", "bf16", out);
        }
        if (used.contains(JavaSpelling.ROUND_F16)) {
            helper(JavaSpelling.ROUND_F16, "Float16", "f16", out);
        }
    }

    private static void helper(String name, String type, String spelling, StringBuilder out) {
        out.append('\n');
        out.append(INDENT).append("/** The ").append(spelling)
                .append(" nearest to {@code x}, rounded once (through float it would round twice). */\n");
        out.append(INDENT).append("private static float ").append(name).append("(double x) {\n");
        out.append(INDENT.repeat(2)).append("return ").append(type).append(".toFloat(").append(type)
                .append(".fromDouble(x));\n");
        out.append(INDENT).append("}\n");
    }
}
