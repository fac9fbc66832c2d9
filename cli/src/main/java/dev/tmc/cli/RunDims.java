// The sizes of a pipeline's symbolic dims for one run: given by --dim, or read off the .npy inputs.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.shape.DimExpr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class RunDims {
    private RunDims() {
    }

    /** The symbolic dims of the pipeline's parameters, in order of first appearance. */
    static Set<String> declared(Graph pipeline) {
        Set<String> names = new LinkedHashSet<>();
        for (GraphParam p : pipeline.params()) {
            for (DimExpr d : p.type().shape().dims()) {
                names.addAll(d.symbols());
            }
        }
        return names;
    }

    /**
     * The given dims plus those the .npy inputs bind. A given dim that an input contradicts is an
     * input error; inputs that contradict each other are left to the call's own dim check, which
     * says which two disagree.
     */
    static Map<String, Long> bind(Graph pipeline, Map<String, Long> given, Map<String, HostArray> npyInputs) {
        Map<String, Long> dims = new LinkedHashMap<>(given);
        for (GraphParam p : pipeline.params()) {
            HostArray array = npyInputs.get(p.name());
            if (array == null) {
                continue;
            }
            long[] shape = array.shape();
            for (int axis = 0; axis < shape.length; axis++) {
                DimExpr d = p.type().shape().dim(axis);
                if (!d.isSymbol()) {
                    continue;
                }
                String name = d.symbolName();
                Long size = given.get(name);
                if (size != null && size != shape[axis]) {
                    throw CliError.input("--dim " + name + "=" + size + " contradicts input '" + p.name()
                            + "', whose shape " + Arrays.toString(shape) + " gives " + name + " = " + shape[axis]
                            + " (axis " + axis + " of " + p.type() + ")");
                }
                dims.putIfAbsent(name, shape[axis]);
            }
        }
        return dims;
    }

    /** The concrete shape of a generated input; a dim nothing binds is a usage error that says how to bind it. */
    static long[] shapeOf(GraphParam param, Map<String, Long> dims) {
        List<DimExpr> declared = param.type().shape().dims();
        long[] shape = new long[declared.size()];
        for (int axis = 0; axis < shape.length; axis++) {
            DimExpr d = declared.get(axis);
            for (String symbol : d.symbols()) {
                if (!dims.containsKey(symbol)) {
                    throw CliError.usage("dim " + symbol + " of input '" + param.name() + "' is unknown; give --dim "
                            + symbol + "=SIZE");
                }
            }
            shape[axis] = evaluate(param, d, dims);
        }
        try {
            if (HostArray.elementCount(shape) <= Integer.MAX_VALUE - 8) {
                return shape;
            }
        } catch (ArithmeticException overflow) {
            // falls through to the same message
        }
        throw CliError.input("input '" + param.name() + "' would have shape " + Arrays.toString(shape)
                + ", more elements than the reference interpreter holds");
    }

    private static long evaluate(GraphParam param, DimExpr d, Map<String, Long> dims) {
        try {
            long size = d.evaluate(dims);
            if (size >= 0) {
                return size;
            }
        } catch (ArithmeticException overflow) {
            // reported below
        }
        throw CliError.input("dim " + d + " of input '" + param.name() + "' has no valid size with " + dims);
    }
}
