// Compiles the .tm files whose text or outputs changed since the last build, writes their Java and
// resources, removes what deleted sources left behind, and records the new state.
package dev.tmc.maven;

import dev.tmc.codegen.java.Toolchains;
import dev.tmc.compiler.diag.Diagnostic;
import dev.tmc.compiler.diag.Severity;
import dev.tmc.compiler.driver.Compilation;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

final class IncrementalGenerator {
    /** Where diagnostics go as each file is compiled, so the log shows them in order. */
    interface Listener {
        void diagnostic(SourceFile file, Diagnostic d);

        /** An error that is about a file but not about a place in it. */
        void error(String message);

        /** Something the user should know that is no error, e.g. a missing toolchain. */
        void note(String message);
    }

    private final Path sourceDir;
    private final OutputTree outputs;
    private final Path stateFile;
    private final CompilerSettings settings;
    private final boolean failOnWarning;
    private final Listener listener;
    private final Toolchains tools;

    IncrementalGenerator(Path sourceDir, OutputTree outputs, Path stateFile, CompilerSettings settings,
                         boolean failOnWarning, Listener listener, Toolchains tools) {
        this.tools = tools;
        this.sourceDir = sourceDir;
        this.outputs = outputs;
        this.stateFile = stateFile;
        this.settings = settings;
        this.failOnWarning = failOnWarning;
        this.listener = listener;
    }

    /** Brings the outputs of {@code sources} (paths relative to the source directory) up to date. */
    GenerationSummary run(List<String> sources) throws IOException {
        BuildState previous = BuildState.read(stateFile, settings.key());
        BuildState next = BuildState.empty(settings.key());
        GenerationSummary.Builder summary = new GenerationSummary.Builder();
        Set<String> selected = new TreeSet<>(sources);
        for (Map.Entry<String, BuildState.Entry> gone : previous.entries().entrySet()) {
            if (!selected.contains(gone.getKey())) {
                deleteAll(gone.getValue().outputs());
                summary.removed++;
            }
        }
        for (String source : selected) {
            generate(source, previous, next, summary);
        }
        rejectCollisions(next, summary);
        next.write(stateFile);
        return summary.build();
    }

    private void generate(String source, BuildState previous, BuildState next, GenerationSummary.Builder summary)
            throws IOException {
        Path path = sourceDir.resolve(source);
        SourceFile file;
        try {
            // Absolute, so that IDEs link the file:line:col of a diagnostic.
            file = SourceFiles.read(path, path.toAbsolutePath().normalize().toString());
        } catch (SourceFiles.UnreadableSource e) {
            summary.error(e.getMessage());
            listener.error(e.getMessage());
            return;
        }
        String digest = sha256(file.text());
        BuildState.Entry last = previous.entry(source).orElse(null);
        if (last != null && last.digest().equals(digest) && allExist(last.outputs())) {
            next.put(source, last);
            summary.upToDate++;
            return;
        }
        Compilation.Outcome outcome = Compilation.compileChecked(file,
                new Compilation.Options(settings.precision(), false), Compilation.Observer.NONE);
        boolean warned = false;
        for (Diagnostic d : outcome.diagnostics()) {
            listener.diagnostic(file, d);
            if (d.severity() == Severity.ERROR) {
                summary.error(location(file, d) + ": " + d.message());
            } else if (d.severity() == Severity.WARNING) {
                summary.warnings++;
                warned = true;
                if (failOnWarning) {
                    summary.error(location(file, d) + ": " + d.message() + " (failOnWarning is set)");
                }
            }
        }
        if (outcome.module().isEmpty() || (warned && failOnWarning)) {
            return; // left out of the state, so the next build compiles it again
        }
        List<String> written = new ArrayList<>();
        for (Map.Entry<GeneratedFile, byte[]> out : TargetOutputs.generate(outcome.module().get(),
                settings.targets(), tools, listener::note).entrySet()) {
            outputs.write(out.getKey(), out.getValue());
            written.add(out.getKey().key());
        }
        if (last != null) {
            List<String> dropped = new ArrayList<>(last.outputs());
            dropped.removeAll(written);
            deleteAll(dropped); // e.g. a pipeline renamed or removed
        }
        next.put(source, new BuildState.Entry(digest, written));
        summary.compiled++;
    }

    /** Two sources writing one file (same package, same pipeline or file name) would overwrite each other. */
    private void rejectCollisions(BuildState next, GenerationSummary.Builder summary) {
        Map<String, List<String>> writers = new TreeMap<>();
        next.entries().forEach((source, entry) -> entry.outputs().forEach(
                out -> writers.computeIfAbsent(out, k -> new ArrayList<>()).add(source)));
        for (Map.Entry<String, List<String>> w : writers.entrySet()) {
            if (w.getValue().size() > 1) {
                String message = String.join(" and ", w.getValue()) + " in " + sourceDir
                        + " both generate " + GeneratedFile.ofKey(w.getKey()).path()
                        + "; rename a pipeline or give the files different packages";
                summary.error(message);
                listener.error(message);
                w.getValue().forEach(next::remove);
            }
        }
    }

    /** {@code file:line:col}, or the file alone for what has no place in it. */
    static String location(SourceFile file, Diagnostic d) {
        return d.span().isNone() ? file.name() : d.span().location();
    }

    private boolean allExist(List<String> keys) {
        return keys.stream().allMatch(k -> outputs.exists(GeneratedFile.ofKey(k)));
    }

    private void deleteAll(List<String> keys) throws IOException {
        for (String key : keys) {
            outputs.delete(GeneratedFile.ofKey(key));
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
