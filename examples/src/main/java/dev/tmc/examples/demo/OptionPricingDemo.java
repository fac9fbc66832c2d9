// End to end with files: reads spot.npy, strike.npy and years.npy from a directory, prices European
// options with BlackScholes (finance.tm), writes call.npy and put.npy next to them and prints a table.
// Without an argument it first writes sample inputs to a new temporary directory.
//   java -cp examples/target/tmc-examples.jar dev.tmc.examples.demo.OptionPricingDemo [DIR]
package dev.tmc.examples.demo;

import dev.tmc.examples.finance.BlackScholes;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

public final class OptionPricingDemo {
    private OptionPricingDemo() {
    }

    /** The inputs read and the prices written, one entry per contract. */
    public record Prices(float[] spot, float[] strike, float[] years, float[] call, float[] put) {
    }

    /** Prices the contracts in {@code dir} at the pipeline's default rate (2%) and volatility (30%). */
    public static Prices price(Device device, Path dir) throws IOException {
        try (Tensor spot = Tensor.fromNpy(dir.resolve("spot.npy"));
             Tensor strike = Tensor.fromNpy(dir.resolve("strike.npy"));
             Tensor years = Tensor.fromNpy(dir.resolve("years.npy"))) {
            BlackScholes.Result r = BlackScholes.load(device).call(spot, strike, years);
            try (Tensor call = r.call(); Tensor put = r.put()) {
                call.toNpy(dir.resolve("call.npy"));
                put.toNpy(dir.resolve("put.npy"));
                return new Prices(spot.toFloatArray(), strike.toFloatArray(), years.toFloatArray(),
                        call.toFloatArray(), put.toFloatArray());
            }
        }
    }

    /** Writes a few contracts around a spot of 100 as the three input files. */
    public static void writeSample(Path dir) throws IOException {
        Files.createDirectories(dir);
        float[] strike = {80, 90, 100, 110, 120, 100};
        float[] years = {0.5f, 0.5f, 1, 1, 2, 0.25f};
        float[] spot = new float[strike.length];
        java.util.Arrays.fill(spot, 100);
        write(dir.resolve("spot.npy"), spot);
        write(dir.resolve("strike.npy"), strike);
        write(dir.resolve("years.npy"), years);
    }

    private static void write(Path file, float[] values) throws IOException {
        try (Tensor t = Tensor.of(values, values.length)) {
            t.toNpy(file);
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (NoSuchFileException e) {
            exit("no such file: " + e.getFile());
        } catch (IOException | IllegalArgumentException e) {
            // Malformed .npy files and shapes that do not fit the pipeline, in the runtime's words.
            exit(e.getMessage());
        }
    }

    private static void exit(String message) {
        System.err.println("error: " + message);
        System.exit(1);
    }

    private static void run(String[] args) throws IOException {
        Path dir;
        if (args.length > 0) {
            dir = Path.of(args[0]);
        } else {
            dir = Files.createTempDirectory("tmc-option-pricing");
            writeSample(dir);
            System.out.println("wrote sample inputs to " + dir);
        }
        Prices p = price(Device.cpu(), dir);
        System.out.println("    spot  strike  years      call       put");
        for (int i = 0; i < p.call().length; i++) {
            System.out.printf(Locale.ROOT, "%8.2f %7.2f %6.2f %9.4f %9.4f%n",
                    p.spot()[i], p.strike()[i], p.years()[i], p.call()[i], p.put()[i]);
        }
        System.out.println("wrote " + dir.resolve("call.npy") + " and " + dir.resolve("put.npy"));
    }
}
