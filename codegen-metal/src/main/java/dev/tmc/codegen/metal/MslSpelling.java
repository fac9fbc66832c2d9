// The Metal Shading Language table for the C-like printer: types, literals and operations as MSL
// (and the tmc prelude, MslPrelude) writes them with the language's meaning. f32 transcendentals
// use metal::precise::, whatever the compiler's fast-math setting, unless the kernel's math mode is
// fast (the fast profile), then metal::fast::; f16 ones evaluate in float and
// round once; bf16 is a ushort bit pattern that only converts (LegaliseBFloat moves its arithmetic
// to f32 first).
package dev.tmc.codegen.metal;

import dev.tmc.codegen.cstyle.Form;
import dev.tmc.codegen.cstyle.FormTables;
import dev.tmc.codegen.cstyle.Precedence;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.kernel.MathMode;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

final class MslSpelling extends FormTables {
    static final MslSpelling INSTANCE = new MslSpelling(MathMode.PRECISE);
    static final MslSpelling FAST = new MslSpelling(MathMode.FAST);

    /** The table for a kernel of the given math mode. */
    static MslSpelling of(MathMode mode) {
        return mode == MathMode.FAST ? FAST : INSTANCE;
    }

    private static final Map<DType, String> TYPES = new EnumMap<>(Map.of(DType.F32, "float", DType.F16, "half",
            DType.BF16, "ushort", DType.I32, "int", DType.BOOL, "bool"));

    /** Parameter name and attribute of each thread coordinate; the body reads it as an int. */
    static final Map<ThreadAxis, String[]> THREAD_PARAMETERS = new EnumMap<>(Map.of(
            ThreadAxis.THREAD_IN_GRID, new String[] {"gid", "thread_position_in_grid"},
            ThreadAxis.THREADGROUP_IN_GRID, new String[] {"tgid", "threadgroup_position_in_grid"},
            ThreadAxis.THREAD_IN_THREADGROUP, new String[] {"tid", "thread_position_in_threadgroup"},
            ThreadAxis.SIMDGROUP_IN_THREADGROUP, new String[] {"sgid", "simdgroup_index_in_threadgroup"},
            ThreadAxis.THREAD_IN_SIMDGROUP, new String[] {"lane", "thread_index_in_simdgroup"}));


    private final MathMode mathMode;

    private MslSpelling(MathMode mathMode) {
        this.mathMode = mathMode;
        unaryTable();
        binaryTable();
        conversionTable();
        for (DType t : new DType[] {DType.F32, DType.F16, DType.I32}) {
            simd.get(t).put(Combine.SUM, new Form.Call("simd_sum"));
            simd.get(t).put(Combine.PROD, new Form.Call("simd_product"));
            simd.get(t).put(Combine.MAX, new Form.Call("tmc_simd_max"));
            simd.get(t).put(Combine.MIN, new Form.Call("tmc_simd_min"));
        }
    }

    private void unaryTable() {
        for (DType t : new DType[] {DType.F32, DType.F16, DType.I32}) {
            Map<UnaryFn, Form> m = unary.get(t);
            m.put(UnaryFn.NEG, new Form.Prefix("-"));
            m.put(UnaryFn.NOT, new Form.Prefix("!"));
            m.put(UnaryFn.SIGN, new Form.Call("tmc_sign"));
        }
        unary.get(DType.BOOL).put(UnaryFn.NOT, new Form.Prefix("!"));
        Map<UnaryFn, Form> i = unary.get(DType.I32);
        i.put(UnaryFn.ABS, new Form.Call("tmc_abs"));
        i.put(UnaryFn.FLOOR, new Form.Same());
        i.put(UnaryFn.CEIL, new Form.Same());
        i.put(UnaryFn.ROUND, new Form.Same());
        Map<UnaryFn, String> exact = Map.of(UnaryFn.ABS, "abs", UnaryFn.FLOOR, "floor", UnaryFn.CEIL, "ceil",
                UnaryFn.ROUND, "rint"); // rint: half to even
        Map<UnaryFn, String> math = new EnumMap<>(UnaryFn.class);
        for (UnaryFn fn : new UnaryFn[] {UnaryFn.EXP, UnaryFn.EXP2, UnaryFn.LOG, UnaryFn.LOG2, UnaryFn.SQRT,
                UnaryFn.RSQRT, UnaryFn.SIN, UnaryFn.COS, UnaryFn.TANH}) {
            math.put(fn, (mathMode == MathMode.FAST ? "fast::" : "precise::") + fn.spelling());
        }
        math.put(UnaryFn.LOG1P, "tmc_log1p");
        math.put(UnaryFn.SIGMOID, "tmc_sigmoid");
        math.put(UnaryFn.ERF, "tmc_erf");
        exact.forEach((fn, f) -> {
            unary.get(DType.F32).put(fn, new Form.Call(f));
            unary.get(DType.F16).put(fn, new Form.Call(f));
        });
        math.forEach((fn, f) -> {
            unary.get(DType.F32).put(fn, new Form.Call(f));
            unary.get(DType.F16).put(fn, new Form.Pattern("half(" + f + "(float($0)))"));
        });
    }

