// A row reduction's lanes in strips (Target.mathStrip): a walk that combines each element's f32 value into
// accumulator e % L of a local array (ReductionKernel's sums, maxima and minima) stores a strip's values side by side,
// or finds them already side by side in an array, and one KStmt.ArrayReduce combines them into the lanes: lane k
// takes accumulator k's values in their order, so the bits are those of the element loop (SIMD on the CPU).
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.graph.BinaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class LaneStrips {
    private LaneStrips() {
    }

    /** {@code lanes[e % count] = lanes[e % count] op value}, the statement of a walk over element e. */
    record Accumulation(KStmt.StoreArray statement, String lanes, int count, Combine combine, KExpr value) {
    }

    /**
     * The lane accumulation of a loop body over element {@code var} (step 1): one statement, f32, sum, max or min,
     * whose lanes nothing else in the body reads or writes; else null.
     */
    static Accumulation find(List<KStmt> body, String var) {
        Accumulation found = null;
        for (KStmt s : body) {
            Accumulation a = s instanceof KStmt.StoreArray st ? of(st, var) : null;
            if (a != null) {
                if (found != null) {
                    return null;
                }
                found = a;
            }
        }
        if (found == null) {
            return null;
        }
        for (KStmt s : body) {
            Set<String> read = new HashSet<>();
            if (s == found.statement()) {
                Reads.reads(found.value(), read);
            } else {
                Reads.reads(s, read);
                if (s instanceof KStmt.StoreArray st) {
                    read.add(st.array());
                }
            }
            if (read.contains(found.lanes())) {
                return null;
            }
        }
        return found;
    }

    private static Accumulation of(KStmt.StoreArray st, String var) {
        if (!(st.index() instanceof KExpr.IndexOp lane && lane.fn() == KExpr.IndexFn.MOD
                && lane.a() instanceof KExpr.Var e && e.name().equals(var) && lane.b() instanceof KExpr.Lit n)
                || !(st.value() instanceof KExpr.Binary b) || b.type() != DType.F32
                || !(b.a() instanceof KExpr.LoadArray l && l.array().equals(st.array()) && l.index().equals(st.index()))
                || combine(b.fn()) == null) {
            return null;
        }
        return new Accumulation(st, st.array(), (int) n.value(), combine(b.fn()), b.b());
    }

    private static Combine combine(BinaryFn fn) {
        switch (fn) {
            case ADD: return Combine.SUM;
            case MAX: return Combine.MAX;
            case MIN: return Combine.MIN;
            default: return null;
        }
    }

    /**
     * {@code body} (a strip's last loop over position {@code j}) with the accumulation's value stored at
     * {@code values[j]}, or dropped where {@code values} is null (the value is already there: {@link #source}).
     */
    static List<KStmt> rewrite(List<KStmt> body, Accumulation acc, KExpr.Var j, String values) {
        List<KStmt> out = new ArrayList<>();
        for (KStmt s : body) {
            if (s != acc.statement()) {
                out.add(s);
            } else if (values != null) {
                out.add(new KStmt.StoreArray(values, j, acc.value()));
            }
        }
        return out;
    }

    /**
     * The local f32 array whose element {@code j} is the accumulation's value, where the body reads it from one
     * (through plain declarations) and writes that array nowhere; else null.
     */
    static String source(List<KStmt> body, Accumulation acc, KExpr.Var j) {
        Map<String, KExpr> declared = new HashMap<>();
        Set<String> written = new HashSet<>();
        for (KStmt s : body) {
            if (s instanceof KStmt.Declare d) {
                declared.put(d.name(), d.init());
            } else if (s instanceof KStmt.StoreArray st) {
                written.add(st.array());
            }
        }
        KExpr x = acc.value();
        while (x instanceof KExpr.Var v && declared.containsKey(v.name())) {
            x = declared.get(v.name());
        }
        if (x instanceof KExpr.LoadArray l && l.type() == DType.F32 && l.index().equals(j)
                && !written.contains(l.array())) {
            return l.array();
        }
        return null;
    }
}
