// A few words for writing kernel IR by hand in tests: literals, variables, loads, ops.
package dev.tmc.tests.metal;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;

import java.util.List;

final class K {
    private K() {
    }

    static KExpr i(long v) {
        return KExpr.Lit.index(v);
    }

    static KExpr lit(DType t, double v) {
        return new KExpr.Lit(t, v);
    }

    static KExpr.Var var(String name, DType t) {
        return new KExpr.Var(name, t);
    }

    static KExpr.Var ivar(String name) {
        return new KExpr.Var(name, DType.I32);
    }

    static KExpr at(ThreadAxis axis) {
        return new KExpr.ThreadIndex(axis);
    }

    static KExpr load(String buffer, KExpr index, DType t) {
        return new KExpr.Load(buffer, index, t);
    }

    static KExpr un(UnaryFn fn, KExpr x) {
        return new KExpr.Unary(fn, x, fn == UnaryFn.NOT ? DType.BOOL : x.type());
    }

    static KExpr bin(BinaryFn fn, KExpr a, KExpr b) {
        DType t = fn.kind() == BinaryFn.Kind.ARITHMETIC ? a.type() : DType.BOOL;
        return new KExpr.Binary(fn, a, b, t);
    }

    static KExpr add(KExpr a, KExpr b) {
        return bin(BinaryFn.ADD, a, b);
    }

    static KExpr mul(KExpr a, KExpr b) {
        return bin(BinaryFn.MUL, a, b);
    }

    static KExpr lt(KExpr a, KExpr b) {
        return bin(BinaryFn.LT, a, b);
    }

    static KExpr eq(KExpr a, KExpr b) {
        return bin(BinaryFn.EQ, a, b);
    }

    static KExpr convert(KExpr x, DType t) {
        return new KExpr.Convert(x, t);
    }

    static KExpr simd(Combine c, KExpr x) {
        return new KExpr.SimdReduce(c, x, x.type());
    }

    static KStmt declare(String name, KExpr init) {
        return new KStmt.Declare(name, init.type(), init);
    }

    static KStmt assign(String name, KExpr value) {
        return new KStmt.Assign(name, value);
    }

    static KStmt store(String buffer, KExpr index, KExpr value) {
        return new KStmt.Store(buffer, index, value);
    }

    static KStmt loop(String var, KExpr from, KExpr to, KExpr step, List<KStmt> body) {
        return new KStmt.For(var, from, to, step, body, false);
    }

    static KStmt when(KExpr cond, List<KStmt> then) {
        return new KStmt.If(cond, then, List.of());
    }
}