    private void binaryTable() {
        for (DType t : DType.values()) {
            if (t == DType.BF16) {
                continue;
            }
            Map<BinaryFn, Form> m = binary.get(t);
            m.put(BinaryFn.EQ, new Form.Infix("==", Precedence.EQUALITY));
            m.put(BinaryFn.NE, new Form.Infix("!=", Precedence.EQUALITY));
            m.put(BinaryFn.LT, new Form.Infix("<", Precedence.RELATIONAL));
            m.put(BinaryFn.LE, new Form.Infix("<=", Precedence.RELATIONAL));
            m.put(BinaryFn.GT, new Form.Infix(">", Precedence.RELATIONAL));
            m.put(BinaryFn.GE, new Form.Infix(">=", Precedence.RELATIONAL));
            m.put(BinaryFn.AND, new Form.Infix("&&", Precedence.LOGICAL_AND));
            m.put(BinaryFn.OR, new Form.Infix("||", Precedence.LOGICAL_OR));
            if (t == DType.BOOL) {
                m.put(BinaryFn.MIN, new Form.Infix("&&", Precedence.LOGICAL_AND)); // false < true
                m.put(BinaryFn.MAX, new Form.Infix("||", Precedence.LOGICAL_OR));
                continue;
            }
            m.put(BinaryFn.ADD, new Form.Infix("+", Precedence.ADDITIVE));
            m.put(BinaryFn.SUB, new Form.Infix("-", Precedence.ADDITIVE));
            m.put(BinaryFn.MUL, new Form.Infix("*", Precedence.MULTIPLICATIVE));
            m.put(BinaryFn.MOD, new Form.Call("tmc_mod"));
            m.put(BinaryFn.POW, new Form.Call("tmc_pow"));
            boolean integer = t == DType.I32;
            m.put(BinaryFn.DIV, integer ? new Form.Call("tmc_div") : new Form.Infix("/", Precedence.MULTIPLICATIVE));
            m.put(BinaryFn.MIN, new Form.Call(integer ? "min" : "tmc_min"));
            m.put(BinaryFn.MAX, new Form.Call(integer ? "max" : "tmc_max"));
        }
    }

    /** From every dtype to every other: exact widenings as casts, roundings through the prelude. */
    private void conversionTable() {
        String bf = "tmc_bf16_to_float($0)";
        putConversion(DType.F16, DType.F32, "float($0)");
        putConversion(DType.BF16, DType.F32, bf);
        putConversion(DType.I32, DType.F32, "float($0)");
        putConversion(DType.BOOL, DType.F32, "float($0)");
        putConversion(DType.F32, DType.F16, "half($0)");
        putConversion(DType.BF16, DType.F16, "half(" + bf + ")");
        putConversion(DType.I32, DType.F16, "half($0)");
        putConversion(DType.BOOL, DType.F16, "half($0)");
        putConversion(DType.F32, DType.BF16, "tmc_float_to_bf16($0)");
        putConversion(DType.F16, DType.BF16, "tmc_float_to_bf16(float($0))");
        putConversion(DType.I32, DType.BF16, "tmc_int_to_bf16($0)");
        putConversion(DType.BOOL, DType.BF16, "tmc_float_to_bf16(float($0))");
        putConversion(DType.F32, DType.I32, "tmc_float_to_int($0)");
        putConversion(DType.F16, DType.I32, "tmc_float_to_int(float($0))");
        putConversion(DType.BF16, DType.I32, "tmc_float_to_int(" + bf + ")");
        putConversion(DType.BOOL, DType.I32, "int($0)");
        putConversion(DType.F32, DType.BOOL, "bool($0)"); // nonzero, NaN included, is true
        putConversion(DType.F16, DType.BOOL, "bool($0)");
        putConversion(DType.BF16, DType.BOOL, "bool(" + bf + ")");
        putConversion(DType.I32, DType.BOOL, "bool($0)");
    }

    @Override
    public String target() {
        return "Metal";
    }

    @Override
    public String type(DType type) {
        return TYPES.get(type);
    }

    @Override
    public String literal(DType type, double value) {
        return cLiteral(type, value, "NAN", "INFINITY", "half", "tmc_float_to_bf16");
    }

    @Override
    public String threadIndex(ThreadAxis axis) {
        return "int(" + THREAD_PARAMETERS.get(axis)[0] + ")";
    }

    @Override
    public String barrier() {
        return "threadgroup_barrier(mem_flags::mem_threadgroup);";
    }

    @Override
    public String threadgroupArray(DType type, String name, int length) {
        return "threadgroup " + type(type) + " " + name + "[" + length + "];";
    }

    @Override
    public String localArray(DType type, String name, int length) {
        return type(type) + " " + name + "[" + length + "];";
    }

    @Override
    public Optional<String> unrollHint() {
        return Optional.of("#pragma unroll");
    }

    @Override
    public Optional<String> simdMatrix(DType type, String name, String fill) {
        if (type != DType.F32 && type != DType.F16) {
            return Optional.empty(); // simdgroup_bfloat8x8 needs Metal 3.1; bf16 computes in f32
        }
        String t = "simdgroup_matrix<" + type(type) + ", 8, 8>";
        return Optional.of(t + " " + name + " = make_filled_simdgroup_matrix<" + type(type) + ", 8, 8>(" + fill + ");");
    }

    @Override
    public String simdMatrixLoad(String name, String array, String offset, int stride) {
        return "simdgroup_load(" + name + ", &" + array + "[" + offset + "], " + stride + ");";
    }

    @Override
    public String simdMatrixMultiplyAccumulate(String d, String a, String b, String c) {
        return "simdgroup_multiply_accumulate(" + d + ", " + a + ", " + b + ", " + c + ");";
    }

    @Override
    public String simdMatrixStore(String name, String array, String offset, int stride) {
        return "simdgroup_store(" + name + ", &" + array + "[" + offset + "], " + stride + ");";
    }
}
