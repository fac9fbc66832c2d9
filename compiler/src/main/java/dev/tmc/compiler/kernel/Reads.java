// The local variables a piece of kernel IR reads, for cleanups and templates that keep only what
// is used.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

final class Reads {
    private Reads() {
    }

    static Set<String> names(List<KStmt> stmts) {
        Set<String> read = new HashSet<>();
        stmts.forEach(s -> reads(s, read));
        return read;
    }

    static void reads(KStmt s, Set<String> read) {
        if (s instanceof KStmt.Declare d) {
            reads(d.init(), read);
        } else if (s instanceof KStmt.Assign a) {
            reads(a.value(), read);
        } else if (s instanceof KStmt.Store st) {
            reads(st.index(), read);
            reads(st.value(), read);
        } else if (s instanceof KStmt.StoreArray st) {
            reads(st.index(), read);
            reads(st.value(), read);
        } else if (s instanceof KStmt.LoadRun l) {
            reads(l.first(), read);
            reads(l.offset(), read);
        } else if (s instanceof KStmt.StoreRun st) {
            reads(st.first(), read);
            reads(st.offset(), read);
        } else if (s instanceof KStmt.For f) {
            read.add(f.var());
            reads(f.from(), read);
            reads(f.to(), read);
            reads(f.step(), read);
            f.body().forEach(x -> reads(x, read));
        } else if (s instanceof KStmt.ArrayRound r) {
            read.add(r.array());
            reads(r.from(), read);
            reads(r.to(), read);
        } else if (s instanceof KStmt.ArrayReduce r) {
            read.add(r.lanes());
            read.add(r.array());
            reads(r.from(), read);
            reads(r.to(), read);
        } else if (s instanceof KStmt.LoadStrip l) {
            reads(l.first(), read);
            reads(l.length(), read);
        } else if (s instanceof KStmt.StoreStrip st) {
            read.add(st.array());
            reads(st.first(), read);
            reads(st.length(), read);
        } else if (s instanceof KStmt.ArrayMap m) {
            read.add(m.array());
            reads(m.from(), read);
            reads(m.to(), read);
        } else if (s instanceof KStmt.SimdMatrixLoad l) {
            reads(l.offset(), read);
        } else if (s instanceof KStmt.SimdMatrixStore st) {
            reads(st.offset(), read);
        } else if (s instanceof KStmt.If i) {
            reads(i.cond(), read);
            i.then().forEach(x -> reads(x, read));
            i.otherwise().forEach(x -> reads(x, read));
        }
    }

    static void reads(KExpr e, Set<String> read) {
        if (e instanceof KExpr.Var v) {
            read.add(v.name());
        } else if (e instanceof KExpr.Load l) {
            reads(l.index(), read);
        } else if (e instanceof KExpr.LoadArray l) {
            reads(l.index(), read);
        } else if (e instanceof KExpr.Unary u) {
            reads(u.x(), read);
        } else if (e instanceof KExpr.Binary b) {
            reads(b.a(), read);
            reads(b.b(), read);
        } else if (e instanceof KExpr.IndexOp i) {
            reads(i.a(), read);
            reads(i.b(), read);
        } else if (e instanceof KExpr.Select s) {
            reads(s.cond(), read);
            reads(s.a(), read);
            reads(s.b(), read);
        } else if (e instanceof KExpr.Convert c) {
            reads(c.x(), read);
        } else if (e instanceof KExpr.SimdReduce r) {
            reads(r.x(), read);
        }
    }
}
