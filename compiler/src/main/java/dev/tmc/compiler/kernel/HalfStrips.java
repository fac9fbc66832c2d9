// The operands of a strip (Target.mathStrip): a buffer that a strip's loop reads or writes at the element it is
// at (base + index + a constant) is converted (f16) or copied (f32) a strip at once, into a local array before the
// loops (KStmt.LoadStrip) or out of one after them (KStmt.StoreStrip), so the loops in between are float array loops
// at one index, without a conversion call per element. Converting is exact both ways, so the bits are those of the
// element loop.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

final class HalfStrips {
    private HalfStrips() {
    }

    /** The buffer dtypes a strip converts (the runtime's BlockMath.fromF16 and toF16). */
    static final Set<DType> HALF = Set.of(DType.F16);
    /**
     * And f32, copied: C2 (JDK 17) vectorizes a loop only where its accesses share one index, so a pointwise strip
     * and a row reduction's walks read and write local arrays at their position rather than buffers at an offset
     * (out[row * D + e] against w[e]; see docs/benchmarks.md, cpupw and cpurow).
     */
    static final Set<DType> HALF_AND_FLOAT = Set.of(DType.F16, DType.F32);

    /**
     * The accesses of one buffer at {@code base + var + q} for q in [low, high] (base null: 0), all loads or all
     * stores, held in {@code array} at position {@code (element in strip) * step + q - low}.
     */
    record Run(String buffer, DType type, String var, KExpr base, boolean store, long low, long high, String array) {
        /** Array elements a strip of {@code iterations} steps of {@code step} needs. */
        int arrayLength(int iterations, int step) {
            return (int) (iterations * (long) step + high - low);
        }

        /** The first buffer element, given the strip's start along {@code var}. */
        KExpr first(KExpr start) {
            return Idx.add(base == null ? start : Idx.add(base, start), Idx.lit(low));
        }

        /** Elements converted for a strip of {@code count} steps: those the loop reads or writes. */
        KExpr length(KExpr count, int step) {
            if (high - low + 1 == step) {
                return Idx.mul(count, Idx.lit(step));
            }
            return Idx.add(Idx.mul(Idx.sub(count, Idx.lit(1)), Idx.lit(step)), Idx.lit(high - low + 1));
        }
    }

    private record Access(String buffer, DType type, String var, KExpr base, boolean store, long offset) {
    }

