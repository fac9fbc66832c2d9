// Binds a pipeline's symbolic dims from the shapes of its inputs and checks everything the
// compiler left to the call: consistent dims, literal dims, and the graph's dim constraints.
package dev.tmc.compiler.interp;

import dev.tmc.compiler.ir.graph.DimConstraint;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class DimBinding {
    private DimBinding() {
    }

    /** Dim name to size; {@code shapes} holds the actual shape of each parameter, in order. */
    public static Map<String, Long> bind(Graph graph, List<long[]> shapes) throws InputError {
        Map<String, Long> dims = new LinkedHashMap<>();
        Map<String, String> boundBy = new LinkedHashMap<>();
        for (int p = 0; p < graph.params().size(); p++) {
            GraphParam param = graph.params().get(p);
            Shape declared = param.type().shape();
            long[] actual = shapes.get(p);
            if (actual.length != declared.rank()) {
                throw new InputError("input '" + param.name() + "' has rank " + actual.length + " (shape "
                        + Arrays.toString(actual) + ") but is declared " + param.type());
            }
            for (int axis = 0; axis < actual.length; axis++) {
                DimExpr d = declared.dim(axis);
                if (d.isConstant()) {
                    if (d.constant() != actual[axis]) {
                        throw new InputError("input '" + param.name() + "' has size " + actual[axis] + " at axis "
                                + axis + " but is declared " + param.type());
                    }
                    continue;
                }
                String name = d.symbolName();
                Long previous = dims.putIfAbsent(name, actual[axis]);
                if (previous == null) {
                    boundBy.put(name, param.name());
                } else if (previous != actual[axis]) {
                    throw new InputError("input '" + param.name() + "' has size " + actual[axis] + " for dim " + name
                            + " at axis " + axis + ", but input '" + boundBy.get(name) + "' gave " + name + " = "
                            + previous);
                }
            }
        }
        for (DimConstraint c : graph.constraints()) {
            long v = c.nonNegative().evaluate(dims);
            if (v < 0) {
                throw new InputError(c.message() + " (with " + dims + ")");
            }
        }
        return dims;
    }
}
