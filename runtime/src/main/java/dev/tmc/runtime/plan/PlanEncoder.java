// FilePlan records to JSON values, keys in a fixed order; PlanDecoder reads exactly this shape
// back (the schema is documented on PlanJson).
package dev.tmc.runtime.plan;

import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

final class PlanEncoder {
    private PlanEncoder() {}

    static Json file(FilePlan f) {
        return obj("format", num(f.format()),
                "source", str(f.source()),
                "package", str(f.packageName()),
                "metalSource", f.metalSource().map(PlanEncoder::str).orElse(nul()),
                "metalLibrary", f.metalLibrary().map(PlanEncoder::str).orElse(nul()),
                "pipelines", arr(f.pipelines(), PlanEncoder::pipeline));
    }

    private static Json pipeline(PipelinePlan p) {
        Map<String, Json> kernels = new LinkedHashMap<>();
        new TreeMap<>(p.kernelsByTarget()).forEach((target, list) -> kernels.put(target, arr(list, PlanEncoder::kernel)));
        Json plan = obj("name", str(p.name()),
                "params", arr(p.params(), PlanEncoder::param),
                "outputs", arr(p.outputs(), o -> obj("name", str(o.name()), "dtype", dtype(o.dtype()),
                        "shape", arr(o.shape(), PlanEncoder::size))),
                "requirements", arr(p.requirements(), r -> obj("nonNegative", size(r.nonNegative()),
                        "message", str(r.message()))),
                "hostValues", arr(p.hostValues(), h -> obj("value", num(h.value()), "expr", host(h.expr()))),
                "arena", arena(p.arena()),
                "kernels", new Json.Obj(kernels, null));
        if (p.arenaByTarget().isEmpty()) {
            return plan; // as before target arenas existed: manifests without them are unchanged
        }
        Map<String, Json> members = new LinkedHashMap<>(((Json.Obj) plan).members());
        Map<String, Json> arenas = new LinkedHashMap<>();
        new TreeMap<>(p.arenaByTarget()).forEach((target, a) -> arenas.put(target, arena(a)));
        members.put("arenas", new Json.Obj(arenas, null));
        return new Json.Obj(members, null);
    }

    private static Json arena(PipelinePlan.Arena a) {
        return obj("bytes", size(a.bytes()), "allocations", arr(a.allocations(), PlanEncoder::allocation));
    }

    private static Json param(PipelinePlan.Param p) {
        OptionalDouble d = p.defaultValue();
        return obj("name", str(p.name()), "dtype", dtype(p.dtype()), "shape", arr(p.shape(), PlanEncoder::size),
                "scalar", new Json.Bool(p.scalar(), null), "default", d.isPresent() ? real(d.getAsDouble()) : nul());
    }

    private static Json allocation(PipelinePlan.Allocation a) {
        return obj("value", num(a.value()), "slot", num(a.slot()), "offset", size(a.offset()),
                "bytes", size(a.bytes()), "dtype", dtype(a.dtype()));
    }

    private static Json kernel(PipelinePlan.KernelPlan k) {
        Json kernel = obj("name", str(k.name()), "template", str(k.template()), "threadgroups", size(k.threadgroups()),
                "threadsPerThreadgroup", num(k.threadsPerThreadgroup()),
                "buffers", arr(k.buffers(), b -> obj("name", str(b.name()), "dtype", dtype(b.dtype()),
                        "written", new Json.Bool(b.written(), null), "source", bufferSource(b.source()))),
                "scalars", arr(k.scalars(), s -> obj("name", str(s.name()), "dtype", dtype(s.dtype()),
                        "source", scalarSource(s.source()))));
        if (k.library().isEmpty()) {
            return kernel;
        }
        Map<String, Json> members = new LinkedHashMap<>(((Json.Obj) kernel).members());
        if (k.library().get() instanceof PipelinePlan.MatmulStep m) {
            members.put("library", obj("op", str("matmul"), "a", num(m.a()), "b", num(m.b()), "out", num(m.out()),
                    "bias", num(m.bias()), "alpha", num(m.alpha()),
                    "transposeA", new Json.Bool(m.transposeA(), null), "transposeB", new Json.Bool(m.transposeB(), null),
                    "batch", size(m.batch()), "m", size(m.m()), "n", size(m.n()), "k", size(m.k()),
                    "dtype", dtype(m.dtype())));
        } else {
            PipelinePlan.AttentionStep a = (PipelinePlan.AttentionStep) k.library().get();
            members.put("library", obj("op", str("attention"), "q", num(a.q()), "k", num(a.k()), "v", num(a.v()),
                    "out", num(a.out()), "scale", num(a.scale()), "scaleConstant", real(a.scaleConstant()),
                    "heads", size(a.heads()), "rows", size(a.rows()), "cols", size(a.cols()),
                    "headDim", size(a.headDim()), "dtype", dtype(a.dtype())));
        }
        return new Json.Obj(members, null);
    }

