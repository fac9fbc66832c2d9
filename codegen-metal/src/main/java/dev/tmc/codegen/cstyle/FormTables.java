// The part of a C-like target's spelling table that is a table: for each operand dtype, the Form of
// each unary and binary function, conversion and simd-group combine. A target fills the tables in
// its constructor; a missing entry means the target cannot spell that operation (the printer says so).
package dev.tmc.codegen.cstyle;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.runtime.DType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

public abstract class FormTables implements CStyleSpelling {
    protected final Map<DType, Map<UnaryFn, Form>> unary = new EnumMap<>(DType.class);
    protected final Map<DType, Map<BinaryFn, Form>> binary = new EnumMap<>(DType.class);
    protected final Map<DType, Map<DType, Form>> convert = new EnumMap<>(DType.class);
    protected final Map<DType, Map<Combine, Form>> simd = new EnumMap<>(DType.class);

    protected FormTables() {
        for (DType t : DType.values()) {
            unary.put(t, new EnumMap<>(UnaryFn.class));
            binary.put(t, new EnumMap<>(BinaryFn.class));
            convert.put(t, new EnumMap<>(DType.class));
            simd.put(t, new EnumMap<>(Combine.class));
        }
    }

    @Override
    public Optional<Form> unary(UnaryFn fn, DType operand) {
        return Optional.ofNullable(unary.get(operand).get(fn));
    }

    @Override
    public Optional<Form> binary(BinaryFn fn, DType operand) {
        return Optional.ofNullable(binary.get(operand).get(fn));
    }

    @Override
    public Optional<Form> convert(DType from, DType to) {
        return Optional.ofNullable(convert.get(from).get(to));
    }

    @Override
    public Optional<Form> simdReduce(Combine combine, DType type) {
        return Optional.ofNullable(simd.get(type).get(combine));
    }
}
