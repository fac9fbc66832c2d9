// Matches call arguments to parameters, Python style: positional first, then keywords.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ast.Arg;
import dev.tmc.compiler.ast.Expr;
import dev.tmc.compiler.diag.Diagnostics;
import dev.tmc.compiler.source.SourceSpan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ArgBinder {
    private ArgBinder() {
    }

    /**
     * A parameter: required or optional; a variadic one takes all remaining positional arguments,
     * and the parameters after it can only be given by keyword.
     */
    record ParamSpec(String name, boolean required, boolean variadic) {
        /** Parses "x" (required), "axis?" (optional) and "*dims" (variadic). */
        static ParamSpec parse(String spec) {
            if (spec.startsWith("*")) {
                return new ParamSpec(spec.substring(1), false, true);
            }
            if (spec.endsWith("?")) {
                return new ParamSpec(spec.substring(0, spec.length() - 1), false, false);
            }
            return new ParamSpec(spec, true, false);
        }
    }

    record Bound(Map<String, Expr> values, List<Expr> rest) {
        Optional<Expr> get(String name) {
            return Optional.ofNullable(values.get(name));
        }
    }

    static List<ParamSpec> specs(String... specs) {
        List<ParamSpec> out = new ArrayList<>();
        for (String s : specs) {
            out.add(ParamSpec.parse(s));
        }
        return out;
    }

    static Optional<Bound> bind(String fn, List<ParamSpec> params, List<Arg> args, Diagnostics diagnostics,
                                SourceSpan callSpan) {
        Map<String, Expr> values = new LinkedHashMap<>();
        List<Expr> rest = new ArrayList<>();
        int position = 0;
        boolean ok = true;
        boolean sawKeyword = false;
        boolean droppedPositional = false;
        for (Arg arg : args) {
            if (arg.isKeyword()) {
                sawKeyword = true;
                String name = arg.keyword().get();
                Optional<ParamSpec> p = params.stream().filter(s -> s.name().equals(name) && !s.variadic()).findFirst();
                if (p.isEmpty()) {
                    diagnostics.error(arg.span(), fn + " has no parameter '" + name + "'"
                            + Suggest.hint(name, params.stream().filter(s -> !s.variadic()).map(ParamSpec::name).toList()));
                    ok = false;
                } else if (values.containsKey(name)) {
                    diagnostics.error(arg.span(), "argument '" + name + "' of " + fn + " is given twice");
                    ok = false;
                } else {
                    values.put(name, arg.value());
                }
                continue;
            }
            if (sawKeyword) {
                diagnostics.error(arg.span(), "positional argument after a keyword argument");
                ok = false;
                droppedPositional = true;
                continue;
            }
            if (position < params.size() && params.get(position).variadic()) {
                rest.add(arg.value());
                continue;
            }
            if (position >= params.size()) {
                long positional = params.stream().takeWhile(s -> !s.variadic()).count();
                diagnostics.error(arg.span(), fn + " takes at most " + positional + " positional argument"
                        + (positional == 1 ? "" : "s"));
                ok = false;
                break;
            }
            values.put(params.get(position).name(), arg.value());
            position++;
        }
        for (ParamSpec p : params) {
            // A positional argument rejected above was most likely meant for it: one message is enough.
            if (p.required() && !values.containsKey(p.name()) && !droppedPositional) {
                diagnostics.error(callSpan, fn + " is missing its argument '" + p.name() + "'");
                ok = false;
            }
        }
        return ok ? Optional.of(new Bound(values, rest)) : Optional.empty();
    }
}
