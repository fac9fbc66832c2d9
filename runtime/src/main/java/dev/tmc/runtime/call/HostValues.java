// Evaluates a plan's host values (rank-0 values the host computes once per call, e.g. 1/D or
// rsqrt(eps)) with ScalarMath's meaning, rounding every op to its dtype as hardware computing in
// that dtype would.
package dev.tmc.runtime.call;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.numeric.ScalarMath;
import dev.tmc.runtime.plan.HostExpr;

import java.util.List;
import java.util.Map;
import java.util.Set;

public final class HostValues {
    static final Set<String> UNARY = Set.of("neg", "not", "abs", "sign", "floor", "ceil", "round", "exp", "exp2",
            "log", "log2", "log1p", "sqrt", "rsqrt", "sin", "cos", "tanh", "sigmoid", "erf");
    static final Set<String> BINARY = Set.of("add", "sub", "mul", "div", "mod", "pow", "min", "max",
            "eq", "ne", "lt", "le", "gt", "ge", "and", "or");
    /** Unary ops that have an i32 meaning; the others need a float operand. */
    static final Set<String> INTEGER_UNARY = Set.of("neg", "abs", "sign", "floor", "ceil", "round");

    private HostValues() {}

    /**
     * @param scalars the call's parameter values by parameter index, already rounded to their dtypes
     * @param dims    the call's bound dims
     */
    public static double evaluate(HostExpr e, double[] scalars, Map<String, Long> dims) {
        DType dtype = e.dtype();
        if (e instanceof HostExpr.Const c) {
            return dtype.round(c.value());
        }
        if (e instanceof HostExpr.DimValue d) {
            return dtype.round(d.size().evaluate(dims));
        }
        if (e instanceof HostExpr.Param p) {
            return dtype.round(scalars[p.index()]);
        }
        HostExpr.Op op = (HostExpr.Op) e;
        List<HostExpr> args = op.args();
        double x = evaluate(args.get(0), scalars, dims);
        switch (op.op()) {
            case "cast":
                return dtype.round(x);
            case "select":
                return x != 0 ? evaluate(args.get(1), scalars, dims) : evaluate(args.get(2), scalars, dims);
            default:
                break;
        }
        if (args.size() == 1) {
            return dtype == DType.I32 ? integerUnary(op.op(), (int) x) : dtype.round(unary(op.op(), x));
        }
        double y = evaluate(args.get(1), scalars, dims);
        boolean integer = dtype == DType.I32 && args.get(0).dtype() == DType.I32 && args.get(1).dtype() == DType.I32;
        return integer ? integerBinary(op.op(), (int) x, (int) y) : dtype.round(binary(op.op(), x, y));
    }

    static double unary(String op, double x) {
        switch (op) {
            case "neg": return ScalarMath.neg(x);
            case "not": return ScalarMath.not(x);
            case "abs": return ScalarMath.abs(x);
            case "sign": return ScalarMath.sign(x);
            case "floor": return ScalarMath.floor(x);
            case "ceil": return ScalarMath.ceil(x);
            case "round": return ScalarMath.round(x);
            case "exp": return ScalarMath.exp(x);
            case "exp2": return ScalarMath.exp2(x);
            case "log": return ScalarMath.log(x);
            case "log2": return ScalarMath.log2(x);
            case "log1p": return ScalarMath.log1p(x);
            case "sqrt": return ScalarMath.sqrt(x);
            case "rsqrt": return ScalarMath.rsqrt(x);
            case "sin": return ScalarMath.sin(x);
            case "cos": return ScalarMath.cos(x);
            case "tanh": return ScalarMath.tanh(x);
            case "sigmoid": return ScalarMath.sigmoid(x);
            case "erf": return ScalarMath.erf(x);
            default: throw new IllegalArgumentException("unknown unary op " + op);
        }
    }

    static double binary(String op, double x, double y) {
        switch (op) {
            case "add": return ScalarMath.add(x, y);
            case "sub": return ScalarMath.sub(x, y);
            case "mul": return ScalarMath.mul(x, y);
            case "div": return ScalarMath.div(x, y);
            case "mod": return ScalarMath.mod(x, y);
            case "pow": return ScalarMath.pow(x, y);
            case "min": return ScalarMath.min(x, y);
            case "max": return ScalarMath.max(x, y);
            case "eq": return ScalarMath.eq(x, y);
            case "ne": return ScalarMath.ne(x, y);
            case "lt": return ScalarMath.lt(x, y);
            case "le": return ScalarMath.le(x, y);
            case "gt": return ScalarMath.gt(x, y);
            case "ge": return ScalarMath.ge(x, y);
            case "and": return ScalarMath.and(x, y);
            case "or": return ScalarMath.or(x, y);
            default: throw new IllegalArgumentException("unknown binary op " + op);
        }
    }

    private static int integerUnary(String op, int x) {
        switch (op) {
            case "neg": return ScalarMath.neg(x);
            case "abs": return ScalarMath.abs(x);
            case "sign": return ScalarMath.sign(x);
            case "floor": return ScalarMath.floor(x);
            case "ceil": return ScalarMath.ceil(x);
            case "round": return ScalarMath.round(x);
            default: throw new IllegalArgumentException(op + " on i32");
        }
    }

    /** Wrapping arithmetic; what has no integer form (comparisons, logic) truncates the f64 meaning. */
    private static int integerBinary(String op, int x, int y) {
        switch (op) {
            case "add": return ScalarMath.add(x, y);
            case "sub": return ScalarMath.sub(x, y);
            case "mul": return ScalarMath.mul(x, y);
            case "mod": return ScalarMath.mod(x, y);
            case "pow": return ScalarMath.pow(x, y);
            case "min": return ScalarMath.min(x, y);
            case "max": return ScalarMath.max(x, y);
            default: return (int) binary(op, x, y);
        }
    }
}