    /**
     * The runs of {@code body}, a straight loop body whose element moves by {@code step} along each of {@code vars}
     * per iteration, for buffers of {@code types}. A buffer takes part only where every access to it in the body is
     * one run (so a strip's reads all come before its writes, as they did element by element); a store run must
     * cover each step whole.
     */
    static List<Run> runs(List<KStmt> body, Set<String> vars, int step, Function<String, String> names,
                          Set<DType> types) {
        Set<String> declared = new HashSet<>(vars);
        body.forEach(s -> {
            if (s instanceof KStmt.Declare d) {
                declared.add(d.name());
            }
        });
        Map<String, List<Access>> byBuffer = new LinkedHashMap<>();
        Set<String> excluded = new HashSet<>();
        for (KStmt s : body) {
            if (s instanceof KStmt.Store st) {
                access(st.buffer(), st.index(), st.value().type(), true, vars, declared, byBuffer, excluded, types);
            }
            List<KExpr> exprs = new ArrayList<>();
            loads(s, e -> {
                exprs.add(e);
                return e;
            });
            for (KExpr e : exprs) {
                if (e instanceof KExpr.Load l) {
                    access(l.buffer(), l.index(), l.type(), false, vars, declared, byBuffer, excluded, types);
                } else if (e instanceof KExpr.Select sel) {
                    // A select evaluates one operand: its loads may be out of bounds for the other elements.
                    List<KExpr> guarded = new ArrayList<>();
                    map(sel.a(), x -> add(guarded, x));
                    map(sel.b(), x -> add(guarded, x));
                    guarded.stream().filter(x -> x instanceof KExpr.Load)
                            .forEach(x -> excluded.add(((KExpr.Load) x).buffer()));
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, List<Access>> e : byBuffer.entrySet()) {
            List<Access> all = e.getValue();
            if (excluded.contains(e.getKey()) || all.isEmpty()) {
                continue;
            }
            Access a = all.get(0);
            boolean one = all.stream().allMatch(x -> x.var().equals(a.var()) && x.type() == a.type()
                    && java.util.Objects.equals(x.base(), a.base()) && x.store() == a.store());
            if (!one) {
                continue;
            }
            long low = all.stream().mapToLong(Access::offset).min().orElseThrow();
            long high = all.stream().mapToLong(Access::offset).max().orElseThrow();
            long distinct = all.stream().mapToLong(Access::offset).distinct().count();
            if (a.store() && (high - low + 1 != step || distinct != step)) {
                continue;
            }
            runs.add(new Run(e.getKey(), a.type(), a.var(), a.base(), a.store(), low, high,
                    names.apply(e.getKey() + "_strip")));
        }
        return runs;
    }

    private static KExpr add(List<KExpr> list, KExpr e) {
        list.add(e);
        return e;
    }

    private static void access(String buffer, KExpr index, DType type, boolean store, Set<String> vars,
                               Set<String> declared, Map<String, List<Access>> byBuffer, Set<String> excluded,
                               Set<DType> types) {
        for (String v : vars) {
            Access a = affine(index, v, buffer, type, store);
            if (a != null && types.contains(type) && (a.base() == null || !readsAny(a.base(), declared))) {
                byBuffer.computeIfAbsent(buffer, b -> new ArrayList<>()).add(a);
                return;
            }
        }
        excluded.add(buffer);
        byBuffer.computeIfAbsent(buffer, b -> new ArrayList<>());
    }

    /** {@code index} as {@code base + v + offset}, or null. */
    private static Access affine(KExpr index, String v, String buffer, DType type, boolean store) {
        if (index instanceof KExpr.Var x && x.name().equals(v)) {
            return new Access(buffer, type, v, null, store, 0);
        }
        if (index instanceof KExpr.Binary b && b.fn() == BinaryFn.ADD && b.type() == DType.I32) {
            Access left = affine(b.a(), v, buffer, type, store);
            if (left != null && !readsAny(b.b(), Set.of(v))) {
                return plus(left, b.b());
            }
            Access right = affine(b.b(), v, buffer, type, store);
            if (right != null && !readsAny(b.a(), Set.of(v))) {
                return plus(right, b.a());
            }
        }
        return null;
    }

    private static Access plus(Access a, KExpr term) {
        if (term instanceof KExpr.Lit l && l.type() == DType.I32) {
            return new Access(a.buffer(), a.type(), a.var(), a.base(), a.store(), a.offset() + (long) l.value());
        }
        return new Access(a.buffer(), a.type(), a.var(), a.base() == null ? term : Idx.add(a.base(), term), a.store(),
                a.offset());
    }

    private static boolean readsAny(KExpr e, Set<String> names) {
        Set<String> read = new HashSet<>();
        Reads.reads(e, read);
        return read.stream().anyMatch(names::contains);
    }

    /**
     * {@code body} with the runs' accesses going to their arrays at {@code position(q - low)}, an expression of
     * the iteration in the strip and the access's offset from the run's first.
     */
    static List<KStmt> rewrite(List<KStmt> body, List<Run> runs, Function<Long, KExpr> position) {
        Map<String, Run> byBuffer = new LinkedHashMap<>();
        runs.forEach(r -> byBuffer.put(r.buffer(), r));
        Function<KExpr, KExpr> rule = e -> {
            if (e instanceof KExpr.Load l && byBuffer.containsKey(l.buffer())) {
                Run r = byBuffer.get(l.buffer());
                return new KExpr.LoadArray(r.array(), position.apply(offset(r, l.index()) - r.low()), l.type());
            }
            return e;
        };
        List<KStmt> out = new ArrayList<>();
        for (KStmt s : body) {
            KStmt t = loads(s, rule);
            if (t instanceof KStmt.Store st && byBuffer.containsKey(st.buffer())) {
                Run r = byBuffer.get(st.buffer());
                t = new KStmt.StoreArray(r.array(), position.apply(offset(r, st.index()) - r.low()), st.value());
            }
            out.add(t);
        }
        return out;
    }

    /** {@code e} with the variables of {@code values} replaced by their values. */
    static KExpr substitute(KExpr e, Map<String, KExpr> values) {
        return map(e, x -> x instanceof KExpr.Var v && values.containsKey(v.name()) ? values.get(v.name()) : x);
    }

    private static long offset(Run r, KExpr index) {
        return affine(index, r.var(), r.buffer(), r.type(), r.store()).offset();
    }

    /** A statement of a straight body with {@code rule} applied to its expressions, innermost first. */
    private static KStmt loads(KStmt s, Function<KExpr, KExpr> rule) {
        if (s instanceof KStmt.Declare d) {
            return new KStmt.Declare(d.name(), d.type(), map(d.init(), rule));
        }
        if (s instanceof KStmt.Assign a) {
            return new KStmt.Assign(a.name(), map(a.value(), rule));
        }
        if (s instanceof KStmt.Store st) {
            return new KStmt.Store(st.buffer(), map(st.index(), rule), map(st.value(), rule));
        }
        if (s instanceof KStmt.StoreArray st) {
            return new KStmt.StoreArray(st.array(), map(st.index(), rule), map(st.value(), rule));
        }
        return s;
    }

    private static KExpr map(KExpr e, Function<KExpr, KExpr> rule) {
        KExpr in;
        if (e instanceof KExpr.Load l) {
            in = new KExpr.Load(l.buffer(), map(l.index(), rule), l.type());
        } else if (e instanceof KExpr.LoadArray l) {
            in = new KExpr.LoadArray(l.array(), map(l.index(), rule), l.type());
        } else if (e instanceof KExpr.Unary u) {
            in = new KExpr.Unary(u.fn(), map(u.x(), rule), u.type());
        } else if (e instanceof KExpr.Binary b) {
            in = new KExpr.Binary(b.fn(), map(b.a(), rule), map(b.b(), rule), b.type());
        } else if (e instanceof KExpr.IndexOp i) {
            in = new KExpr.IndexOp(i.fn(), map(i.a(), rule), map(i.b(), rule));
        } else if (e instanceof KExpr.Select s) {
            in = new KExpr.Select(map(s.cond(), rule), map(s.a(), rule), map(s.b(), rule), s.type());
        } else if (e instanceof KExpr.Convert c) {
            in = new KExpr.Convert(map(c.x(), rule), c.type());
        } else if (e instanceof KExpr.SimdReduce r) {
            in = new KExpr.SimdReduce(r.combine(), map(r.x(), rule), r.type());
        } else {
            in = e;
        }
        return rule.apply(in);
    }
}
