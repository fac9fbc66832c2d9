// The CUDA C table for the C-like printer: types, literals and operations as CUDA C (with
// cuda_fp16.h, cuda_bf16.h and the tmc prelude, tmc_prelude.cuh) writes them with the language's
// meaning. f32 math uses the accurate library functions (nvcc without --use_fast_math); f16
// transcendentals evaluate in float and round once; bf16 only converts (LegaliseBFloat moves its
// arithmetic to f32 first). Threadgroups are blocks, simdgroups are warps.
package dev.tmc.codegen.cuda;

import dev.tmc.codegen.cstyle.Form;
import dev.tmc.codegen.cstyle.FormTables;
import dev.tmc.codegen.cstyle.Precedence;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

final class CudaSpelling extends FormTables {
    static final CudaSpelling INSTANCE = new CudaSpelling();

    private static final Map<DType, String> TYPES = new EnumMap<>(Map.of(DType.F32, "float", DType.F16, "__half",
            DType.BF16, "__nv_bfloat16", DType.I32, "int", DType.BOOL, "bool"));

    /** Local name and defining expression of each thread coordinate, declared at a kernel's top. */
    static final Map<ThreadAxis, String[]> THREAD_COORDINATES = new EnumMap<>(Map.of(
            ThreadAxis.THREAD_IN_GRID, new String[] {"gid", "(int)(blockIdx.x * blockDim.x + threadIdx.x)"},
            ThreadAxis.THREADGROUP_IN_GRID, new String[] {"tgid", "(int)blockIdx.x"},
            ThreadAxis.THREAD_IN_THREADGROUP, new String[] {"tid", "(int)threadIdx.x"},
            ThreadAxis.SIMDGROUP_IN_THREADGROUP, new String[] {"sgid", "(int)(threadIdx.x / warpSize)"},
            ThreadAxis.THREAD_IN_SIMDGROUP, new String[] {"lane", "(int)(threadIdx.x % warpSize)"}));

    private static final String H2F = "__half2float";
    private static final String BF2F = "__bfloat162float";


    private CudaSpelling() {
        unaryTable();
        binaryTable();
        conversionTable();
        for (DType t : new DType[] {DType.F32, DType.F16, DType.I32}) {
            simd.get(t).put(Combine.SUM, new Form.Call("tmc_warp_sum"));
            simd.get(t).put(Combine.PROD, new Form.Call("tmc_warp_product"));
            simd.get(t).put(Combine.MAX, new Form.Call("tmc_warp_max"));
            simd.get(t).put(Combine.MIN, new Form.Call("tmc_warp_min"));
        }
        simd.get(DType.BOOL).put(Combine.MAX, new Form.Call("tmc_warp_max")); // any lane
        simd.get(DType.BOOL).put(Combine.MIN, new Form.Call("tmc_warp_min")); // all lanes
    }

