// The part of a C-like target's spelling table that is a table: for each operand dtype, the Form of
// each unary and binary function, conversion and simd-group combine. A target fills the tables in
// its constructor; a missing entry means the target cannot spell that operation (the printer says so).
package dev.tmc.codegen.cstyle;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.numeric.BFloat16;
import dev.tmc.runtime.numeric.Float16;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;

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

    /** A conversion spelled by a pattern around its operand {@code $0}. */
    protected void putConversion(DType from, DType to, String pattern) {
        convert.get(from).put(to, new Form.Pattern(pattern));
    }

    /**
     * A literal as C-like targets write it: f16 and bf16 wrap the shortest f32 digits that round back
     * to the value in {@code f16Wrap(...)} and {@code bf16Wrap(...)}; NaN and infinity are the
     * target's own names.
     */
    protected static String cLiteral(DType type, double value, String nan, String infinity, String f16Wrap,
                                     String bf16Wrap) {
        switch (type) {
            case BOOL: return value != 0 ? "true" : "false";
            case I32: return value == Integer.MIN_VALUE ? "(-2147483647 - 1)" : Long.toString((long) value);
            case F32: return f32(value, v -> v == value, nan, infinity);
            case F16: return f16Wrap + "(" + f32(value, v -> Float16.toDouble(Float16.fromDouble(v)) == value, nan,
                    infinity) + ")";
            default: return bf16Wrap + "(" + f32(value, v -> BFloat16.toDouble(BFloat16.fromDouble(v)) == value, nan,
                    infinity) + ")";
        }
    }

    private static String f32(double value, DoublePredicate readsBack, String nan, String infinity) {
        if (Double.isNaN(value)) {
            return nan;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? infinity : "-" + infinity;
        }
        return FloatLiterals.shortest(value, readsBack) + "f";
    }
}
