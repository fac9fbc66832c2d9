// How kernel IR reads in Java for the CPU backend. Locals: float for f32, f16 and bf16 (a 16-bit
// value is held exactly, as the float of the same value), int for i32, boolean for bool. Buffers:
// float[], short[] (f16/bf16 bits), int[], byte[] (bool as 0/1).
//
// f16 and bf16 arithmetic is computed in float and rounded to the type after every operation, as
// the IR rounds. For + - * / and sqrt that is exact: float has at least 2p+2 significant bits for
// either type (24 >= 2*11+2), so rounding the float result again gives the correctly rounded 16-bit
// result. Functions that float cannot compute exactly (exp, pow, ...) are computed in double and
// rounded once, straight to the 16-bit type, as the reference does.
package dev.tmc.codegen.java;

import dev.tmc.codegen.java.clike.CLikeSpelling;
import dev.tmc.codegen.java.clike.Code;
import dev.tmc.codegen.java.clike.Precedence;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;

import java.util.Set;
import java.util.TreeSet;

final class JavaSpelling implements CLikeSpelling {
    static final String MATH = "ScalarMath";
    /** Rounds a double straight to f16 (generated next to the kernels when used). */
    static final String ROUND_F16 = "roundF16";
    static final String ROUND_BF16 = "roundBF16";

    /** The loop variable of the threadgroups a call runs; each threadgroup is one thread. */
    static final String THREADGROUP = "tg";

    /** What the printed code refers to: ScalarMath and the direct-rounding helpers. */
    private final Set<String> used = new TreeSet<>();

    Set<String> used() {
        return Set.copyOf(used);
    }

    /** The Java element type of a buffer of {@code dtype}. */
    static String bufferElement(DType dtype) {
        switch (dtype) {
            case F32: return "float";
            case F16: case BF16: return "short";
            case I32: return "int";
            default: return "byte";
        }
    }

    @Override
    public String type(DType type) {
        switch (kind(type)) {
            case FLOAT: return "float";
            case INT: return "int";
            default: return "boolean";
        }
    }

    @Override
    public Code literal(DType type, double value) {
        switch (kind(type)) {
            case FLOAT: return JavaLiterals.floatLiteral(value);
            case INT: return JavaLiterals.intLiteral(value);
            default:
                // Lowering starts bool max/min reductions from the integer identities -2^31 and
                // 2^31-1, which the IR orders below and above both bools: false and true.
                return Code.primary(value > 0 ? "true" : "false");
        }
    }

    @Override
    public Code threadIndex(ThreadAxis axis) {
        switch (axis) {
            case THREAD_IN_GRID: case THREADGROUP_IN_GRID: return Code.primary(THREADGROUP);
            case THREAD_IN_THREADGROUP: return Code.primary("0");
            default: throw notOnCpu(axis.name().toLowerCase());
        }
    }

    @Override
    public Code load(String buffer, Code index, DType type) {
        Code element = Code.primary(buffer + "[" + index.text() + "]");
        switch (type) {
            case F16: return math("fromF16Bits", element);
            case BF16: return math("fromBF16Bits", element);
            case BOOL: return Code.infix(element, "!=", Precedence.EQUALITY, Code.primary("0"));
            default: return element;
        }
    }

    @Override
    public String store(String buffer, Code index, DType type, Code value) {
        String element = buffer + "[" + index.text() + "] = ";
        switch (type) {
            case F16: return element + math("toF16Bits", value).text();
            case BF16: return element + math("toBF16Bits", value).text();
            case BOOL: return element + "(byte) (" + Code.conditional(value, Code.primary("1"), Code.primary("0")).text() + ")";
            default: return element + value.text();
        }
    }

    @Override
    public Code unary(UnaryFn fn, DType type, DType operand, Code x) {
        sameKind(fn.spelling(), type, operand);
        switch (kind(type)) {
            case BOOL:
                if (fn != UnaryFn.NOT) {
                    throw new InternalCompilerError(fn.spelling() + " on bool");
                }
                return Code.prefix("!", x);
            case INT:
                switch (fn) {
                    case NEG: return Code.prefix("-", x); // wraps, as i32 does
                    case ABS: return Code.call("Math.abs", x);
                    case SIGN: return Code.call("Integer.signum", x);
                    case FLOOR: case CEIL: case ROUND: return x;
                    default: throw new InternalCompilerError(fn.spelling() + " on i32");
                }
            default:
                return floatUnary(fn, type, x);
        }
    }

