// JSON values to FilePlan records, strictly: every key required, none unknown, each of the right
// kind. Errors name the source, the line and column, and the path to the value.
package dev.tmc.runtime.plan;

import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

final class PlanDecoder {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private final String source;

    private PlanDecoder(String source) {
        this.source = source;
    }

    static FilePlan file(Json root, String source) {
        return new PlanDecoder(source).file(root);
    }

    private FilePlan file(Json root) {
        Fields f = new Fields(root, "manifest");
        // The format first: a manifest of another version may differ anywhere else.
        int format = integer(f.get("format"), f.path("format"));
        if (format != FilePlan.FORMAT) {
            throw error(f.get("format"), "manifest format " + format + " is not the format " + FilePlan.FORMAT
                    + " this runtime reads; rebuild the pipelines with a tmc of the same version as the runtime");
        }
        FilePlan plan = new FilePlan(format, string(f.get("source"), f.path("source")),
                string(f.get("package"), f.path("package")),
                list(f.get("pipelines"), f.path("pipelines"), this::pipeline),
                optionalString(f.get("metalSource"), f.path("metalSource")),
                optionalString(f.get("metalLibrary"), f.path("metalLibrary")));
        f.done();
        return plan;
    }

    private PipelinePlan pipeline(Json value, String path) {
        Fields f = new Fields(value, path);
        PipelinePlan.Arena arenaPlan = arena(f.get("arena"), f.path("arena"));
        Map<String, PipelinePlan.Arena> arenas = new LinkedHashMap<>();
        if (f.has("arenas")) {
            Fields byTarget = new Fields(f.get("arenas"), f.path("arenas"));
            for (String target : byTarget.keys()) {
                arenas.put(target, arena(byTarget.get(target), byTarget.path(target)));
            }
            byTarget.done();
        }
        Fields kernels = new Fields(f.get("kernels"), f.path("kernels"));
        Map<String, List<PipelinePlan.KernelPlan>> byTarget = new LinkedHashMap<>();
        for (String target : kernels.keys()) {
            byTarget.put(target, list(kernels.get(target), kernels.path(target), this::kernel));
        }
        kernels.done();
        PipelinePlan plan = new PipelinePlan(string(f.get("name"), f.path("name")),
                list(f.get("params"), f.path("params"), this::param),
                list(f.get("outputs"), f.path("outputs"), this::output),
                list(f.get("requirements"), f.path("requirements"), this::requirement),
                list(f.get("hostValues"), f.path("hostValues"), this::hostValue),
                arenaPlan, byTarget, arenas);
        f.done();
        return plan;
    }

    private PipelinePlan.Arena arena(Json value, String path) {
        Fields arena = new Fields(value, path);
        PipelinePlan.Arena plan = new PipelinePlan.Arena(size(arena.get("bytes"), arena.path("bytes")),
                list(arena.get("allocations"), arena.path("allocations"), this::allocation));
        arena.done();
        return plan;
    }

    private PipelinePlan.Param param(Json value, String path) {
        Fields f = new Fields(value, path);
        String name = string(f.get("name"), f.path("name"));
        DType dtype = dtype(f.get("dtype"), f.path("dtype"));
        List<SizeExpr> shape = list(f.get("shape"), f.path("shape"), this::size);
        boolean scalar = bool(f.get("scalar"), f.path("scalar"));
        Json d = f.get("default");
        OptionalDouble defaultValue = d instanceof Json.Null ? OptionalDouble.empty() : OptionalDouble.of(real(d, f.path("default")));
        f.done();
        return new PipelinePlan.Param(name, dtype, shape, scalar, defaultValue);
    }

    private PipelinePlan.Output output(Json value, String path) {
        Fields f = new Fields(value, path);
        PipelinePlan.Output o = new PipelinePlan.Output(string(f.get("name"), f.path("name")),
                dtype(f.get("dtype"), f.path("dtype")), list(f.get("shape"), f.path("shape"), this::size));
        f.done();
        return o;
    }

