// How kernel IR reads in Java for the CPU backend: the Java table of the shared C-like printer
// (dev.tmc.codegen.cstyle). Locals: float for f32, f16 and bf16 (a 16-bit value is held exactly,
// as the float of the same value), int for i32, boolean for bool. Buffers: float[], short[]
// (f16/bf16 bits), int[], byte[] (bool as 0/1).
//
// f16 and bf16 arithmetic is computed in float and rounded to the type after every operation, as
// the IR rounds. For + - * / and sqrt that is exact: float has at least 2p+2 significant bits for
// either type (24 >= 2*11+2), so rounding the float result again gives the correctly rounded 16-bit
// result. Functions that float cannot compute exactly (exp, pow, ...) are computed in double and
// rounded once, straight to the 16-bit type, as the reference does.
package dev.tmc.codegen.java;

import dev.tmc.codegen.cstyle.CStyleSpelling;
import dev.tmc.codegen.cstyle.FloatLiterals;
import dev.tmc.codegen.cstyle.Form;
import dev.tmc.codegen.cstyle.Precedence;
import dev.tmc.compiler.diag.InternalCompilerError;
import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

final class JavaSpelling implements CStyleSpelling {
    static final String MATH = "ScalarMath";
    static final String BLOCK_MATH = "BlockMath";
    static final String LANE_REDUCTIONS = "LaneReductions";
    /** Rounds a double straight to f16 (generated next to the kernels when used). */
    static final String ROUND_F16 = "roundF16";
    static final String ROUND_BF16 = "roundBF16";

    /** The loop variable of the threadgroups a call runs; each threadgroup is one thread. */
    static final String THREADGROUP = "tg";

