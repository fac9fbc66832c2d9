// The examples' pipelines through `tmc run`: their inputs as .npy files, the command lines that feed
// them, the outputs read back, and the comparison with `tmc run --device reference` within the
// tolerance of the differential tests.
package dev.tmc.tests;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.interp.InputError;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.testing.Reference;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.io.NpyArray;
import dev.tmc.runtime.io.NpyType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

final class ExampleRuns {
    private ExampleRuns() {
    }

    /**
     * The examples' inputs (Examples.inputs) with floats halved, to [0.05, 1): at full size the f16
     * sums of TransformerBlock leave the tolerance when every op rounds, and the reference then
     * compares none of its elements.
     */
    static Map<String, HostArray> inputs(Graph g, long seed) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        Examples.inputs(g, seed).forEach((name, a) -> {
            double[] values = a.data().clone();
            if (a.dtype().isFloat()) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = a.dtype().round(values[i] / 2);
                }
            }
            out.put(name, new HostArray(a.dtype(), a.shape(), values));
        });
        return out;
    }

    /** Writes each input as {@code dir/NAME.npy} and returns the {@code --input NAME=PATH} options. */
    static List<String> inputOptions(Cli cli, String prefix, Map<String, HostArray> inputs) {
        List<String> options = new ArrayList<>();
        inputs.forEach((name, a) -> {
            String path = cli.npy(prefix + name + ".npy", npyType(a.dtype()), a.shape(), a.data());
            options.add("--input");
            options.add(name + "=" + path);
        });
        return options;
    }

    /** f16 and bf16 values are exact as f4; `tmc run` converts each to the declared dtype. */
    private static NpyType npyType(DType dtype) {
        switch (dtype) {
            case I32: return NpyType.I4;
            case BOOL: return NpyType.B1;
            default: return NpyType.F4;
        }
    }

    /**
     * Runs {@code tmc run FILE --pipeline P} with the inputs, on {@code device} (none: the default),
     * writing outputs under {@code outDir}; returns the command's result, checked for exit 0 and
     * "ran on EXPECTED_DEVICE".
     */
    static Cli.Result run(String file, Graph g, List<String> inputOptions, Optional<String> device,
                          String expectedDevice, Path outDir) {
        List<String> args = new ArrayList<>(List.of("run", file, "--pipeline", g.name(), "--output-dir",
                outDir.toString()));
        args.addAll(inputOptions);
        device.ifPresent(d -> args.addAll(List.of("--device", d)));
        Cli.Result r = Cli.tmc(args.toArray(String[]::new)).expect(0);
        assertTrue(r.out().contains(g.name() + " ran on " + expectedDevice + " in "), r.out());
        return r;
    }

    /** The outputs `tmc run --output-dir DIR` wrote, as arrays of the declared dtypes. */
    static Map<String, HostArray> outputs(Graph g, Path dir) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (GraphOutput o : g.outputs()) {
            NpyArray a = Cli.read(dir.resolve(o.name() + ".npy"));
            out.put(o.name(), new HostArray(g.type(o.value()).dtype(), a.shape(), a.values()));
        }
        return out;
    }

    /**
     * What differs between {@code actual} and {@code reference} (the outputs of `tmc run --device
     * reference`), compared where the reference's tolerance compares them.
     */
    static Optional<String> mismatch(Graph g, Map<String, HostArray> inputs, Map<String, HostArray> reference,
                                     Map<String, HostArray> actual) {
        try {
            Reference tolerance = Reference.of(g, inputs);
            // An output with no element robust to rounding would make any result agree.
            assertTrue(tolerance.comparedAndSkipped()[0] > 0, g.name() + ": no output element is compared");
            return new Reference(inputs, reference, tolerance.comparison()).mismatchOf(actual);
        } catch (InputError e) {
            throw new AssertionError(g.name() + ": the reference rejects the inputs: " + e.getMessage(), e);
        }
    }

    static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
