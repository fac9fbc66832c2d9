// Calls a generated pipeline class the way a user does: load(Device), then the call overload that
// takes only the tensors, with host arrays copied to the device first and the outputs read back.
package dev.tmc.tests;

import dev.tmc.codegen.java.HostTensors;
import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class GeneratedCalls {
    private GeneratedCalls() {
    }

    /** The outputs of {@code pipeline} (a generated class of graph {@code g}) on {@code device}, by name. */
    static Map<String, HostArray> call(Class<?> pipeline, Graph g, Map<String, HostArray> inputs, Device device)
            throws Exception {
        List<GraphParam> tensors = g.params().stream().filter(p -> !p.scalar()).toList();
        Method call = Arrays.stream(pipeline.getMethods())
                .filter(m -> m.getName().equals("call") && m.getParameterCount() == tensors.size()).findFirst()
                .orElseThrow(() -> new AssertionError(g.name() + " has no call taking only its tensors"));
        Object loaded = pipeline.getMethod("load", Device.class).invoke(null, device);
        List<Tensor> owned = new ArrayList<>();
        try {
            for (GraphParam p : tensors) {
                Tensor host = HostTensors.tensor(p.type().dtype(), inputs.get(p.name()));
                if (device == Device.cpu()) {
                    owned.add(host);
                } else {
                    try (host) {
                        owned.add(host.to(device));
                    }
                }
            }
            Object result = call.invoke(loaded, owned.toArray());
            List<Tensor> outputs = new ArrayList<>();
            if (result instanceof Tensor t) {
                outputs.add(t);
            } else {
                for (RecordComponent c : result.getClass().getRecordComponents()) {
                    outputs.add((Tensor) c.getAccessor().invoke(result));
                }
            }
            owned.addAll(outputs);
            return host(g, outputs);
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    /** A call's output tensors read back to host arrays, by the graph's output names. */
    private static Map<String, HostArray> host(Graph g, List<Tensor> outputs) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (int k = 0; k < outputs.size(); k++) {
            out.put(g.outputs().get(k).name(), HostTensors.host(outputs.get(k)));
        }
        return out;
    }
}
