// Checks a parsed file and lowers it to graph IR: resolves names, infers and checks every dtype
// and shape, and instantiates fns (the file's and the prelude's) as typed Call bodies.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ast.CompilationUnit;
import dev.tmc.compiler.ast.Decl;
import dev.tmc.compiler.ast.Expr;
import dev.tmc.compiler.ast.Stmt;
import dev.tmc.compiler.diag.Diagnostic;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphBuilder;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;
import dev.tmc.compiler.source.SourceSpan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

public final class LowerAst implements ExprLowering.FnCalls {
    private final CompilationUnit unit;
    private final Diagnostics diagnostics;
    private final Map<String, Decl.Fn> fns = new LinkedHashMap<>();
    private final Deque<String> instantiating = new ArrayDeque<>();
    private final Precision defaultPrecision;

    private LowerAst(CompilationUnit unit, CompilationUnit prelude, Precision defaultPrecision,
                     Diagnostics diagnostics) {
        this.unit = unit;
        this.diagnostics = diagnostics;
        this.defaultPrecision = defaultPrecision;
        prelude.fns().forEach(f -> fns.put(f.name(), f));
    }

    /**
     * Lowers every pipeline of {@code unit}. Errors go to {@code diagnostics}; the module is empty
     * when there were any. {@code defaultPrecision} applies where neither the file nor the pipeline
     * names a profile.
     */
    public static Optional<Module> lower(CompilationUnit unit, CompilationUnit prelude, Precision defaultPrecision,
                                         Diagnostics diagnostics) {
        return new LowerAst(unit, prelude, defaultPrecision, diagnostics).module();
    }

    private Optional<Module> module() {
        int errorsBefore = diagnostics.errorCount();
        Precision filePrecision = unit.precision().flatMap(p -> precision(p)).orElse(defaultPrecision);
        Map<String, Decl> seen = new LinkedHashMap<>();
        for (Decl d : unit.decls()) {
            Decl previous = seen.putIfAbsent(d.name(), d);
            if (previous != null) {
                diagnostics.report(Diagnostic.error(d.nameSpan(), "'" + d.name() + "' is already defined")
                        .withNote(Diagnostic.note(previous.nameSpan(), "first defined here")));
            } else if (d instanceof Decl.Fn f) {
                if (Builtins.exists(f.name())) {
                    diagnostics.error(f.nameSpan(), "fn '" + f.name() + "' would hide the builtin of that name");
                } else {
                    fns.put(f.name(), f);
                }
            } else if (JavaNames.isReserved(d.name())) {
                diagnostics.error(d.nameSpan(), "pipeline '" + d.name() + "' cannot be a Java class name");
            }
        }
        List<Graph> pipelines = new ArrayList<>();
        for (Decl.Pipeline p : unit.pipelines()) {
            pipeline(p, filePrecision).ifPresent(pipelines::add);
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Module(unit.packageName().orElse(""), pipelines, unit.file()));
    }

    private Optional<Precision> precision(Stmt.Precision p) {
        Optional<Precision> profile = Precision.fromSpelling(p.profile());
        if (profile.isEmpty()) {
            diagnostics.error(p.profileSpan(), "unknown precision '" + p.profile()
                    + "'; expected strict, balanced or fast");
        }
        return profile;
    }

