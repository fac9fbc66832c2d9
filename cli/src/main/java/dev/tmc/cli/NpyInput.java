// Reads an --input .npy file and converts its values to the parameter's dtype, as a store would.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.io.Npy;
import dev.tmc.runtime.io.NpyArray;
import dev.tmc.runtime.io.NpyFormatException;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

final class NpyInput {
    private NpyInput() {
    }

    /**
     * The array for {@code param}; any readable npy dtype is accepted and rounded to the declared one
     * (f64 to bf16, i64 to i32 saturating, nonzero to true), so inputs need not be pre-converted.
     */
    static HostArray read(GraphParam param, String file) {
        NpyArray array;
        try {
            array = Npy.read(Path.of(file));
        } catch (NpyFormatException e) {
            throw CliError.input(e.getMessage()); // already "FILE: problem"
        } catch (IOException e) {
            throw CliError.cannotRead(file, e);
        } catch (InvalidPathException e) {
            throw CliError.input("cannot read " + file + ": not a valid path (" + e.getReason() + ")");
        }
        long[] shape = array.shape();
        if (shape.length != param.type().rank()) {
            throw CliError.input("input '" + param.name() + "' (" + file + ") has rank " + shape.length + " (shape "
                    + Arrays.toString(shape) + ") but is declared " + param.type());
        }
        DType dtype = param.type().dtype();
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype.round(array.value(i));
        }
        return new HostArray(dtype, shape, values);
    }
}