    private static final Form X = new Form.Operand(0);
    private static final Form Y = new Form.Operand(1);
    private static final Form ZERO = new Form.Text("0");
    private static final Form ONE = new Form.Text("1");

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
    public String target() {
        return "Java";
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
    public String literal(DType type, double value) {
        switch (kind(type)) {
            case FLOAT: return floatLiteral(value);
            case INT: return intLiteral(value);
            default:
                // Lowering starts bool max/min reductions from the integer identities -2^31 and
                // 2^31-1, which the IR orders below and above both bools: false and true.
                return value > 0 ? "true" : "false";
        }
    }

    /** A float literal for {@code value}, which a float holds exactly (f32, f16 and bf16 values all do). */
    private static String floatLiteral(double value) {
        if (Double.isNaN(value)) {
            return "Float.NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        }
        if ((float) value != value) {
            throw new InternalCompilerError("literal " + value + " is not a float");
        }
        return FloatLiterals.shortest(value, v -> v == value) + "f";
    }

    private static String intLiteral(double value) {
        if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InternalCompilerError("literal " + value + " is not an i32");
        }
        int i = (int) value;
        return i == Integer.MIN_VALUE ? "Integer.MIN_VALUE" : Integer.toString(i); // 2147483648 is no Java literal
    }

    @Override
    public String threadIndex(ThreadAxis axis) {
        switch (axis) {
            case THREAD_IN_GRID: case THREADGROUP_IN_GRID: return THREADGROUP;
            case THREAD_IN_THREADGROUP: return "0";
            default: throw notOnCpu(axis.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public Form load(DType type) {
        switch (type) {
            case F16: return math("fromF16Bits");
            case BF16: return math("fromBF16Bits");
            case BOOL: return new Form.Infix("!=", Precedence.EQUALITY, X, ZERO);
            default: return new Form.Same();
        }
    }

    @Override
    public Form store(DType type) {
        switch (type) {
            case F16: return math("toF16Bits");
            case BF16: return math("toBF16Bits");
            case BOOL: return new Form.Prefix("(byte) ", new Form.Conditional(X, ONE, ZERO));
            default: return new Form.Same();
        }
    }

    @Override
    public Optional<Form> unary(UnaryFn fn, DType operand) {
        switch (kind(operand)) {
            case BOOL:
                return fn == UnaryFn.NOT ? Optional.of(new Form.Prefix("!")) : Optional.empty();
            case INT:
                switch (fn) {
                    case NEG: return Optional.of(new Form.Prefix("-")); // wraps, as i32 does
                    case ABS: return Optional.of(new Form.Call("Math.abs"));
                    case SIGN: return Optional.of(new Form.Call("Integer.signum"));
                    case FLOOR: case CEIL: case ROUND: return Optional.of(new Form.Same());
                    default: return Optional.empty();
                }
            default:
                return floatUnary(fn, operand);
        }
    }

    private Optional<Form> floatUnary(UnaryFn fn, DType type) {
        switch (fn) {
            case NEG: return Optional.of(new Form.Prefix("-"));
            case ABS: return Optional.of(new Form.Call("Math.abs"));
            // The results of these are values of the operand's type: no rounding in any float type.
            case SIGN: case FLOOR: case CEIL: case ROUND: return Optional.of(math(fn.spelling()));
            case NOT: return Optional.empty();
            default:
                if (type == DType.F32) {
                    return Optional.of(math(fn.spelling())); // the f64 meaning rounded once to float
                }
                if (fn == UnaryFn.SQRT) {
                    return Optional.of(roundTo(type, math("sqrt")));
                }
                return Optional.of(roundDirect(type, math(fn.spelling(), widened(X))));
        }
    }

    @Override
    public Optional<Form> binary(BinaryFn fn, DType operand) {
        switch (fn.kind()) {
            case COMPARISON:
                return Optional.of(comparison(fn, operand));
            case LOGICAL:
                return Optional.of(new Form.Infix(fn == BinaryFn.AND ? "&&" : "||",
                        fn == BinaryFn.AND ? Precedence.LOGICAL_AND : Precedence.LOGICAL_OR,
                        converted(operand, DType.BOOL, X), converted(operand, DType.BOOL, Y)));
            default:
                switch (kind(operand)) {
                    case FLOAT: return Optional.of(floatArithmetic(fn, operand));
                    case INT: return Optional.of(intArithmetic(fn));
                    default: return boolArithmetic(fn);
                }
        }
    }

    private Form comparison(BinaryFn fn, DType operand) {
        Form a = X;
        Form b = Y;
        if (kind(operand) == Kind.BOOL && fn != BinaryFn.EQ && fn != BinaryFn.NE) {
            a = converted(DType.BOOL, DType.I32, a); // false < true, as 0 < 1
            b = converted(DType.BOOL, DType.I32, b);
        }
        switch (fn) {
            case EQ: return new Form.Infix("==", Precedence.EQUALITY, a, b);
            case NE: return new Form.Infix("!=", Precedence.EQUALITY, a, b);
            case LT: return new Form.Infix("<", Precedence.RELATIONAL, a, b);
            case LE: return new Form.Infix("<=", Precedence.RELATIONAL, a, b);
            case GT: return new Form.Infix(">", Precedence.RELATIONAL, a, b);
            default: return new Form.Infix(">=", Precedence.RELATIONAL, a, b);
        }
    }

    private Form floatArithmetic(BinaryFn fn, DType type) {
        switch (fn) {
            case ADD: return roundTo(type, new Form.Infix("+", Precedence.ADDITIVE));
            case SUB: return roundTo(type, new Form.Infix("-", Precedence.ADDITIVE));
            case MUL: return roundTo(type, new Form.Infix("*", Precedence.MULTIPLICATIVE));
            case DIV: return roundTo(type, new Form.Infix("/", Precedence.MULTIPLICATIVE));
            // x % y is exact and the one addition that floors it is exact in double, so float then f16 is too
            case MOD: return roundTo(type, math("mod"));
            // Java's min and max on floats propagate NaN and order -0 below +0, as the language does
            case MIN: return new Form.Call("Math.min");
            case MAX: return new Form.Call("Math.max");
            default: // POW
                return type == DType.F32 ? math("pow") : roundDirect(type, math("pow", widened(X), widened(Y)));
        }
    }

    private Form intArithmetic(BinaryFn fn) {
        switch (fn) {
            case ADD: return new Form.Infix("+", Precedence.ADDITIVE); // Java's int wraps, as i32 does
            case SUB: return new Form.Infix("-", Precedence.ADDITIVE);
            case MUL: return new Form.Infix("*", Precedence.MULTIPLICATIVE);
            case MOD: return math("mod");
            case POW: return math("pow");
            case MIN: return new Form.Call("Math.min");
            case MAX: return new Form.Call("Math.max");
            default: // DIV: true division, then the cast to i32
                return new Form.Prefix("(int) ", new Form.Infix("/", Precedence.MULTIPLICATIVE, widened(X), Y));
        }
    }

    private static Optional<Form> boolArithmetic(BinaryFn fn) {
        switch (fn) {
            case MIN: return Optional.of(new Form.Infix("&", Precedence.BITWISE_AND));
            case MAX: return Optional.of(new Form.Infix("|", Precedence.BITWISE_OR));
            default: return Optional.empty();
        }
    }

    @Override
    public Optional<Form> convert(DType from, DType to) {
        return Optional.of(from == to ? new Form.Same() : converted(from, to, X));
    }

    /** {@code x}, a value of {@code from}, as {@code to}, with the language's cast semantics. */
    private Form converted(DType from, DType to, Form x) {
        if (from == to) {
            return x;
        }
        switch (kind(to)) {
            case BOOL:
                return kind(from) == Kind.BOOL ? x : new Form.Infix("!=", Precedence.EQUALITY, x, ZERO);
            case INT:
                if (kind(from) == Kind.BOOL) {
                    return new Form.Conditional(x, ONE, ZERO);
                }
                // Java's cast truncates, saturates and maps NaN to 0: the language's cast exactly
                return new Form.Prefix("(int) ", x);
            default:
                return toFloat(from, to, x);
        }
    }

    /** {@code x} of {@code from} (any type) as the float type {@code to}. */
    private Form toFloat(DType from, DType to, Form x) {
        switch (kind(from)) {
            case BOOL:
                return new Form.Conditional(x, new Form.Text(literal(to, 1)), new Form.Text(literal(to, 0)));
            case INT:
                if (to == DType.BF16) {
                    return roundDirect(to, widened(x)); // (float) x would round first
                }
                // int to float rounds only beyond 2^24, where an f16 is infinite anyway
                return roundTo(to, new Form.Prefix("(float) ", x));
            default:
                return to == DType.F32 ? x : roundTo(to, x); // a 16-bit value is exact as a float
        }
    }

    /** {@code x}, a float expression, rounded to a 16-bit type (f32: as it is). */
    private Form roundTo(DType type, Form x) {
        switch (type) {
            case F16: return math("f16", x);
            case BF16: return math("bf16", x);
            default: return x;
        }
    }

    /** {@code x}, a double expression, rounded once to a 16-bit type. */
    private Form roundDirect(DType type, Form x) {
        String helper = type == DType.F16 ? ROUND_F16 : ROUND_BF16;
        used.add(helper);
        return new Form.Call(helper, x);
    }

    private static Form widened(Form x) {
        return new Form.Prefix("(double) ", x);
    }

    /** A ScalarMath function of {@code args}; none: of the operation's operands. */
    private Form math(String function, Form... args) {
        used.add(MATH);
        return new Form.Call(MATH + "." + function, List.of(args));
    }

    @Override
    public Optional<Form> simdReduce(Combine combine, DType type) {
        return Optional.empty(); // CPU threadgroups have one thread: lowering never asks
    }

    @Override
    public String barrier() {
        throw notOnCpu("a barrier");
    }

    @Override
    public String threadgroupArray(DType type, String name, int length) {
        return localArray(type, name, length);
    }

    @Override
    public String localArray(DType type, String name, int length) {
        return type(type) + "[] " + name + " = new " + type(type) + "[" + length + "];";
    }

    /** BlockMath computes exp and erf of f32 over an array range, with the same bits as ScalarMath's. */
    @Override
    public Optional<String> arrayMap(UnaryFn fn, String array, String from, String to) {
        if (fn != UnaryFn.EXP && fn != UnaryFn.ERF) {
            return Optional.empty();
        }
        used.add(BLOCK_MATH);
        return Optional.of(BLOCK_MATH + "." + fn.name().toLowerCase(java.util.Locale.ROOT) + "(" + array + ", " + from
                + ", " + to + ");");
    }

    /** BlockMath rounds a strip of floats to f16 values, with the same bits as ScalarMath.f16. */
    @Override
    public Optional<String> arrayRound(DType type, String array, String from, String to) {
        if (type != DType.F16) {
            return Optional.empty();
        }
        used.add(BLOCK_MATH);
        return Optional.of(BLOCK_MATH + ".roundF16(" + array + ", " + from + ", " + to + ");");
    }

    /** LaneReductions combines a strip into lane accumulators, each in order, with or without SIMD: the same bits. */
    @Override
    public Optional<String> arrayReduce(Combine combine, String lanes, String array, String from, String to) {
        if (combine == Combine.PROD) {
            return Optional.empty();
        }
        used.add(LANE_REDUCTIONS);
        return Optional.of(LANE_REDUCTIONS + "." + combine.name().toLowerCase(java.util.Locale.ROOT) + "(" + lanes
                + ", " + array + ", " + from + ", " + to + ");");
    }

    /**
     * BlockMath converts a strip of f16 bits to floats and back, with the same bits as ScalarMath's; an f32 strip is
     * copied.
     */
    @Override
    public Optional<String> loadStrip(DType type, String array, String buffer, String first, String length) {
        if (type == DType.F32) {
            return Optional.of("System.arraycopy(" + buffer + ", " + first + ", " + array + ", 0, " + length + ");");
        }
        if (type != DType.F16) {
            return Optional.empty();
        }
        used.add(BLOCK_MATH);
        return Optional.of(BLOCK_MATH + ".fromF16(" + buffer + ", " + first + ", " + array + ", 0, " + length + ");");
    }

    @Override
    public Optional<String> storeStrip(DType type, String buffer, String first, String array, String length) {
        if (type == DType.F32) {
            return Optional.of("System.arraycopy(" + array + ", 0, " + buffer + ", " + first + ", " + length + ");");
        }
        if (type != DType.F16) {
            return Optional.empty();
        }
        used.add(BLOCK_MATH);
        return Optional.of(BLOCK_MATH + ".toF16(" + array + ", 0, " + buffer + ", " + first + ", " + length + ");");
    }

    @Override
    public Optional<String> unrollHint() {
        return Optional.empty();
    }

    @Override
    public Optional<String> simdMatrix(DType type, String name, String fill) {
        return Optional.empty();
    }

    @Override
    public String simdMatrixLoad(String name, String array, String offset, int stride) {
        throw notOnCpu("a simdgroup matrix");
    }

    @Override
    public String simdMatrixMultiplyAccumulate(String d, String a, String b, String c) {
        throw notOnCpu("a simdgroup matrix");
    }

    @Override
    public String simdMatrixStore(String name, String array, String offset, int stride) {
        throw notOnCpu("a simdgroup matrix");
    }

    @Override
    public String comment(String line) {
        return ("// " + JavaText.commentText(line)).strip();
    }

    private static InternalCompilerError notOnCpu(String what) {
        return new InternalCompilerError(what + " in a CPU kernel: CPU threadgroups have one thread and no simdgroups");
    }

    private enum Kind { FLOAT, INT, BOOL }

    private static Kind kind(DType type) {
        return type.isFloat() ? Kind.FLOAT : type == DType.I32 ? Kind.INT : Kind.BOOL;
    }
}