    private Code floatUnary(UnaryFn fn, DType type, Code x) {
        switch (fn) {
            case NEG: return Code.prefix("-", x);
            case ABS: return Code.call("Math.abs", x);
            // The results of these are values of the operand's type: no rounding in any float type.
            case SIGN: case FLOOR: case CEIL: case ROUND: return math(fn.spelling(), x);
            case NOT: throw new InternalCompilerError("not on " + type);
            default:
                if (type == DType.F32) {
                    return math(fn.spelling(), x); // the f64 meaning rounded once to float
                }
                if (fn == UnaryFn.SQRT) {
                    return roundTo(type, math("sqrt", x));
                }
                return roundDirect(type, math(fn.spelling(), Code.prefix("(double) ", x)));
        }
    }

    @Override
    public Code binary(BinaryFn fn, DType type, DType left, DType right, Code a, Code b) {
        if (kind(left) != kind(right)) {
            throw new InternalCompilerError(fn.spelling() + " of " + left + " and " + right);
        }
        switch (fn.kind()) {
            case COMPARISON: return comparison(fn, left, a, b);
            case LOGICAL:
                return Code.infix(convert(left, DType.BOOL, a), fn == BinaryFn.AND ? "&&" : "||",
                        fn == BinaryFn.AND ? Precedence.LOGICAL_AND : Precedence.LOGICAL_OR, convert(right, DType.BOOL, b));
            default:
                sameKind(fn.spelling(), type, left);
                switch (kind(type)) {
                    case FLOAT: return floatArithmetic(fn, type, a, b);
                    case INT: return intArithmetic(fn, a, b);
                    default: return boolArithmetic(fn, a, b);
                }
        }
    }

    private Code comparison(BinaryFn fn, DType operand, Code a, Code b) {
        if (kind(operand) == Kind.BOOL && fn != BinaryFn.EQ && fn != BinaryFn.NE) {
            a = convert(DType.BOOL, DType.I32, a); // false < true, as 0 < 1
            b = convert(DType.BOOL, DType.I32, b);
        }
        switch (fn) {
            case EQ: return Code.infix(a, "==", Precedence.EQUALITY, b);
            case NE: return Code.infix(a, "!=", Precedence.EQUALITY, b);
            case LT: return Code.infix(a, "<", Precedence.RELATIONAL, b);
            case LE: return Code.infix(a, "<=", Precedence.RELATIONAL, b);
            case GT: return Code.infix(a, ">", Precedence.RELATIONAL, b);
            default: return Code.infix(a, ">=", Precedence.RELATIONAL, b);
        }
    }

    private Code floatArithmetic(BinaryFn fn, DType type, Code a, Code b) {
        switch (fn) {
            case ADD: return roundTo(type, Code.infix(a, "+", Precedence.ADDITIVE, b));
            case SUB: return roundTo(type, Code.infix(a, "-", Precedence.ADDITIVE, b));
            case MUL: return roundTo(type, Code.infix(a, "*", Precedence.MULTIPLICATIVE, b));
            case DIV: return roundTo(type, Code.infix(a, "/", Precedence.MULTIPLICATIVE, b));
            // x % y is exact and the one addition that floors it is exact in double, so float then f16 is too
            case MOD: return roundTo(type, math("mod", a, b));
            // Java's min and max on floats propagate NaN and order -0 below +0, as the language does
            case MIN: return Code.call("Math.min", a, b);
            case MAX: return Code.call("Math.max", a, b);
            default: // POW
                return type == DType.F32 ? math("pow", a, b)
                        : roundDirect(type, math("pow", Code.prefix("(double) ", a), Code.prefix("(double) ", b)));
        }
    }