    private static Json bufferSource(PipelinePlan.BufferSource s) {
        if (s instanceof PipelinePlan.FromParam p) {
            return obj("param", num(p.index()));
        }
        if (s instanceof PipelinePlan.FromOutput o) {
            return obj("output", num(o.index()));
        }
        return obj("arena", num(((PipelinePlan.FromArena) s).value()));
    }

    private static Json scalarSource(PipelinePlan.ScalarSource s) {
        if (s instanceof PipelinePlan.FromDim d) {
            return obj("dim", str(d.dim()));
        }
        if (s instanceof PipelinePlan.FromScalarParam p) {
            return obj("scalarParam", num(p.index()));
        }
        return obj("hostValue", num(((PipelinePlan.FromHostValue) s).value()));
    }

    private static Json host(HostExpr e) {
        if (e instanceof HostExpr.Const c) {
            return obj("const", real(c.value()), "dtype", dtype(c.dtype()));
        }
        if (e instanceof HostExpr.DimValue d) {
            return obj("dim", size(d.size()), "dtype", dtype(d.dtype()));
        }
        if (e instanceof HostExpr.Param p) {
            return obj("param", num(p.index()), "dtype", dtype(p.dtype()));
        }
        HostExpr.Op op = (HostExpr.Op) e;
        return obj("op", str(op.op()), "dtype", dtype(op.dtype()), "args", arr(op.args(), PlanEncoder::host));
    }

    /**
     * A number for a constant, a string for a lone dim with coefficient 1, else the list of terms
     * {@code [coef, factor...]} where a factor is a dim name or {@code {"floordiv": size, "by": den}}.
     * The short forms are used only where they read back as the same record.
     */
    static Json size(SizeExpr e) {
        List<SizeExpr.Term> terms = e.terms();
        if (terms.isEmpty()) {
            return num(0);
        }
        if (terms.size() == 1) {
            SizeExpr.Term t = terms.get(0);
            if (t.factors().isEmpty() && t.coef() != 0) {
                return num(t.coef());
            }
            if (t.coef() == 1 && t.factors().size() == 1 && t.factors().get(0) instanceof SizeExpr.Dim d) {
                return str(d.name());
            }
        }
        return arr(terms, t -> {
            List<Json> parts = new ArrayList<>();
            parts.add(num(t.coef()));
            for (SizeExpr.Factor f : t.factors()) {
                if (f instanceof SizeExpr.Dim d) {
                    parts.add(str(d.name()));
                } else {
                    SizeExpr.FloorDiv q = (SizeExpr.FloorDiv) f;
                    parts.add(obj("floordiv", size(q.num()), "by", num(q.den())));
                }
            }
            return new Json.Arr(parts, null);
        });
    }

    /** A double: its shortest decimal, or "nan", "inf", "-inf", which JSON numbers cannot say. */
    static Json real(double v) {
        if (Double.isNaN(v)) {
            return str("nan");
        }
        if (Double.isInfinite(v)) {
            return str(v > 0 ? "inf" : "-inf");
        }
        return new Json.Num(ShortestDecimal.of(v), null);
    }

    private static Json dtype(DType t) {
        return str(t.spelling());
    }

    private static Json num(long v) {
        return new Json.Num(Long.toString(v), null);
    }

    private static Json str(String s) {
        return new Json.Str(s, null);
    }

    private static Json nul() {
        return new Json.Null(null);
    }

    private static <T> Json arr(List<T> items, Function<T, Json> encode) {
        List<Json> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(encode.apply(item));
        }
        return new Json.Arr(out, null);
    }

    /** An object from alternating keys and values, in that order. */
    private static Json obj(Object... keysAndValues) {
        Map<String, Json> members = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            members.put((String) keysAndValues[i], (Json) keysAndValues[i + 1]);
        }
        return new Json.Obj(members, null);
    }
}
