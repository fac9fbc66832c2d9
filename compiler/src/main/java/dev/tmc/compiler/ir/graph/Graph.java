// A pipeline (or an instantiated fn body) in graph IR: parameters, SSA body in order, outputs.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.source.SourceSpan;

import java.util.ArrayList;
import java.util.List;

public record Graph(String name, List<GraphParam> params, List<Instr> body, List<GraphOutput> outputs,
                    Precision precision, List<DimConstraint> constraints, SourceSpan span) {

    public Graph {
        params = List.copyOf(params);
        body = List.copyOf(body);
        outputs = List.copyOf(outputs);
        constraints = List.copyOf(constraints);
        for (int i = 0; i < body.size(); i++) {
            Instr instr = body.get(i);
            if (instr.id() != i) {
                throw new IllegalArgumentException("instruction " + instr.id() + " at position " + i);
            }
            for (int a : instr.args()) {
                if (a < 0 || a >= i) {
                    throw new IllegalArgumentException("%" + i + " uses %" + a + " which is not defined before it");
                }
            }
        }
        for (GraphOutput o : outputs) {
            if (o.value() < 0 || o.value() >= body.size()) {
                throw new IllegalArgumentException("output " + o.name() + " refers to %" + o.value());
            }
        }
    }

    public Instr instr(int id) {
        return body.get(id);
    }

    public TensorType type(int id) {
        return body.get(id).type();
    }

    public Graph withBody(List<Instr> newBody, List<GraphOutput> newOutputs) {
        return new Graph(name, params, newBody, newOutputs, precision, constraints, span);
    }

    public Graph withPrecision(Precision p) {
        return new Graph(name, params, body, outputs, p, constraints, span);
    }

    /** How many instructions read each value (outputs count as a use). */
    public int[] useCounts() {
        int[] uses = new int[body.size()];
        for (Instr i : body) {
            for (int a : i.args()) {
                uses[a]++;
            }
        }
        for (GraphOutput o : outputs) {
            uses[o.value()]++;
        }
        return uses;
    }

    public List<Integer> parameterIds() {
        List<Integer> ids = new ArrayList<>();
        for (Instr i : body) {
            if (i.op() instanceof Op.Parameter) {
                ids.add(i.id());
            }
        }
        return ids;
    }
}
