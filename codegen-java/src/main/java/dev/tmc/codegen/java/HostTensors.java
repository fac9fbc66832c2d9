// Runs a pipeline on a runtime device with host arrays (the reference interpreter's values) in and
// out: how `tmc run --device cpu` and the differential tests call the CPU backend.
package dev.tmc.codegen.java;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class HostTensors {
    private HostTensors() {
    }

    /**
     * Calls {@code executable} with {@code inputs} (by parameter name; a scalar left out takes its
     * default) and returns the outputs by name, in declaration order.
     *
     * @throws IllegalArgumentException when inputs are missing or do not fit the declaration
     */
    public static Map<String, HostArray> call(Executable executable, Graph g, Map<String, HostArray> inputs) {
        return call(executable, g, inputs, Device.cpu());
    }

    /** As {@link #call(Executable, Graph, Map)}, for an executable of {@code device}: inputs are copied there first. */
    public static Map<String, HostArray> call(Executable executable, Graph g, Map<String, HostArray> inputs,
                                              Device device) {
        return callRepeatedly(executable, g, inputs, device, 1).get(0);
    }

    /**
     * Calls {@code executable} {@code times} times on the same input tensors (copied to
     * {@code device} once), closing each call's outputs before the next, as a loop over a pipeline
     * does; the outputs of each call, in order.
     */
    public static List<Map<String, HostArray>> callRepeatedly(Executable executable, Graph g,
                                                             Map<String, HostArray> inputs, Device device, int times) {
        List<Object> args = new ArrayList<>();
        List<Tensor> owned = new ArrayList<>();
        try {
            for (GraphParam p : g.params()) {
                HostArray in = inputs.get(p.name());
                if (p.scalar()) {
                    args.add(in == null ? null : scalar(p.type().dtype(), in));
                } else {
                    if (in == null) {
                        throw new IllegalArgumentException("missing input '" + p.name() + "'");
                    }
                    Tensor t = tensor(p.type().dtype(), in);
                    if (device != Device.cpu()) {
                        try (Tensor host = t) {
                            t = host.to(device);
                        }
                    }
                    owned.add(t);
                    args.add(t);
                }
            }
            List<Map<String, HostArray>> calls = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                List<Tensor> outputs = executable.call(args.toArray());
                try {
                    Map<String, HostArray> out = new LinkedHashMap<>();
                    for (int k = 0; k < outputs.size(); k++) {
                        out.put(g.outputs().get(k).name(), host(outputs.get(k)));
                    }
                    calls.add(out);
                } finally {
                    outputs.forEach(Tensor::close);
                }
            }
            return calls;
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    /** A scalar argument as the runtime takes it: a Number, or a Boolean for bool. */
    static Object scalar(DType dtype, HostArray value) {
        double v = value.data()[0];
        switch (dtype) {
            case BOOL: return v != 0;
            case I32: return (int) v;
            default: return v; // a Double: the runtime rounds it once to the dtype, as the reference does
        }
    }

    /** A CPU tensor of {@code dtype} holding {@code a}'s values (converted as a store would). */
    public static Tensor tensor(DType dtype, HostArray a) {
        double[] d = a.data();
        long[] shape = a.shape();
        switch (dtype) {
            case I32: {
                int[] ints = new int[d.length];
                for (int i = 0; i < d.length; i++) {
                    ints[i] = (int) d[i];
                }
                return Tensor.ofInts(ints, shape);
            }
            case BOOL: {
                boolean[] bools = new boolean[d.length];
                for (int i = 0; i < d.length; i++) {
                    bools[i] = d[i] != 0;
                }
                return Tensor.ofBooleans(bools, shape);
            }
            default: {
                // Values of another float dtype would round twice through float; the callers' are exact.
                float[] floats = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    floats[i] = (float) d[i];
                }
                return Tensor.of(dtype, floats, shape);
            }
        }
    }

    /** The tensor's values on the host, exactly (every element type fits a double). */
    public static HostArray host(Tensor t) {
        double[] d = new double[Math.toIntExact(t.size())];
        switch (t.dtype()) {
            case I32: {
                int[] ints = t.toIntArray();
                for (int i = 0; i < d.length; i++) {
                    d[i] = ints[i];
                }
                break;
            }
            case BOOL: {
                boolean[] bools = t.toBooleanArray();
                for (int i = 0; i < d.length; i++) {
                    d[i] = bools[i] ? 1 : 0;
                }
                break;
            }
            default: {
                float[] floats = t.toFloatArray();
                for (int i = 0; i < d.length; i++) {
                    d[i] = floats[i];
                }
            }
        }
        return new HostArray(t.dtype(), t.shape(), d);
    }
}
