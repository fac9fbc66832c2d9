// Appends instructions to a graph under construction; the one place that hands out value ids.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;

public final class GraphBuilder {
    private final List<Instr> body = new ArrayList<>();

    public int add(Op op, List<Integer> args, TensorType type, SourceSpan span) {
        return add(op, args, type, type.dtype(), span);
    }

    /** An instruction computed in {@code type.dtype()} but stored as {@code storage}. */
    public int add(Op op, List<Integer> args, TensorType type, DType storage, SourceSpan span) {
        int id = body.size();
        body.add(new Instr(id, op, args, type, storage, span));
        return id;
    }

    /** Copies an instruction from another graph, renumbered, with its operands already mapped. */
    public int copy(Instr instr, List<Integer> mappedArgs) {
        return add(instr.op(), mappedArgs, instr.type(), instr.storage(), instr.span());
    }

    public int add(Op op, TensorType type, SourceSpan span, int... args) {
        List<Integer> list = new ArrayList<>(args.length);
        for (int a : args) {
            list.add(a);
        }
        return add(op, list, type, span);
    }

    public TensorType type(int id) {
        return body.get(id).type();
    }

    public Instr instr(int id) {
        return body.get(id);
    }

    public int size() {
        return body.size();
    }

    public List<Instr> body() {
        return List.copyOf(body);
    }
}
