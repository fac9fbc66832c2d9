// One SSA instruction: value number id = op(args...) : type. Ids equal positions in the body.
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.source.SourceSpan;

import java.util.List;

public record Instr(int id, Op op, List<Integer> args, TensorType type, SourceSpan span) {

    public Instr {
        args = List.copyOf(args);
    }

    /** The same instruction over other operands; {@code this} when nothing changed. */
    public Instr withArgs(List<Integer> newArgs) {
        return newArgs.equals(args) ? this : new Instr(id, op, newArgs, type, span);
    }

    public Instr withId(int newId) {
        return newId == id ? this : new Instr(newId, op, args, type, span);
    }

    public int arg(int i) {
        return args.get(i);
    }
}
