// The example pipelines (examples/src/main/tm) through inline, stabilize and promote-precision
// under every profile: the IR verifies after each, and the reference interpreter's results stay
// within the tolerance of each output's dtype.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.Rounding;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.tmc.compiler.pass.PrecisionPrograms.assertCloseNormwise;
import static dev.tmc.compiler.pass.PrecisionPrograms.assertVerifies;
import static dev.tmc.compiler.pass.PrecisionPrograms.run;

class PrecisionExamplesTest {

    static Stream<Arguments> examplesAndProfiles() {
        Path dir = examplesDir();
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tm")).sorted().toList()) {
                for (Precision profile : Precision.values()) {
                    all.add(Arguments.of(f.getFileName().toString(), profile));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.stream();
    }

    private static Path examplesDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/src/main/tm"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no examples/src/main/tm above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("examples/src/main/tm");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("examplesAndProfiles")
    void examplesVerifyAndKeepTheirMeaning(String file, Precision profile) throws IOException {
        String text = Files.readString(examplesDir().resolve(file));
        Map<String, UnaryOperator<Graph>> chains = new LinkedHashMap<>();
        chains.put("inline", Inline::run);
        chains.put("inline, stabilize", g -> Stabilize.run(Inline.run(g)));
        chains.put("inline, promote-precision", g -> PromotePrecision.run(Inline.run(g)));
        chains.put("inline, stabilize, promote-precision",
                g -> PromotePrecision.run(Stabilize.run(Inline.run(g))));
        for (Graph lowered : PrecisionPrograms.lowered(file, text, profile)) {
            // The file's own profile wins over the default; test every profile on every pipeline.
            Graph g = lowered.withPrecision(profile);
            assertVerifies(g);
            for (long seed = 1; seed <= 3; seed++) {
                Map<String, HostArray> in = PrecisionPrograms.randomInputs(g, seed, -1, 1);
                Map<String, HostArray> want = run(g, in, Rounding.STORES_ONLY);
                for (var chain : chains.entrySet()) {
                    Graph after = chain.getValue().apply(g);
                    assertVerifies(after);
                    Map<String, HostArray> got = run(after, in, Rounding.STORES_ONLY);
                    for (GraphOutput o : g.outputs()) {
                        HostArray w = want.get(o.name());
                        assertCloseNormwise(w, got.get(o.name()), PrecisionPrograms.tolerance(w.dtype()),
                                file + " " + g.name() + "." + o.name() + " after " + chain.getKey());
                    }
                }
            }
        }
    }
}
