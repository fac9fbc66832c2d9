// User code in src/main/java that calls a generated pipeline class with no extra configuration.
package it.good;

import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;

public final class Probabilities {
    private Probabilities() {
    }

    /** softmax(2 * x) of each row of a rows x cols matrix, on the CPU device. */
    public static float[] of(float[] x, int rows, int cols) {
        ScaledSoftmax softmax = ScaledSoftmax.load(Device.cpu());
        try (Tensor in = Tensor.of(x, rows, cols); Tensor out = softmax.call(in)) {
            return out.toFloatArray();
        }
    }
}