    private Optional<Graph> pipeline(Decl.Pipeline p, Precision filePrecision) {
        int errorsBefore = diagnostics.errorCount();
        Signature signature = Signature.check(p, diagnostics);
        GraphBuilder builder = new GraphBuilder();
        List<dev.tmc.compiler.ir.graph.DimConstraint> constraints = new ArrayList<>();
        Emitter emitter = new Emitter(builder, diagnostics, constraints);
        Scope scope = new Scope(signature.dims());
        for (int i = 0; i < signature.params().size(); i++) {
            GraphParam param = signature.params().get(i);
            int id = builder.add(new Op.Parameter(i), param.type(), param.span());
            scope.define(param.name(), emitter.value(id, false), param.span(), false);
        }
        List<Stmt> body = p.body();
        Precision precision = filePrecision;
        if (!body.isEmpty() && body.get(0) instanceof Stmt.Precision ps) {
            precision = precision(ps).orElse(filePrecision);
            body = body.subList(1, body.size());
        }
        ExprLowering lowering = new ExprLowering(emitter, scope, this);
        Optional<Returned> result = body(body, lowering, p.span(), "pipeline '" + p.name() + "'");
        // After an error, "never used" is usually its echo: arguments of a call that failed to
        // bind are never lowered, and a typo leaves the intended name unused.
        if (diagnostics.errorCount() == errorsBefore) {
            warnUnused(scope);
        }
        if (result.isEmpty() || diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        List<GraphOutput> outputs = Outputs.bind(result.get().value(), result.get().span(), signature, p, emitter);
        if (outputs.isEmpty() || diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Graph(p.name(), signature.params(), builder.body(), outputs, precision, constraints,
                p.span()));
    }

    /** What a body returns, and the span of the returned expression. */
    record Returned(Lowered value, SourceSpan span) {
    }

    /** Lowers lets up to the final return and gives the returned value. */
    private Optional<Returned> body(List<Stmt> stmts, ExprLowering lowering, SourceSpan declSpan, String what) {
        Returned result = null;
        for (Stmt s : stmts) {
            if (result != null) {
                diagnostics.error(s.span(), "unreachable statement after return");
                break;
            }
            if (s instanceof Stmt.Let let) {
                Optional<Scope.Binding> existing = lowering.scope.existing(let.name());
                Lowered value = lowering.lower(let.value());
                if (existing.isPresent()) {
                    diagnostics.report(Diagnostic.error(let.nameSpan(), "'" + let.name() + "' is already defined")
                            .withNote(Diagnostic.note(existing.get().span, "first defined here")));
                } else if (lowering.scope.isDim(let.name())) {
                    diagnostics.error(let.nameSpan(), "'" + let.name() + "' is a dimension of this pipeline");
                }
                if (value instanceof Lowered.Tuple) {
                    diagnostics.error(let.value().span(), "a tuple can only be returned");
                    value = Lowered.INVALID;
                }
                lowering.scope.define(let.name(), value, let.nameSpan(), true);
            } else if (s instanceof Stmt.Return r) {
                result = new Returned(lowering.lower(r.value()), r.value().span());
            } else {
                diagnostics.error(s.span(), "precision can only be set first in a pipeline or at the top of a file");
            }
        }
        if (result == null) {
            diagnostics.error(declSpan, what + " has no return statement");
            return Optional.empty();
        }
        return Optional.of(result);
    }

    private void warnUnused(Scope scope) {
        for (Scope.Binding b : scope.bindings()) {
            if (!b.used && b.span.file() == unit.file() && !(b.value instanceof Lowered.Invalid)) {
                diagnostics.warning(b.span, (b.isLet ? "value '" : "parameter '") + b.name + "' is never used");
            }
        }
    }

    @Override
    public Optional<Lowered> call(Expr.Call call, ExprLowering caller) {
        Decl.Fn fn = fns.get(call.callee());
        if (fn == null) {
            return Optional.empty();
        }
        if (instantiating.contains(fn.name())) {
            return Optional.of(caller.emitter.error(call.calleeSpan(), "fn '" + fn.name()
                    + "' calls itself; fns are inlined, so they cannot be recursive"));
        }
        List<ArgBinder.ParamSpec> specs = fn.params().stream()
                .map(p -> new ArgBinder.ParamSpec(p.name(), p.defaultValue().isEmpty(), false)).toList();
        Optional<ArgBinder.Bound> bound = ArgBinder.bind(fn.name(), specs, call.args(), caller.emitter.diagnostics,
                call.span());
        if (bound.isEmpty()) {
            return Optional.of(Lowered.INVALID);
        }
        List<Operand> args = new ArrayList<>();
        for (Decl.FnParam p : fn.params()) {
            Optional<Expr> given = bound.get().get(p.name());
            if (given.isPresent()) {
                args.add(caller.operand(given.get()));
            } else {
                // Defaults are literals, lowered where the fn is defined: in a scope of their own.
                Scope empty = new Scope(Set.of());
                args.add(new Operand(new ExprLowering(caller.emitter, empty, this).lower(p.defaultValue().get()),
                        p.span()));
            }
        }
        if (args.stream().anyMatch(Operand::isInvalid)) {
            return Optional.of(Lowered.INVALID);
        }
        instantiating.push(fn.name());
        try {
            return Optional.of(instantiate(fn, args, call, caller));
        } finally {
            instantiating.pop();
        }
    }

    /** Lowers the fn body for these arguments into a graph of its own and emits a Call of it. */
    private Lowered instantiate(Decl.Fn fn, List<Operand> args, Expr.Call call, ExprLowering caller) {
        SourceFile userFile = unit.file();
        Diagnostics inner = caller.emitter.diagnostics.adjusted(d -> d.span().file() == userFile
                ? d.withNote(Diagnostic.note(call.span(), "in this call of '" + fn.name() + "'"))
                : d.withSpanAndMessage(call.span(), d.message() + " (inside fn '" + fn.name() + "')"));
        GraphBuilder builder = new GraphBuilder();
        Emitter emitter = new Emitter(builder, inner, caller.emitter.constraints);
        Scope scope = new Scope(Set.of());
        List<GraphParam> params = new ArrayList<>();
        List<Integer> callArgs = new ArrayList<>();
        for (int i = 0; i < fn.params().size(); i++) {
            Decl.FnParam p = fn.params().get(i);
            Lowered arg = args.get(i).value();
            if (arg instanceof Lowered.Value v) {
                int id = builder.add(new Op.Parameter(params.size()), v.type(), p.span());
                params.add(new GraphParam(p.name(), v.type(), false, OptionalDouble.empty(), p.span()));
                callArgs.add(v.id());
                arg = emitter.value(id, v.weak());
            }
            scope.define(p.name(), arg, p.span(), false);
        }
        ExprLowering lowering = new ExprLowering(emitter, scope, this);
        int errorsBefore = inner.errorCount();
        Optional<Returned> returned = body(fn.body(), lowering, fn.span(), "fn '" + fn.name() + "'");
        if (returned.isEmpty() || inner.errorCount() > errorsBefore) {
            return Lowered.INVALID;
        }
        Lowered result = returned.get().value();
        if (!(result instanceof Lowered.Value v)) {
            if (result instanceof Lowered.Tuple) {
                return caller.emitter.error(call.span(), "fn '" + fn.name() + "' returns a tuple; fns return one value");
            }
            return result; // a compile-time value: nothing to call
        }
        Graph body = new Graph(fn.name(), params, builder.body(), List.of(new GraphOutput("out", v.id(), fn.span())),
                defaultPrecision, List.of(), fn.span());
        int id = caller.emitter.builder.add(new Op.Call(fn.name(), body), callArgs, v.type(), call.span());
        return caller.emitter.value(id, v.weak());
    }
}
