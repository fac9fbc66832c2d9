// BlackScholes from .npy files against the closed form computed here, and the files it writes.
package dev.tmc.examples.demo;

import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OptionPricingDemoTest {
    private static final double RATE = 0.02;
    private static final double VOL = 0.3;

    @TempDir
    Path dir;

    @Test
    void pricesTheSampleAsTheClosedFormDoes() throws IOException {
        OptionPricingDemo.writeSample(dir);
        OptionPricingDemo.Prices p = OptionPricingDemo.price(Device.cpu(), dir);
        for (int i = 0; i < p.spot().length; i++) {
            double s = p.spot()[i];
            double k = p.strike()[i];
            double t = p.years()[i];
            double d1 = (Math.log(s / k) + (RATE + VOL * VOL / 2) * t) / (VOL * Math.sqrt(t));
            double d2 = d1 - VOL * Math.sqrt(t);
            double discounted = k * Math.exp(-RATE * t);
            double call = s * normCdf(d1) - discounted * normCdf(d2);
            double put = discounted * normCdf(-d2) - s * normCdf(-d1);
            assertEquals(call, p.call()[i], 2e-3, "call " + i);
            assertEquals(put, p.put()[i], 2e-3, "put " + i);
        }
        try (Tensor call = Tensor.fromNpy(dir.resolve("call.npy")); Tensor put = Tensor.fromNpy(dir.resolve("put.npy"))) {
            assertArrayEquals(p.call(), call.toFloatArray());
            assertArrayEquals(p.put(), put.toFloatArray());
        }
    }

    /** Abramowitz and Stegun 7.1.26 (error below 1.5e-7), which Java's library lacks. */
    private static double normCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-z * z);
        return 0.5 * (1 + Math.signum(x) * erf);
    }
}
