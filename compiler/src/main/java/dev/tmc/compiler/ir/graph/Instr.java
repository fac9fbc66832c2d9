// One SSA instruction: value number id = op(args...) : type. Ids equal positions in the body.
// {@code type.dtype()} is the dtype the value is computed in; {@code storage} the dtype it has
// when a kernel writes it to memory. They differ only after precision promotion (f16 values
// computed in f32 are still stored as f16).
package dev.tmc.compiler.ir.graph;

import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.List;

public record Instr(int id, Op op, List<Integer> args, TensorType type, DType storage, SourceSpan span) {

    public Instr {
        args = List.copyOf(args);
    }

    public Instr(int id, Op op, List<Integer> args, TensorType type, SourceSpan span) {
        this(id, op, args, type, type.dtype(), span);
    }

    /** The same instruction over other operands; {@code this} when nothing changed. */
    public Instr withArgs(List<Integer> newArgs) {
        return newArgs.equals(args) ? this : new Instr(id, op, newArgs, type, storage, span);
    }

    public Instr withId(int newId) {
        return newId == id ? this : new Instr(newId, op, args, type, storage, span);
    }

    public int arg(int i) {
        return args.get(i);
    }

    /** The type a value has in memory: its shape with the storage dtype. */
    public TensorType storedType() {
        return type.withDType(storage);
    }
}
