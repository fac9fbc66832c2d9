// Checks a pipeline's parameters and outputs and turns their written types into IR types.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ast.Decl;
import dev.tmc.compiler.ast.DimRef;
import dev.tmc.compiler.ast.Expr;
import dev.tmc.compiler.ast.TypeRef;
import dev.tmc.compiler.ast.UnaryOperator;
import dev.tmc.compiler.diag.Diagnostic;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.TensorType;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;
import dev.tmc.compiler.source.SourceSpan;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

record Signature(List<GraphParam> params, Set<String> dims, List<OutputSpec> outputs) {

    record OutputSpec(String name, TensorType type, SourceSpan span) {
    }

    static Signature check(Decl.Pipeline p, Diagnostics diagnostics) {
        Set<String> dims = new LinkedHashSet<>();
        List<GraphParam> params = new ArrayList<>();
        Map<String, SourceSpan> names = new LinkedHashMap<>();
        for (Decl.Param param : p.params()) {
            unique(param.name(), param.nameSpan(), names, diagnostics);
            DType dtype = dtype(param.type(), diagnostics);
            List<DimExpr> shape = new ArrayList<>();
            for (DimRef d : param.type().dims().orElse(List.of())) {
                if (d instanceof DimRef.Symbol s) {
                    dims.add(s.name());
                    shape.add(DimExpr.sym(s.name()));
                } else if (d instanceof DimRef.Literal l && l.value() >= 1) {
                    shape.add(DimExpr.of(l.value()));
                } else {
                    diagnostics.error(d.span(), "a parameter's dims must be names or positive integers");
                    shape.add(DimExpr.of(1));
                }
            }
            OptionalDouble dflt = OptionalDouble.empty();
            if (param.defaultValue().isPresent()) {
                if (!param.type().isScalar()) {
                    diagnostics.error(param.defaultValue().get().span(),
                            "only scalar parameters can have a default value");
                } else {
                    dflt = defaultValue(param.defaultValue().get(), dtype, diagnostics);
                }
            }
            params.add(new GraphParam(param.name(), new TensorType(dtype, new Shape(shape)), param.type().isScalar(),
                    dflt, param.span()));
        }
        List<OutputSpec> outputs = new ArrayList<>();
        Map<String, SourceSpan> outputNames = new LinkedHashMap<>();
        for (Decl.Output o : p.outputs()) {
            unique(o.name(), o.span(), outputNames, diagnostics);
            DType dtype = dtype(o.type(), diagnostics);
            List<DimExpr> shape = new ArrayList<>();
            for (DimRef d : o.type().dims().orElse(List.of())) {
                shape.add(outputDim(d, dims, diagnostics).orElse(DimExpr.of(1)));
            }
            outputs.add(new OutputSpec(o.name(), new TensorType(dtype, new Shape(shape)), o.span()));
        }
        return new Signature(params, dims, outputs);
    }

    private static void unique(String name, SourceSpan span, Map<String, SourceSpan> seen, Diagnostics diagnostics) {
        SourceSpan previous = seen.putIfAbsent(name, span);
        if (previous != null) {
            diagnostics.report(Diagnostic.error(span, "'" + name + "' is already defined")
                    .withNote(Diagnostic.note(previous, "first defined here")));
        }
    }

    private static DType dtype(TypeRef type, Diagnostics diagnostics) {
        Optional<DType> d = DType.fromSpelling(type.dtype());
        if (d.isEmpty()) {
            diagnostics.error(type.dtypeSpan(), "unknown dtype '" + type.dtype()
                    + "'; expected f32, f16, bf16, i32 or bool");
        }
        return d.orElse(DType.F32);
    }

    /** Output dims may be arithmetic on the parameters' dims, e.g. {@code N*2}. */
    private static Optional<DimExpr> outputDim(DimRef d, Set<String> dims, Diagnostics diagnostics) {
        if (d instanceof DimRef.Literal l) {
            return Optional.of(DimExpr.of(l.value()));
        }
        if (d instanceof DimRef.Symbol s) {
            if (!dims.contains(s.name())) {
                diagnostics.error(s.span(), "unknown dim '" + s.name() + "'; an output's dims must appear in the"
                        + " parameters" + Suggest.hint(s.name(), dims));
                return Optional.empty();
            }
            return Optional.of(DimExpr.sym(s.name()));
        }
        DimRef.Arith a = (DimRef.Arith) d;
        Optional<DimExpr> l = outputDim(a.left(), dims, diagnostics);
        Optional<DimExpr> r = outputDim(a.right(), dims, diagnostics);
        if (l.isEmpty() || r.isEmpty()) {
            return Optional.empty();
        }
        switch (a.op()) {
            case '+': return Optional.of(l.get().plus(r.get()));
            case '-': return Optional.of(l.get().minus(r.get()));
            case '*': return Optional.of(l.get().times(r.get()));
            default:
                if (!r.get().isConstant() || r.get().constant() <= 0) {
                    diagnostics.error(a.right().span(), "a dimension can only be divided by a positive integer");
                    return Optional.empty();
                }
                return Optional.of(l.get().floorDiv(r.get().constant()));
        }
    }

    /** A default is a literal (possibly negated) or inf/nan/pi, and must suit the parameter's dtype. */
    private static OptionalDouble defaultValue(Expr e, DType dtype, Diagnostics diagnostics) {
        Optional<Double> v = literal(e);
        if (v.isEmpty()) {
            diagnostics.error(e.span(), "a default value must be a literal");
            return OptionalDouble.empty();
        }
        boolean isFloat = !(stripNeg(e) instanceof Expr.IntLit) && !(stripNeg(e) instanceof Expr.BoolLit);
        boolean isBool = stripNeg(e) instanceof Expr.BoolLit;
        if (dtype == DType.BOOL != isBool || dtype == DType.I32 && isFloat) {
            diagnostics.error(e.span(), "default value '" + spelled(e) + "' does not suit a "
                    + dtype.spelling() + " parameter");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(dtype.round(v.get()));
    }

    private static Expr stripNeg(Expr e) {
        return e instanceof Expr.Unary u && u.op() == UnaryOperator.NEG ? stripNeg(u.operand()) : e;
    }

    private static Optional<Double> literal(Expr e) {
        if (e instanceof Expr.IntLit i) {
            return Optional.of((double) i.value());
        }
        if (e instanceof Expr.FloatLit f) {
            return Optional.of(f.value());
        }
        if (e instanceof Expr.BoolLit b) {
            return Optional.of(b.value() ? 1.0 : 0.0);
        }
        if (e instanceof Expr.Name n) {
            switch (n.name()) {
                case "inf": return Optional.of(Double.POSITIVE_INFINITY);
                case "nan": return Optional.of(Double.NaN);
                case "pi": return Optional.of(Math.PI);
                default: return Optional.empty();
            }
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOperator.NEG) {
            return literal(u.operand()).map(v -> -v);
        }
        return Optional.empty();
    }

    private static String spelled(Expr e) {
        return e.span().file().text().substring(e.span().start(), e.span().end());
    }
}
