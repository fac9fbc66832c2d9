// Java names in a generated pipeline class: its parameters' and outputs' names where Java allows
// them (a reserved word or a clash gets a suffix), and the fixed names the class itself uses.
package dev.tmc.codegen.java;

import com.palantir.javapoet.NameAllocator;
import dev.tmc.compiler.ir.graph.Graph;

import java.util.ArrayList;
import java.util.List;

final class ApiNames {
    /** Names the generated methods use besides the parameters. */
    static final List<String> RESERVED = List.of("method", "executable", "device", "file", "outputs");
    /** Methods every record has, which a component must not shadow. */
    private static final List<String> RECORD_METHODS = List.of("clone", "finalize", "getClass", "hashCode",
            "notify", "notifyAll", "toString", "wait", "equals");

    private final NameAllocator allocator = new NameAllocator();
    private final List<String> params = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();

    ApiNames(Graph g) {
        for (String r : RESERVED) {
            allocator.newName(r, "reserved " + r);
        }
        for (int i = 0; i < g.params().size(); i++) {
            params.add(allocator.newName(g.params().get(i).name(), "param " + i));
        }
        NameAllocator components = new NameAllocator();
        for (String r : RECORD_METHODS) {
            components.newName(r, "reserved " + r);
        }
        for (int i = 0; i < g.outputs().size(); i++) {
            outputs.add(components.newName(g.outputs().get(i).name(), "output " + i));
        }
    }

    /** The Java name of the index-th parameter. */
    String param(int index) {
        return params.get(index);
    }

    /** The Result record component of the index-th output. */
    String output(int index) {
        return outputs.get(index);
    }

    /** A fresh local name, e.g. for a dim or a shape array, unlike every parameter's. */
    String local(String suggestion) {
        return allocator.newName(suggestion);
    }
}
