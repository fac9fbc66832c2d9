// Test support: spells the AST as s-expressions, so parser tests can state trees in one line.
package dev.tmc.compiler.parse;

import dev.tmc.compiler.ast.Arg;
import dev.tmc.compiler.ast.CompilationUnit;
import dev.tmc.compiler.ast.Decl;
import dev.tmc.compiler.ast.DimRef;
import dev.tmc.compiler.ast.Expr;
import dev.tmc.compiler.ast.Stmt;
import dev.tmc.compiler.ast.TypeRef;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Ints print bare ({@code 1}), floats as Java doubles ({@code 1.0}, {@code 1.0E-6}), operators
 * prefix ({@code (+ a b)}), casts {@code (as x f16)}, calls {@code (call f x axis=1)}, indexing
 * {@code (index x (: 1 _ _))} with {@code _} for an omitted part, lists {@code [a b]}.
 */
final class AstPrinter {
    private AstPrinter() {
    }

    static String print(CompilationUnit unit) {
        StringJoiner out = new StringJoiner("\n");
        unit.packageName().ifPresent(p -> out.add("(package " + p + ")"));
        unit.precision().ifPresent(p -> out.add(stmt(p)));
        unit.decls().forEach(d -> out.add(decl(d)));
        return out.toString();
    }

    static String decl(Decl d) {
        if (d instanceof Decl.Fn f) {
            StringJoiner params = new StringJoiner(" ", "(", ")");
            f.params().forEach(p -> params.add(p.name() + p.defaultValue().map(v -> "=" + expr(v)).orElse("")));
            return "(fn " + f.name() + " " + params + body(f.body()) + ")";
        }
        Decl.Pipeline p = (Decl.Pipeline) d;
        StringJoiner params = new StringJoiner(" ", "(", ")");
        p.params().forEach(x -> params.add(x.name() + ":" + type(x.type())
                + x.defaultValue().map(v -> "=" + expr(v)).orElse("")));
        StringJoiner outputs = new StringJoiner(" ", p.namedOutputs() ? "(" : "", p.namedOutputs() ? ")" : "");
        p.outputs().forEach(o -> outputs.add(o.name() + ":" + type(o.type())));
        return "(pipeline " + p.name() + " " + params + " -> " + outputs + body(p.body()) + ")";
    }

    private static String body(List<Stmt> stmts) {
        StringBuilder out = new StringBuilder();
        stmts.forEach(s -> out.append(' ').append(stmt(s)));
        return out.toString();
    }

    static String stmt(Stmt s) {
        if (s instanceof Stmt.Let l) {
            return "(let " + l.name() + " " + expr(l.value()) + ")";
        }
        if (s instanceof Stmt.Return r) {
            return "(return " + expr(r.value()) + ")";
        }
        return "(precision " + ((Stmt.Precision) s).profile() + ")";
    }

    static String type(TypeRef t) {
        if (t.dims().isEmpty()) {
            return t.dtype();
        }
        StringJoiner dims = new StringJoiner(" ", "[", "]");
        t.dims().get().forEach(d -> dims.add(dim(d)));
        return t.dtype() + dims;
    }

    private static String dim(DimRef d) {
        if (d instanceof DimRef.Literal l) {
            return Long.toString(l.value());
        }
        if (d instanceof DimRef.Symbol s) {
            return s.name();
        }
        DimRef.Arith a = (DimRef.Arith) d;
        return "(" + a.op() + " " + dim(a.left()) + " " + dim(a.right()) + ")";
    }

    static String expr(Expr e) {
        if (e instanceof Expr.IntLit i) {
            return Long.toString(i.value());
        }
        if (e instanceof Expr.FloatLit f) {
            return Double.toString(f.value());
        }
        if (e instanceof Expr.BoolLit b) {
            return Boolean.toString(b.value());
        }
        if (e instanceof Expr.Name n) {
            return n.name();
        }
        if (e instanceof Expr.Unary u) {
            return "(" + u.op().spelling() + " " + expr(u.operand()) + ")";
        }
        if (e instanceof Expr.Binary b) {
            return "(" + b.op().spelling() + " " + expr(b.left()) + " " + expr(b.right()) + ")";
        }
        if (e instanceof Expr.Cast c) {
            return "(as " + expr(c.operand()) + " " + c.dtype() + ")";
        }
        if (e instanceof Expr.Call c) {
            return "(call " + c.callee() + args(c.args()) + ")";
        }
        if (e instanceof Expr.Index ix) {
            return "(index " + expr(ix.base()) + args(ix.indices()) + ")";
        }
        if (e instanceof Expr.ListLit l) {
            return "[" + String.join(" ", l.items().stream().map(AstPrinter::expr).toList()) + "]";
        }
        if (e instanceof Expr.Tuple t) {
            return "(tuple " + String.join(" ", t.items().stream().map(AstPrinter::expr).toList()) + ")";
        }
        Expr.Range r = (Expr.Range) e;
        return "(: " + part(r.start()) + " " + part(r.stop()) + " " + part(r.step()) + ")";
    }

    private static String args(List<Arg> args) {
        StringBuilder out = new StringBuilder();
        for (Arg a : args) {
            out.append(' ').append(a.keyword().map(k -> k + "=").orElse("")).append(expr(a.value()));
        }
        return out.toString();
    }

    private static String part(Optional<Expr> e) {
        return e.map(AstPrinter::expr).orElse("_");
    }
}
