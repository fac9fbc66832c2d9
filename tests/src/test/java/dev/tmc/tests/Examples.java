// The repository's example .tm files, compiled, and deterministic inputs for their pipelines.
package dev.tmc.tests;

import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.driver.Frontend;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.runtime.DType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

final class Examples {
    static final Path DIR = Path.of("..", "examples", "src", "main", "tm");

    private Examples() {
    }

    static List<Path> files() {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".tm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's graph IR as lowered (the frontend only). */
    static Module lower(Path file) {
        return module(file);
    }

    static Module module(Path file) {
        try {
            SourceFile source = new SourceFile(file.getFileName().toString(), Files.readString(file));
            Diagnostics diagnostics = new Diagnostics();
            return Frontend.lower(source, Precision.BALANCED, diagnostics).orElseThrow(() -> new AssertionError(
                    file + " does not compile:\n" + DiagnosticRenderer.render(diagnostics.all())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each dim a size of its own: 5, 6, 7, ... by name. */
    static Map<String, Long> dims(Graph g) {
        TreeSet<String> names = new TreeSet<>();
        for (GraphParam p : g.params()) {
            for (DimExpr d : p.type().shape().dims()) {
                names.addAll(d.symbols());
            }
        }
        Map<String, Long> dims = new LinkedHashMap<>();
        long size = 5;
        for (String n : names) {
            dims.put(n, size++);
        }
        return dims;
    }

    /**
     * Inputs for every tensor parameter (scalars keep their defaults): floats in [0.1, 2), as the
     * compiler's example test takes them (sums of signed values in f16 cancel below any
     * tolerance), integers as 8-bit pixels.
     */
    static Map<String, HostArray> inputs(Graph g, long seed) {
        Map<String, Long> dims = dims(g);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, HostArray> in = new LinkedHashMap<>();
        for (GraphParam p : g.params()) {
            if (p.scalar()) {
                continue;
            }
            long[] shape = p.type().shape().evaluate(dims);
            double[] values = new double[Math.toIntExact(HostArray.elementCount(shape))];
            DType dtype = p.type().dtype();
            for (int i = 0; i < values.length; i++) {
                values[i] = dtype.isFloat() ? dtype.round(random.nextDouble(0.1, 2.0))
                        : dtype == DType.I32 ? random.nextInt(0, 256) : random.nextBoolean() ? 1 : 0;
            }
            in.put(p.name(), new HostArray(dtype, shape, values));
        }
        return in;
    }
}