    private PipelinePlan.Requirement requirement(Json value, String path) {
        Fields f = new Fields(value, path);
        PipelinePlan.Requirement r = new PipelinePlan.Requirement(size(f.get("nonNegative"), f.path("nonNegative")),
                string(f.get("message"), f.path("message")));
        f.done();
        return r;
    }

    private PipelinePlan.HostValue hostValue(Json value, String path) {
        Fields f = new Fields(value, path);
        PipelinePlan.HostValue h = new PipelinePlan.HostValue(integer(f.get("value"), f.path("value")),
                host(f.get("expr"), f.path("expr")));
        f.done();
        return h;
    }

    private PipelinePlan.Allocation allocation(Json value, String path) {
        Fields f = new Fields(value, path);
        PipelinePlan.Allocation a = new PipelinePlan.Allocation(integer(f.get("value"), f.path("value")),
                integer(f.get("slot"), f.path("slot")), size(f.get("offset"), f.path("offset")),
                size(f.get("bytes"), f.path("bytes")), dtype(f.get("dtype"), f.path("dtype")));
        f.done();
        return a;
    }

    private PipelinePlan.KernelPlan kernel(Json value, String path) {
        Fields f = new Fields(value, path);
        PipelinePlan.KernelPlan k = new PipelinePlan.KernelPlan(string(f.get("name"), f.path("name")),
                string(f.get("template"), f.path("template")), size(f.get("threadgroups"), f.path("threadgroups")),
                integer(f.get("threadsPerThreadgroup"), f.path("threadsPerThreadgroup")),
                list(f.get("buffers"), f.path("buffers"), this::buffer),
                list(f.get("scalars"), f.path("scalars"), this::scalar),
                f.has("library") ? Optional.of(library(f.get("library"), f.path("library"))) : Optional.empty());
        f.done();
        return k;
    }

    private PipelinePlan.LibraryStep library(Json value, String path) {
        Fields f = new Fields(value, path);
        String op = string(f.get("op"), f.path("op"));
        PipelinePlan.LibraryStep step;
        if (op.equals("matmul")) {
            step = new PipelinePlan.MatmulStep(integer(f.get("a"), f.path("a")),
                    integer(f.get("b"), f.path("b")), integer(f.get("out"), f.path("out")),
                    integer(f.get("bias"), f.path("bias")), integer(f.get("alpha"), f.path("alpha")),
                    bool(f.get("transposeA"), f.path("transposeA")), bool(f.get("transposeB"), f.path("transposeB")),
                    size(f.get("batch"), f.path("batch")), size(f.get("m"), f.path("m")), size(f.get("n"), f.path("n")),
                    size(f.get("k"), f.path("k")), dtype(f.get("dtype"), f.path("dtype")));
        } else if (op.equals("attention")) {
            step = new PipelinePlan.AttentionStep(integer(f.get("q"), f.path("q")), integer(f.get("k"), f.path("k")),
                    integer(f.get("v"), f.path("v")), integer(f.get("out"), f.path("out")),
                    integer(f.get("scale"), f.path("scale")), real(f.get("scaleConstant"), f.path("scaleConstant")),
                    size(f.get("heads"), f.path("heads")), size(f.get("rows"), f.path("rows")),
                    size(f.get("cols"), f.path("cols")), size(f.get("headDim"), f.path("headDim")),
                    dtype(f.get("dtype"), f.path("dtype")));
        } else {
            throw error(value, f.path("op") + ": unknown library step \"" + op
                    + "\"; expected \"matmul\" or \"attention\"");
        }
        f.done();
        return step;
    }

    private PipelinePlan.BufferBinding buffer(Json value, String path) {
        Fields f = new Fields(value, path);
        Fields s = new Fields(f.get("source"), f.path("source"));
        String tag = s.tag("param", "output", "arena");
        int index = integer(s.get(tag), s.path(tag));
        s.done();
        PipelinePlan.BufferSource source = tag.equals("param") ? new PipelinePlan.FromParam(index)
                : tag.equals("output") ? new PipelinePlan.FromOutput(index) : new PipelinePlan.FromArena(index);
        PipelinePlan.BufferBinding b = new PipelinePlan.BufferBinding(string(f.get("name"), f.path("name")),
                dtype(f.get("dtype"), f.path("dtype")), bool(f.get("written"), f.path("written")), source);
        f.done();
        return b;
    }

