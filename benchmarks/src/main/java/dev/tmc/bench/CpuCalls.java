// Calls a pipeline on the CPU backend as a steady caller would: the same input tensors each time,
// outputs closed at once so that their arrays go back to the device's pool.
package dev.tmc.bench;

import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;

import java.util.List;

final class CpuCalls {
    private CpuCalls() {
    }

    /** One call whose outputs are dropped. */
    static void callAndClose(Executable exe, Object[] args) {
        for (Tensor t : exe.call(args)) {
            t.close();
        }
    }

    /** One call; the first output's values as floats. */
    static float[] firstOutput(Executable exe, Object[] args) {
        List<Tensor> outputs = exe.call(args);
        try {
            return outputs.get(0).toFloatArray();
        } finally {
            outputs.forEach(Tensor::close);
        }
    }
}
