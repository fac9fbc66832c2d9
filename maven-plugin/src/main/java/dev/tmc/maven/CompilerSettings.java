// The plugin parameters that change what the compiler writes, checked and spelled as one key: when
// the key differs from the last build's, every file is compiled again.
package dev.tmc.maven;

import dev.tmc.codegen.java.JavaOutputs;
import dev.tmc.codegen.java.Toolchains;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.kernel.Target;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * @param compilerVersion identifies the tmc that compiles: a new one may print different code
 * @param binaries        the binaries this machine's toolchains can build for the targets, e.g.
 *                        "fatbin" (a toolchain installed since the last build adds its binaries)
 */
record CompilerSettings(Precision precision, Set<Target> targets, String compilerVersion, String binaries) {
    static final List<Target> ALL_TARGETS = List.copyOf(JavaOutputs.TARGETS);

    /** A parameter's value that the plugin cannot use; the message names the parameter. */
    static final class BadParameter extends Exception {
        private static final long serialVersionUID = 1L;

        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    CompilerSettings {
        targets = Set.copyOf(targets);
    }

    static Precision precision(String value) throws BadParameter {
        String spelling = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Precision.fromSpelling(spelling).orElseThrow(() -> new BadParameter(
                "parameter 'precision' (tmc.precision) is '" + value + "'; expected one of "
                        + Arrays.stream(Precision.values()).map(Precision::spelling).collect(Collectors.joining(", "))));
    }

    /** The targets named (any case, in any order); cpu and metal when none is. */
    static Set<Target> targets(List<String> names) throws BadParameter {
        if (names == null || names.isEmpty()) {
            return new LinkedHashSet<>(JavaOutputs.DEFAULT_TARGETS);
        }
        Set<Target> out = new LinkedHashSet<>();
        for (String name : names) {
            String spelling = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            Target t = ALL_TARGETS.stream().filter(x -> x.name().equals(spelling)).findFirst()
                    .orElseThrow(() -> new BadParameter("parameter 'targets' names '" + name
                            + "'; expected one or more of " + ALL_TARGETS.stream().map(Target::name)
                            .collect(Collectors.joining(", "))));
            out.add(t);
        }
        return out;
    }

    /** The binaries {@code tools} can build for {@code targets}: "metallib", "fatbin", both or "none". */
    static String binaries(Set<Target> targets, Toolchains tools) {
        List<String> names = new java.util.ArrayList<>();
        if (targets.contains(Target.METAL) && tools.metal().available()) {
            names.add("metallib");
        }
        if (targets.contains(Target.CUDA) && tools.cuda().available()) {
            names.add("fatbin");
        }
        return names.isEmpty() ? "none" : String.join(",", names);
    }

    /** {@code precision=balanced targets=cpu,metal binaries=none tmc=...}: what the build state compares. */
    String key() {
        String names = ALL_TARGETS.stream().filter(targets::contains).map(Target::name)
                .collect(Collectors.joining(","));
        return "precision=" + precision.spelling() + " targets=" + names + " binaries=" + binaries + " tmc="
                + compilerVersion;
    }
}