    private PipelinePlan.ScalarBinding scalar(Json value, String path) {
        Fields f = new Fields(value, path);
        Fields s = new Fields(f.get("source"), f.path("source"));
        String tag = s.tag("dim", "scalarParam", "hostValue");
        PipelinePlan.ScalarSource source = tag.equals("dim") ? new PipelinePlan.FromDim(string(s.get(tag), s.path(tag)))
                : tag.equals("scalarParam") ? new PipelinePlan.FromScalarParam(integer(s.get(tag), s.path(tag)))
                : new PipelinePlan.FromHostValue(integer(s.get(tag), s.path(tag)));
        s.done();
        PipelinePlan.ScalarBinding b = new PipelinePlan.ScalarBinding(string(f.get("name"), f.path("name")),
                dtype(f.get("dtype"), f.path("dtype")), source);
        f.done();
        return b;
    }

    private HostExpr host(Json value, String path) {
        Fields f = new Fields(value, path);
        String tag = f.tag("const", "dim", "param", "op");
        DType dtype = dtype(f.get("dtype"), f.path("dtype"));
        HostExpr e;
        switch (tag) {
            case "const": e = new HostExpr.Const(real(f.get(tag), f.path(tag)), dtype); break;
            case "dim": e = new HostExpr.DimValue(size(f.get(tag), f.path(tag)), dtype); break;
            case "param": e = new HostExpr.Param(integer(f.get(tag), f.path(tag)), dtype); break;
            default: e = new HostExpr.Op(string(f.get(tag), f.path(tag)), dtype, list(f.get("args"), f.path("args"), this::host));
        }
        f.done();
        return e;
    }

    /** The inverse of {@link PlanEncoder#size}: a number, a dim name, or a list of terms. */
    private SizeExpr size(Json value, String path) {
        if (value instanceof Json.Num) {
            return SizeExpr.constant(longInteger(value, path));
        }
        if (value instanceof Json.Str s) {
            return SizeExpr.dim(dimName(s, path));
        }
        if (!(value instanceof Json.Arr)) {
            throw error(value, path + ": expected a size (a number, a dim name or a list of terms), found "
                    + Json.describe(value));
        }
        return new SizeExpr(list(value, path, this::term));
    }

    private SizeExpr.Term term(Json value, String path) {
        if (!(value instanceof Json.Arr a) || a.elements().isEmpty()) {
            throw error(value, path + ": expected a term [coefficient, factor...], found " + Json.describe(value));
        }
        long coef = longInteger(a.elements().get(0), path + "[0]");
        List<SizeExpr.Factor> factors = new ArrayList<>();
        for (int i = 1; i < a.elements().size(); i++) {
            Json f = a.elements().get(i);
            String at = path + "[" + i + "]";
            if (f instanceof Json.Str s) {
                factors.add(new SizeExpr.Dim(dimName(s, at)));
            } else {
                Fields q = new Fields(f, at);
                factors.add(new SizeExpr.FloorDiv(size(q.get("floordiv"), q.path("floordiv")),
                        longInteger(q.get("by"), q.path("by"))));
                q.done();
            }
        }
        return new SizeExpr.Term(coef, factors);
    }

    private String dimName(Json.Str s, String path) {
        if (s.value().isEmpty()) {
            throw error(s, path + ": a dim name may not be empty");
        }
        return s.value();
    }

    private DType dtype(Json value, String path) {
        String name = string(value, path);
        return DType.fromSpelling(name).orElseThrow(() -> error(value, path + ": unknown dtype \"" + name
                + "\" (expected one of " + Arrays.stream(DType.values()).map(DType::spelling)
                .collect(Collectors.joining(", ")) + ")"));
    }

