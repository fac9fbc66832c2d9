// The parser's trees: precedence, associativity, literals, arguments, slices and declaration forms.
package dev.tmc.compiler.parse;

import dev.tmc.compiler.ast.CompilationUnit;
import dev.tmc.compiler.ast.Decl;
import dev.tmc.compiler.ast.Expr;
import dev.tmc.compiler.ast.Stmt;
import dev.tmc.compiler.diag.DiagnosticRenderer;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParserTest {

    static CompilationUnit parse(String text) {
        Diagnostics d = new Diagnostics();
        Optional<CompilationUnit> unit = Parser.parse(new SourceFile("t.tm", text), d);
        assertTrue(unit.isPresent(), () -> "does not parse:\n" + DiagnosticRenderer.render(d.all()));
        assertEquals(0, d.all().size(), () -> DiagnosticRenderer.render(d.all()));
        return unit.get();
    }

    /** The expression of {@code fn f() = <text>;}. */
    static Expr expr(String text) {
        Decl.Fn fn = (Decl.Fn) parse("fn f() = " + text + ";").decls().get(0);
        return ((Stmt.Return) fn.body().get(0)).value();
    }

    @ParameterizedTest(name = "{0}  ==>  {1}")
    @CsvSource(delimiterString = "==>", value = {
        "-x ** 2            ==> (- (** x 2))",
        "2 ** 3 ** 2        ==> (** 2 (** 3 2))",
        "2 ** -1            ==> (** 2 (- 1))",
        "a + b as f16       ==> (+ a (as b f16))",
        "-x as f16          ==> (as (- x) f16)",
        "a as f16 * b       ==> (* (as a f16) b)",
        "a @ b + c          ==> (+ (@ a b) c)",
        "a + b @ c          ==> (+ a (@ b c))",
        "a * b @ c          ==> (@ (* a b) c)",
        "a - b - c          ==> (- (- a b) c)",
        "a / b * c % d      ==> (% (* (/ a b) c) d)",
        "a + b * c          ==> (+ a (* b c))",
        "(a + b) * c        ==> (* (+ a b) c)",
        "a + b < c * d      ==> (< (+ a b) (* c d))",
        "a == b + 1         ==> (== a (+ b 1))",
        "a < b && c >= d    ==> (&& (< a b) (>= c d))",
        "a != b || c <= d   ==> (|| (!= a b) (<= c d))",
        "a || b && c        ==> (|| a (&& b c))",
        "a && b || c && d   ==> (|| (&& a b) (&& c d))",
        "!a && b            ==> (&& (! a) b)",
        "!(a && b)          ==> (! (&& a b))",
        "- -x               ==> (- (- x))",
        "x[0] ** 2          ==> (** (index x 0) 2)",
        "-x[0]              ==> (- (index x 0))",
        "f(x)[1:] * 2       ==> (* (index (call f x) (: 1 _ _)) 2)",
        "a > (b > c)        ==> (> a (> b c))",
    })
    void precedenceAndAssociativity(String source, String tree) {
        assertEquals(tree, AstPrinter.expr(expr(source)));
    }

    @ParameterizedTest(name = "{0}  ==>  {1}")
    @CsvSource(delimiterString = "==>", value = {
        "1         ==> 1",
        "1.0       ==> 1.0",
        "1e-6      ==> 1.0E-6",
        "1E3       ==> 1000.0",
        "2.        ==> 2.0",
        ".5        ==> 0.5",
        "1_000     ==> 1000",
        "1_000.25  ==> 1000.25",
        "2.5e+2    ==> 250.0",
        "true      ==> true",
        "false     ==> false",
        "inf       ==> inf",
    })
    void literals(String source, String tree) {
        assertEquals(tree, AstPrinter.expr(expr(source)));
    }

    @Test
    void integerAndFloatLiteralsAreDifferentNodes() {
        assertInstanceOf(Expr.IntLit.class, expr("1"));
        assertInstanceOf(Expr.FloatLit.class, expr("1.0"));
        assertInstanceOf(Expr.FloatLit.class, expr("1e-6"));
        assertEquals(1000, ((Expr.IntLit) expr("1_000")).value());
        assertEquals(1e-6, ((Expr.FloatLit) expr("1e-6")).value());
    }

    @ParameterizedTest(name = "{0}  ==>  {1}")
    @CsvSource(delimiterString = "==>", value = {
        "softmax(x, axis = -1)               ==> (call softmax x axis=(- 1))",
        "sum(x, axis = [0, 1], keepdims = true) ==> (call sum x axis=[0 1] keepdims=true)",
        "layer_norm(x, w, b, eps = 1e-5)     ==> (call layer_norm x w b eps=1.0E-5)",
        "f()                                 ==> (call f)",
        "slice(x, 0:N:2, :)                  ==> (call slice x (: 0 N 2) (: _ _ _))",
        "x[1:, ::2, :-1]                     ==> (index x (: 1 _ _) (: _ _ 2) (: _ (- 1) _))",
        "x[:, 0]                             ==> (index x (: _ _ _) 0)",
        "x[a:b:c]                            ==> (index x (: a b c))",
        "x[N - 1]                            ==> (index x (- N 1))",
        "x[1:N-1][0]                         ==> (index (index x (: 1 (- N 1) _)) 0)",
        "[]                                  ==> []",
        "[1, 2, 3]                           ==> [1 2 3]",
        "(a, b)                              ==> (tuple a b)",
        "(a)                                 ==> a",
    })
    void callsSlicesListsAndTuples(String source, String tree) {
        assertEquals(tree, AstPrinter.expr(expr(source)));
    }

    @Test
    void fnExpressionFormIsAReturn() {
        CompilationUnit unit = parse("fn gelu(x, k = 0.5) = k * x;");
        assertEquals("(fn gelu (x k=0.5) (return (* k x)))", AstPrinter.print(unit));
    }

    @Test
    void fnBlockFormKeepsItsStatements() {
        CompilationUnit unit = parse("fn softmax2(x, axis = -1) {\n  let e = exp(x);\n  return e / sum(e, axis = axis);\n}");
        assertEquals("(fn softmax2 (x axis=(- 1)) (let e (call exp x)) (return (/ e (call sum e axis=axis))))",
                AstPrinter.print(unit));
    }

    @Test
    void pipelineSignatures() {
        CompilationUnit unit = parse("package com.acme.ml;\nprecision fast;\n"
                + "pipeline P(x: bf16[N, D], s: f32[], eps: f32 = 1e-6, k: i32 = -1) -> f32[N * 2 + 1] {\n"
                + "  precision strict;\n  return x;\n}\n"
                + "pipeline Q(x: f32[N]) -> (y: f16[N], m: f32[]) { return (x, sum(x)); }");
        assertEquals("(package com.acme.ml)\n(precision fast)\n"
                + "(pipeline P (x:bf16[N D] s:f32[] eps:f32=1.0E-6 k:i32=(- 1)) -> out:f32[(+ (* N 2) 1)]"
                + " (precision strict) (return x))\n"
                + "(pipeline Q (x:f32[N]) -> (y:f16[N] m:f32[]) (return (tuple x (call sum x))))",
                AstPrinter.print(unit));
        Decl.Pipeline p = unit.pipelines().get(0);
        assertTrue(p.params().get(2).type().isScalar(), "f32 is a scalar");
        assertTrue(!p.params().get(1).type().isScalar(), "f32[] is a rank-0 tensor");
        assertTrue(!p.namedOutputs());
        assertTrue(unit.pipelines().get(1).namedOutputs());
    }

    @Test
    void dimArithmeticFollowsPrecedence() {
        Decl.Pipeline p = parse("pipeline P(x: f32[N]) -> f32[N - 2 * D / 4, (N + 1) / 2] { return x; }").pipelines().get(0);
        assertEquals("f32[(- N (/ (* 2 D) 4)) (/ (+ N 1) 2)]", AstPrinter.type(p.outputs().get(0).type()));
    }

    @Test
    void commentsAreSkipped() {
        assertEquals("(+ a b)", AstPrinter.expr(expr("a /* inner */ + // to the end\n b")));
    }

    @Test
    void spansPointAtTheSource() {
        String text = "pipeline P(x: f32[N]) -> f32[N] {\n  let total = x + sum(x);\n  return total;\n}";
        Decl.Pipeline p = parse(text).pipelines().get(0);
        Stmt.Let let = (Stmt.Let) p.body().get(0);
        assertSpan(text, let.nameSpan(), "total", 2, 7);
        assertSpan(text, let.span(), "let total = x + sum(x);", 2, 3);
        Expr.Binary add = (Expr.Binary) let.value();
        assertSpan(text, add.opSpan(), "+", 2, 17);
        assertSpan(text, add.span(), "x + sum(x)", 2, 15);
        Expr.Call sum = (Expr.Call) add.right();
        assertSpan(text, sum.calleeSpan(), "sum", 2, 19);
        assertSpan(text, p.nameSpan(), "P", 1, 10);
        assertSpan(text, p.params().get(0).type().dtypeSpan(), "f32", 1, 15);
    }

    private static void assertSpan(String text, SourceSpan span, String covered, int line, int column) {
        assertEquals(covered, text.substring(span.start(), span.end()));
        assertEquals(line + ":" + column, span.line() + ":" + span.column());
    }

    @Test
    void syntaxErrorsGiveNoTree() {
        Diagnostics d = new Diagnostics();
        assertTrue(Parser.parse(new SourceFile("t.tm", "fn f(x) = x +;"), d).isEmpty());
        assertEquals(1, d.errorCount());
    }

    @Test
    void slowPathStillParsesValidPrograms() {
        // Index, call and keyword arguments with nested ranges exercise prediction beyond SLL's easy cases.
        assertEquals("(index (call f x=(index y (: _ _ _))) (: 1 _ _))",
                AstPrinter.expr(expr("f(x = y[:])[1:]")));
    }
}