    private void unaryTable() {
        for (DType t : new DType[] {DType.F32, DType.I32}) {
            unary.get(t).put(UnaryFn.NEG, new Form.Prefix("-"));
            unary.get(t).put(UnaryFn.NOT, new Form.Prefix("!"));
            unary.get(t).put(UnaryFn.SIGN, new Form.Call("tmc_sign"));
        }
        Map<UnaryFn, Form> h = unary.get(DType.F16);
        h.put(UnaryFn.NEG, new Form.Prefix("-"));
        h.put(UnaryFn.NOT, new Form.Pattern("(" + H2F + "($0) == 0.0f)"));
        h.put(UnaryFn.SIGN, new Form.Call("tmc_sign"));
        unary.get(DType.BOOL).put(UnaryFn.NOT, new Form.Prefix("!"));
        Map<UnaryFn, Form> i = unary.get(DType.I32);
        i.put(UnaryFn.ABS, new Form.Call("tmc_abs"));
        i.put(UnaryFn.FLOOR, new Form.Same());
        i.put(UnaryFn.CEIL, new Form.Same());
        i.put(UnaryFn.ROUND, new Form.Same());
        Map<UnaryFn, String> f32 = new EnumMap<>(UnaryFn.class);
        f32.put(UnaryFn.ABS, "fabsf");
        f32.put(UnaryFn.FLOOR, "floorf");
        f32.put(UnaryFn.CEIL, "ceilf");
        f32.put(UnaryFn.ROUND, "rintf"); // half to even
        f32.put(UnaryFn.EXP, "expf");
        f32.put(UnaryFn.EXP2, "exp2f");
        f32.put(UnaryFn.LOG, "logf");
        f32.put(UnaryFn.LOG2, "log2f");
        f32.put(UnaryFn.SQRT, "sqrtf");
        f32.put(UnaryFn.RSQRT, "rsqrtf");
        f32.put(UnaryFn.SIN, "sinf");
        f32.put(UnaryFn.COS, "cosf");
        f32.put(UnaryFn.TANH, "tanhf");
        f32.put(UnaryFn.LOG1P, "tmc_log1p");
        f32.put(UnaryFn.SIGMOID, "tmc_sigmoid");
        // CUDA's erff (2 ulp, the platform's bound, as expf's): one branch-free polynomial, where the
        // Metal prelude's fit (1 ulp) evaluates two; H100 gelu_bias 0.112 -> 0.105 ms.
        f32.put(UnaryFn.ERF, "erff");
        f32.forEach((fn, f) -> {
            unary.get(DType.F32).put(fn, new Form.Call(f));
            unary.get(DType.F16).put(fn, new Form.Pattern("__float2half_rn(" + f + "(" + H2F + "($0)))"));
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
            if (t == DType.F16) { // __half has no conversion to bool: nonzero, NaN included, is true
                m.put(BinaryFn.AND, new Form.Pattern("(" + H2F + "($0) != 0.0f && " + H2F + "($1) != 0.0f)"));
                m.put(BinaryFn.OR, new Form.Pattern("(" + H2F + "($0) != 0.0f || " + H2F + "($1) != 0.0f)"));
            } else {
                m.put(BinaryFn.AND, new Form.Infix("&&", Precedence.LOGICAL_AND));
                m.put(BinaryFn.OR, new Form.Infix("||", Precedence.LOGICAL_OR));
            }
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
            m.put(BinaryFn.DIV, integer ? new Form.Call("tmc_div") : t == DType.F16 ? new Form.Call("tmc_hdiv")
                    : new Form.Infix("/", Precedence.MULTIPLICATIVE));
            m.put(BinaryFn.MIN, new Form.Call(integer ? "min" : "tmc_min"));
            m.put(BinaryFn.MAX, new Form.Call(integer ? "max" : "tmc_max"));
        }
    }

    /** From every dtype to every other: exact widenings as intrinsics, roundings once, to nearest even. */
    private void conversionTable() {
        putConversion(DType.F16, DType.F32, H2F + "($0)");
        putConversion(DType.BF16, DType.F32, BF2F + "($0)");
        putConversion(DType.I32, DType.F32, "((float)($0))");
        putConversion(DType.BOOL, DType.F32, "(($0) ? 1.0f : 0.0f)");
        putConversion(DType.F32, DType.F16, "__float2half_rn($0)");
        putConversion(DType.BF16, DType.F16, "__float2half_rn(" + BF2F + "($0))");
        putConversion(DType.I32, DType.F16, "__int2half_rn($0)");
        putConversion(DType.BOOL, DType.F16, "__float2half_rn(($0) ? 1.0f : 0.0f)");
        putConversion(DType.F32, DType.BF16, "__float2bfloat16_rn($0)");
        putConversion(DType.F16, DType.BF16, "__float2bfloat16_rn(" + H2F + "($0))");
        putConversion(DType.I32, DType.BF16, "__int2bfloat16_rn($0)");
        putConversion(DType.BOOL, DType.BF16, "__float2bfloat16_rn(($0) ? 1.0f : 0.0f)");
        putConversion(DType.F32, DType.I32, "tmc_float_to_int($0)");
        putConversion(DType.F16, DType.I32, "tmc_float_to_int(" + H2F + "($0))");
        putConversion(DType.BF16, DType.I32, "tmc_float_to_int(" + BF2F + "($0))");
        putConversion(DType.BOOL, DType.I32, "((int)($0))");
        putConversion(DType.F32, DType.BOOL, "(($0) != 0.0f)"); // nonzero, NaN included, is true
        putConversion(DType.F16, DType.BOOL, "(" + H2F + "($0) != 0.0f)");
        putConversion(DType.BF16, DType.BOOL, "(" + BF2F + "($0) != 0.0f)");
        putConversion(DType.I32, DType.BOOL, "(($0) != 0)");
    }

    @Override
    public String target() {
        return "CUDA";
    }

    @Override
    public String type(DType type) {
        return TYPES.get(type);
    }

    @Override
    public String literal(DType type, double value) {
        return cLiteral(type, value, "TMC_NAN", "TMC_INFINITY", "__half", "__nv_bfloat16");
    }

    @Override
    public String threadIndex(ThreadAxis axis) {
        return THREAD_COORDINATES.get(axis)[0];
    }

    @Override
    public String barrier() {
        return "__syncthreads();";
    }

    @Override
    public String threadgroupArray(DType type, String name, int length) {
        return "__shared__ " + type(type) + " " + name + "[" + length + "];";
    }

    @Override
    public String localArray(DType type, String name, int length) {
        return type(type) + " " + name + "[" + length + "];";
    }

    /** 16-byte accesses (tmc_load_run, in the prelude): Target.CUDA's vectorBytes. */
    @Override
    public Optional<String> loadRun(String array, String buffer, String first, int length) {
        return Optional.of("tmc_load_run(" + array + ", &" + buffer + "[" + first + "]);");
    }

    @Override
    public Optional<String> loadRunAt(String array, String offset, String buffer, String first, int length) {
        return Optional.of("tmc_load_run_at<" + length + ">(&" + array + "[" + offset + "], &" + buffer + "[" + first + "]);");
    }

    @Override
    public Optional<String> storeRunAt(String buffer, String first, String array, String offset, int length) {
        return Optional.of("tmc_store_run_at<" + length + ">(&" + buffer + "[" + first + "], &" + array + "[" + offset + "]);");
    }

    @Override
    public Optional<String> storeRun(String buffer, String first, String array, int length) {
        return Optional.of("tmc_store_run(&" + buffer + "[" + first + "], " + array + ");");
    }

    @Override
    public Optional<String> unrollHint() {
        return Optional.of("#pragma unroll");
    }

    /**
     * An 8x8 f32 matrix held by a warp as tensor-core fragments (tmc_mat8, in the prelude); f16
     * matrices have none (Target.CUDA only asks for f32 ones).
     */
    @Override
    public Optional<String> simdMatrix(DType type, String name, String fill) {
        if (type != DType.F32) {
            return Optional.empty();
        }
        return Optional.of("tmc_mat8 " + name + " = tmc_mat8_filled(" + fill + ");");
    }

    @Override
    public String simdMatrixLoad(String name, String array, String offset, int stride) {
        return "tmc_mat8_load(" + name + ", &" + array + "[" + offset + "], " + stride + ");";
    }

    @Override
    public String simdMatrixMultiplyAccumulate(String d, String a, String b, String c) {
        return "tmc_mat8_multiply_accumulate(" + d + ", " + a + ", " + b + ", " + c + ");";
    }

    @Override
    public String simdMatrixMultiplyAccumulatePair(String d0, String a0, String c0, String d1, String a1, String c1,
                                                   String b) {
        return "tmc_mat8_multiply_accumulate_pair(" + String.join(", ", d0, a0, c0, d1, a1, c1, b) + ");";
    }

    @Override
    public String simdMatrixStore(String name, String array, String offset, int stride) {
        return "tmc_mat8_store(" + name + ", &" + array + "[" + offset + "], " + stride + ");";
    }

    @Override
    public Optional<String> attention(DType dtype, int rowsPerThreadgroup, String q, String k, String v, String out,
                                      String scale, String heads, String rows, String cols, String headDim) {
        return Optional.of("tmc_attention<" + type(dtype) + ", " + rowsPerThreadgroup + ">(" + String.join(", ",
                q, k, v, out, scale, heads, rows, cols, headDim) + ");");
    }
}