    /** A number, or one of the strings "nan", "inf", "-inf". */
    private double real(Json value, String path) {
        if (value instanceof Json.Num n) {
            return Double.parseDouble(n.text());
        }
        if (value instanceof Json.Str s) {
            switch (s.value()) {
                case "nan": return Double.NaN;
                case "inf": return Double.POSITIVE_INFINITY;
                case "-inf": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw error(value, path + ": expected a number (or \"nan\", \"inf\", \"-inf\"), found " + Json.describe(value));
    }

    private long longInteger(Json value, String path) {
        if (!(value instanceof Json.Num n) || !INTEGER.matcher(n.text()).matches()) {
            throw error(value, path + ": expected an integer, found " + Json.describe(value));
        }
        try {
            return Long.parseLong(n.text());
        } catch (NumberFormatException e) {
            throw error(value, path + ": " + n.text() + " does not fit in 64 bits");
        }
    }

    private int integer(Json value, String path) {
        long v = longInteger(value, path);
        if (v != (int) v) {
            throw error(value, path + ": " + v + " does not fit in 32 bits");
        }
        return (int) v;
    }

    private boolean bool(Json value, String path) {
        if (!(value instanceof Json.Bool b)) {
            throw error(value, path + ": expected true or false, found " + Json.describe(value));
        }
        return b.value();
    }

    private String string(Json value, String path) {
        if (!(value instanceof Json.Str s)) {
            throw error(value, path + ": expected a string, found " + Json.describe(value));
        }
        return s.value();
    }

    private Optional<String> optionalString(Json value, String path) {
        return value instanceof Json.Null ? Optional.empty() : Optional.of(string(value, path));
    }

    private interface Element<T> {
        T decode(Json value, String path);
    }

    private <T> List<T> list(Json value, String path, Element<T> element) {
        if (!(value instanceof Json.Arr a)) {
            throw error(value, path + ": expected an array, found " + Json.describe(value));
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < a.elements().size(); i++) {
            out.add(element.decode(a.elements().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private PlanFormatException error(Json at, String message) {
        return at.at() == null ? new PlanFormatException(source, message)
                : new PlanFormatException(source, at.at().line(), at.at().column(), message);
    }

    /** The members of one object, each to be read once; what is left unread is an unknown key. */
    private final class Fields {
        private final Json.Obj obj;
        private final String path;
        private final Set<String> read = new LinkedHashSet<>();

        Fields(Json value, String path) {
            if (!(value instanceof Json.Obj o)) {
                throw error(value, path + ": expected an object, found " + Json.describe(value));
            }
            this.obj = o;
            this.path = path;
        }

        String path(String key) {
            return path + "." + key;
        }

        Set<String> keys() {
            return obj.members().keySet();
        }

        boolean has(String key) {
            return obj.members().containsKey(key);
        }

        Json get(String key) {
            Json v = obj.members().get(key);
            if (v == null) {
                throw error(obj, path + ": missing key \"" + key + "\"");
            }
            read.add(key);
            return v;
        }

        /** The one of {@code tags} this tagged object has. */
        String tag(String... tags) {
            String found = null;
            for (String t : tags) {
                if (obj.members().containsKey(t)) {
                    if (found != null) {
                        throw error(obj, path + ": has both \"" + found + "\" and \"" + t + "\"; expected one of "
                                + String.join(", ", tags));
                    }
                    found = t;
                }
            }
            if (found == null) {
                throw error(obj, path + ": expected one of the keys " + String.join(", ", tags) + ", found "
                        + (obj.members().isEmpty() ? "none" : String.join(", ", obj.members().keySet())));
            }
            return found;
        }

        void done() {
            for (Map.Entry<String, Json> m : obj.members().entrySet()) {
                if (!read.contains(m.getKey())) {
                    throw error(m.getValue(), path + ": unknown key \"" + m.getKey() + "\" (known here: "
                            + String.join(", ", read) + ")");
                }
            }
        }
    }
}
