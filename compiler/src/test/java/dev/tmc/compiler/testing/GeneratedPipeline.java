// One pipeline of a generated program: its name, the dim sizes it runs with, its parameters, and
// a way to make random inputs for it.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.runtime.DType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * @param dims        the run-time size of each dim the parameters name
 * @param specials    whether inputs include NaN, inf and -0.0
 * @param outputs     the output names, in order
 * @param valueDTypes the dtype the generator expects each returned value to have, before it is
 *                    stored in its output's declared dtype (a check of the generator's type rules)
 */
public record GeneratedPipeline(String name, Map<String, Long> dims, List<ParamSpec> params, boolean specials,
                                List<String> outputs, List<DType> valueDTypes) {

    public GeneratedPipeline {
        dims = Collections.unmodifiableMap(new LinkedHashMap<>(dims));
        params = List.copyOf(params);
        outputs = List.copyOf(outputs);
        valueDTypes = List.copyOf(valueDTypes);
    }

    /** A parameter with its concrete shape; a scalar with a default may be left out of the inputs. */
    public record ParamSpec(String name, DType dtype, List<Long> shape, boolean scalar, boolean hasDefault) {
        public ParamSpec {
            shape = List.copyOf(shape);
        }
    }

    /**
     * Random inputs, keyed by parameter name, the same for the same seed. Floats are mostly small
     * multiples of 1/64 (exact in every float dtype), sometimes arbitrary values rounded to the
     * dtype; integers lie in [-4, 5] so that products and powers stay far from overflow.
     */
    public Map<String, HostArray> inputs(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            if (p.hasDefault() && rnd.nextBoolean()) {
                continue;
            }
            long[] shape = p.shape().stream().mapToLong(Long::longValue).toArray();
            double[] data = new double[Math.toIntExact(HostArray.elementCount(shape))];
            for (int i = 0; i < data.length; i++) {
                data[i] = p.dtype().round(value(rnd, p.dtype()));
            }
            out.put(p.name(), new HostArray(p.dtype(), shape, data));
        }
        return out;
    }

    private double value(SplittableRandom rnd, DType dtype) {
        switch (dtype) {
            case BOOL: return rnd.nextBoolean() ? 1 : 0;
            case I32: return rnd.nextInt(-4, 6);
            default:
                if (specials && rnd.nextDouble() < 0.05) {
                    double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0};
                    return special[rnd.nextInt(special.length)];
                }
                return rnd.nextDouble() < 0.8 ? Math.round(rnd.nextDouble(-3, 3) * 64) / 64.0 : rnd.nextDouble(-3, 3);
        }
    }
}
