// Writes run's outputs as DIR/<output-name>.npy in the closest dtype NumPy has.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.io.Npy;
import dev.tmc.runtime.io.NpyArray;
import dev.tmc.runtime.io.NpyType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

final class OutputFiles {
    private OutputFiles() {
    }

    static void write(Path dir, Map<String, HostArray> outputs) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CliError.cannotWrite(dir, e);
        }
        for (Map.Entry<String, HostArray> output : outputs.entrySet()) {
            Path file = dir.resolve(output.getKey() + ".npy");
            HostArray array = output.getValue();
            try {
                Npy.write(file, new NpyArray(npyType(array.dtype()), array.shape(), array.data()));
            } catch (IOException e) {
                throw CliError.cannotWrite(file, e);
            }
        }
    }

    /** NumPy has no bf16: bf16 values go out as f32, which holds each of them exactly. */
    static NpyType npyType(DType dtype) {
        switch (dtype) {
            case F32: case BF16: return NpyType.F4;
            case F16: return NpyType.F2;
            case I32: return NpyType.I4;
            case BOOL: return NpyType.B1;
            default: throw new AssertionError(dtype);
        }
    }
}
