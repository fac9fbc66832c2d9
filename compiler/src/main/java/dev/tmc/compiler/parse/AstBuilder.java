// Turns an error-free ANTLR parse tree into tmc's own immutable AST with source spans.
package dev.tmc.compiler.parse;

import dev.tmc.compiler.ast.Arg;
import dev.tmc.compiler.ast.BinaryOperator;
import dev.tmc.compiler.ast.CompilationUnit;
import dev.tmc.compiler.ast.Decl;
import dev.tmc.compiler.ast.DimRef;
import dev.tmc.compiler.ast.Expr;
import dev.tmc.compiler.ast.Stmt;
import dev.tmc.compiler.ast.TypeRef;
import dev.tmc.compiler.ast.UnaryOperator;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.grammar.TmParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class AstBuilder {
    private final SourceFile file;
    private final Diagnostics diagnostics;

    AstBuilder(SourceFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    CompilationUnit file(TmParser.FileContext ctx) {
        Optional<String> pkg = Optional.ofNullable(ctx.packageDecl()).map(p -> p.qualifiedName().getText());
        Optional<Stmt.Precision> precision = Optional.ofNullable(ctx.precisionDecl())
                .map(p -> new Stmt.Precision(p.IDENT().getText(), span(p.IDENT()), span(p)));
        List<Decl> decls = new ArrayList<>();
        for (TmParser.DeclContext d : ctx.decl()) {
            decls.add(d.fnDecl() != null ? fn(d.fnDecl()) : pipeline(d.pipelineDecl()));
        }
        return new CompilationUnit(file, pkg, precision, decls);
    }

    private Decl.Fn fn(TmParser.FnDeclContext ctx) {
        List<Decl.FnParam> params = new ArrayList<>();
        for (TmParser.FnParamContext p : ctx.fnParam()) {
            params.add(new Decl.FnParam(p.IDENT().getText(), Optional.ofNullable(p.expr()).map(this::expr), span(p)));
        }
        List<Stmt> body;
        if (ctx.block() != null) {
            body = block(ctx.block());
        } else {
            Expr value = expr(ctx.expr());
            body = List.of(new Stmt.Return(value, value.span()));
        }
        return new Decl.Fn(ctx.IDENT().getText(), span(ctx.IDENT()), params, body, span(ctx));
    }

    private Decl.Pipeline pipeline(TmParser.PipelineDeclContext ctx) {
        List<Decl.Param> params = new ArrayList<>();
        for (TmParser.ParamContext p : ctx.param()) {
            params.add(new Decl.Param(p.IDENT().getText(), span(p.IDENT()), type(p.typeRef()),
                    Optional.ofNullable(p.expr()).map(this::expr), span(p)));
        }
        List<Decl.Output> outputs = new ArrayList<>();
        boolean named = ctx.outputs() instanceof TmParser.NamedOutputsContext;
        if (named) {
            for (TmParser.NamedOutputContext o : ((TmParser.NamedOutputsContext) ctx.outputs()).namedOutput()) {
                outputs.add(new Decl.Output(o.IDENT().getText(), type(o.typeRef()), span(o)));
            }
        } else {
            TmParser.SingleOutputContext o = (TmParser.SingleOutputContext) ctx.outputs();
            outputs.add(new Decl.Output("out", type(o.typeRef()), span(o)));
        }
        return new Decl.Pipeline(ctx.IDENT().getText(), span(ctx.IDENT()), params, outputs, named,
                block(ctx.block()), span(ctx));
    }

    private TypeRef type(TmParser.TypeRefContext ctx) {
        Optional<List<DimRef>> dims = Optional.empty();
        if (ctx.LBRACK() != null) {
            List<DimRef> list = new ArrayList<>();
            for (TmParser.DimContext d : ctx.dim()) {
                list.add(dim(d));
            }
            dims = Optional.of(list);
        }
        return new TypeRef(ctx.IDENT().getText(), span(ctx.IDENT()), dims, span(ctx));
    }

    private DimRef dim(TmParser.DimContext ctx) {
        if (ctx instanceof TmParser.ParenDimContext p) {
            return dim(p.dim());
        }
        if (ctx instanceof TmParser.MulDimContext m) {
            return new DimRef.Arith(m.op.getText().charAt(0), dim(m.dim(0)), dim(m.dim(1)), span(ctx));
        }
        if (ctx instanceof TmParser.AddDimContext a) {
            return new DimRef.Arith(a.op.getText().charAt(0), dim(a.dim(0)), dim(a.dim(1)), span(ctx));
        }
        if (ctx instanceof TmParser.LiteralDimContext l) {
            return new DimRef.Literal(integer(l.INT().getSymbol()), span(ctx));
        }
        return new DimRef.Symbol(((TmParser.SymbolDimContext) ctx).IDENT().getText(), span(ctx));
    }

    private List<Stmt> block(TmParser.BlockContext ctx) {
        List<Stmt> stmts = new ArrayList<>();
        for (TmParser.StmtContext s : ctx.stmt()) {
            stmts.add(stmt(s));
        }
        return stmts;
    }

    private Stmt stmt(TmParser.StmtContext ctx) {
        if (ctx instanceof TmParser.LetStmtContext l) {
            return new Stmt.Let(l.IDENT().getText(), span(l.IDENT()), expr(l.expr()), span(ctx));
        }
        if (ctx instanceof TmParser.ReturnStmtContext r) {
            return new Stmt.Return(expr(r.expr()), span(ctx));
        }
        TmParser.PrecisionStmtContext p = (TmParser.PrecisionStmtContext) ctx;
        return new Stmt.Precision(p.IDENT().getText(), span(p.IDENT()), span(ctx));
    }

    private Expr expr(TmParser.ExprContext ctx) {
        SourceSpan span = span(ctx);
        if (ctx instanceof TmParser.PrimaryExprContext p) {
            return primary(p.primary());
        }
        if (ctx instanceof TmParser.IndexExprContext i) {
            List<Arg> indices = new ArrayList<>();
            for (TmParser.SliceArgContext s : i.sliceArg()) {
                Expr value = sliceArg(s);
                indices.add(new Arg(Optional.empty(), value, value.span()));
            }
            return new Expr.Index(expr(i.expr()), indices, span);
        }
        if (ctx instanceof TmParser.PowExprContext p) {
            return binary(BinaryOperator.POW, p.expr(0), p.expr(1), p.POW().getSymbol(), span);
        }
        if (ctx instanceof TmParser.UnaryExprContext u) {
            UnaryOperator op = u.op.getType() == TmParser.MINUS ? UnaryOperator.NEG : UnaryOperator.NOT;
            return new Expr.Unary(op, expr(u.expr()), span);
        }
        if (ctx instanceof TmParser.CastExprContext c) {
            return new Expr.Cast(expr(c.expr()), c.IDENT().getText(), span(c.IDENT()), span);
        }
        if (ctx instanceof TmParser.MulExprContext m) {
            return binary(BinaryOperator.fromSpelling(m.op.getText()), m.expr(0), m.expr(1), m.op, span);
        }
        if (ctx instanceof TmParser.AddExprContext a) {
            return binary(BinaryOperator.fromSpelling(a.op.getText()), a.expr(0), a.expr(1), a.op, span);
        }
        if (ctx instanceof TmParser.CompareExprContext c) {
            if (c.expr(0) instanceof TmParser.CompareExprContext || c.expr(1) instanceof TmParser.CompareExprContext) {
                diagnostics.error(span(c.op), "comparisons cannot be chained; combine them with &&");
            }
            return binary(BinaryOperator.fromSpelling(c.op.getText()), c.expr(0), c.expr(1), c.op, span);
        }
        if (ctx instanceof TmParser.AndExprContext a) {
            return binary(BinaryOperator.AND, a.expr(0), a.expr(1), a.AND().getSymbol(), span);
        }
        TmParser.OrExprContext o = (TmParser.OrExprContext) ctx;
        return binary(BinaryOperator.OR, o.expr(0), o.expr(1), o.OR().getSymbol(), span);
    }

    private Expr binary(BinaryOperator op, TmParser.ExprContext left, TmParser.ExprContext right, Token opToken,
                        SourceSpan span) {
        return new Expr.Binary(op, expr(left), expr(right), span(opToken), span);
    }

    private Expr primary(TmParser.PrimaryContext ctx) {
        SourceSpan span = span(ctx);
        if (ctx instanceof TmParser.IntLiteralContext i) {
            return new Expr.IntLit(integer(i.INT().getSymbol()), span);
        }
        if (ctx instanceof TmParser.FloatLiteralContext f) {
            return new Expr.FloatLit(floating(f.FLOAT().getSymbol()), span);
        }
        if (ctx instanceof TmParser.BoolLiteralContext b) {
            return new Expr.BoolLit(b.TRUE() != null, span);
        }
        if (ctx instanceof TmParser.CallExprContext c) {
            List<Arg> args = new ArrayList<>();
            for (TmParser.ArgContext a : c.arg()) {
                Optional<String> keyword = Optional.ofNullable(a.IDENT()).map(TerminalNode::getText);
                args.add(new Arg(keyword, sliceArg(a.sliceArg()), span(a)));
            }
            return new Expr.Call(c.IDENT().getText(), span(c.IDENT()), args, span);
        }
        if (ctx instanceof TmParser.NameExprContext n) {
            return new Expr.Name(n.IDENT().getText(), span);
        }
        if (ctx instanceof TmParser.ParenExprContext p) {
            List<Expr> items = p.expr().stream().map(this::expr).toList();
            return items.size() == 1 ? items.get(0) : new Expr.Tuple(items, span);
        }
        TmParser.ListExprContext l = (TmParser.ListExprContext) ctx;
        return new Expr.ListLit(l.expr().stream().map(this::expr).toList(), span);
    }

    private Expr sliceArg(TmParser.SliceArgContext ctx) {
        if (ctx instanceof TmParser.PlainArgContext p) {
            return expr(p.expr());
        }
        TmParser.RangeArgContext r = (TmParser.RangeArgContext) ctx;
        return new Expr.Range(Optional.ofNullable(r.lower).map(this::expr), Optional.ofNullable(r.upper).map(this::expr),
                Optional.ofNullable(r.step).map(this::expr), span(ctx));
    }

    private long integer(Token t) {
        String digits = t.getText().replace("_", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            diagnostics.error(span(t), "integer literal " + t.getText() + " is too large");
            return 0;
        }
    }

    private double floating(Token t) {
        double value = Double.parseDouble(t.getText().replace("_", ""));
        if (Double.isInfinite(value)) {
            diagnostics.error(span(t), "number " + t.getText() + " is out of range");
        }
        return value;
    }

    private SourceSpan span(ParserRuleContext ctx) {
        return file.span(ctx.getStart().getStartIndex(), Math.max(ctx.getStart().getStartIndex(),
                ctx.getStop().getStopIndex() + 1));
    }

    private SourceSpan span(TerminalNode node) {
        return span(node.getSymbol());
    }

    private SourceSpan span(Token t) {
        return file.span(t.getStartIndex(), t.getStopIndex() + 1);
    }
}