    private Code intArithmetic(BinaryFn fn, Code a, Code b) {
        switch (fn) {
            case ADD: return Code.infix(a, "+", Precedence.ADDITIVE, b); // Java's int wraps, as i32 does
            case SUB: return Code.infix(a, "-", Precedence.ADDITIVE, b);
            case MUL: return Code.infix(a, "*", Precedence.MULTIPLICATIVE, b);
            case MOD: return math("mod", a, b);
            case POW: return math("pow", a, b);
            case MIN: return Code.call("Math.min", a, b);
            case MAX: return Code.call("Math.max", a, b);
            default: // DIV: true division, then the cast to i32
                return Code.prefix("(int) ", Code.infix(Code.prefix("(double) ", a), "/", Precedence.MULTIPLICATIVE, b));
        }
    }

    private static Code boolArithmetic(BinaryFn fn, Code a, Code b) {
        switch (fn) {
            case MIN: return Code.infix(a, "&", Precedence.BITWISE_AND, b);
            case MAX: return Code.infix(a, "|", Precedence.BITWISE_OR, b);
            default: throw new InternalCompilerError(fn.spelling() + " on bool");
        }
    }

    @Override
    public Code convert(DType from, DType to, Code x) {
        if (from == to) {
            return x;
        }
        switch (kind(to)) {
            case BOOL:
                return kind(from) == Kind.BOOL ? x : Code.infix(x, "!=", Precedence.EQUALITY, Code.primary("0"));
            case INT:
                if (kind(from) == Kind.BOOL) {
                    return Code.conditional(x, Code.primary("1"), Code.primary("0"));
                }
                // Java's cast truncates, saturates and maps NaN to 0: the language's cast exactly
                return Code.prefix("(int) ", x);
            default:
                return toFloat(from, to, x);
        }
    }

    private Code toFloat(DType from, DType to, Code x) {
        switch (kind(from)) {
            case BOOL:
                return Code.conditional(x, literal(to, 1), literal(to, 0));
            case INT:
                if (to == DType.BF16) {
                    return roundDirect(to, Code.prefix("(double) ", x)); // (float) x would round first
                }
                // int to float rounds only beyond 2^24, where an f16 is infinite anyway
                return roundTo(to, Code.prefix("(float) ", x));
            default:
                return to == DType.F32 ? x : roundTo(to, x); // a 16-bit value is exact as a float
        }
    }

    /** {@code x}, a float expression, rounded to a 16-bit type (f32: as it is). */
    private Code roundTo(DType type, Code x) {
        switch (type) {
            case F16: return math("f16", x);
            case BF16: return math("bf16", x);
            default: return x;
        }
    }

    /** {@code x}, a double expression, rounded once to a 16-bit type. */
    private Code roundDirect(DType type, Code x) {
        String helper = type == DType.F16 ? ROUND_F16 : ROUND_BF16;
        used.add(helper);
        return Code.call(helper, x);
    }

    private Code math(String function, Code... args) {
        used.add(MATH);
        return Code.call(MATH + "." + function, args);
    }

    @Override
    public Code simdReduce(Combine combine, DType type, Code x) {
        throw notOnCpu("simd_" + combine.name().toLowerCase());
    }

    @Override
    public String array(String name, DType type, int length, boolean threadgroup) {
        return type(type) + "[] " + name + " = new " + type(type) + "[" + length + "]";
    }

    @Override
    public String comment(String text) {
        return ("// " + JavaText.commentText(text)).strip();
    }

    @Override
    public String special(KStmt s) {
        throw notOnCpu(s.getClass().getSimpleName());
    }

    private static InternalCompilerError notOnCpu(String what) {
        return new InternalCompilerError(what + " in a CPU kernel: CPU threadgroups have one thread and no simdgroups");
    }

    private enum Kind { FLOAT, INT, BOOL }

    private static Kind kind(DType type) {
        return type.isFloat() ? Kind.FLOAT : type == DType.I32 ? Kind.INT : Kind.BOOL;
    }

    private static void sameKind(String op, DType result, DType operand) {
        if (kind(result) != kind(operand)) {
            throw new InternalCompilerError(op + " of " + operand + " giving " + result + " needs a conversion first");
        }
    }
}
