// The values of an --input NAME=rand:SEED: a pure function of seed, dtype and shape.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.runtime.DType;

import java.util.SplittableRandom;

final class RandomInput {
    private RandomInput() {
    }

    /** Floats uniform in [-1, 1) rounded to the dtype, i32 uniform in [-10, 10], bools 50/50. */
    static HostArray generate(long seed, DType dtype, long[] shape) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(HostArray.elementCount(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = next(random, dtype);
        }
        return new HostArray(dtype, shape, values);
    }

    private static double next(SplittableRandom random, DType dtype) {
        if (dtype.isFloat()) {
            return dtype.round(random.nextDouble(-1.0, 1.0));
        }
        if (dtype.isInteger()) {
            return random.nextInt(-10, 11);
        }
        return random.nextBoolean() ? 1 : 0;
    }
}
