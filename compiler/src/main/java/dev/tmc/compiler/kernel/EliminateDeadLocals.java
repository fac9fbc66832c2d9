// Kernel cleanup: drops locals nobody reads (index arithmetic a template derived but a value never
// needed). Kernel IR expressions have no side effects, so an unread declaration can always go.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

final class EliminateDeadLocals {
    private EliminateDeadLocals() {
    }

    static Kernel run(Kernel k) {
        List<KStmt> body = k.body();
        while (true) {
            Set<String> read = new HashSet<>();
            read.addAll(Reads.names(body));
            List<KStmt> kept = prune(body, read);
            if (kept.equals(body)) {
                return k.withBody(body);
            }
            body = kept;
        }
    }

    private static List<KStmt> prune(List<KStmt> stmts, Set<String> read) {
        List<KStmt> out = new ArrayList<>();
        for (KStmt s : stmts) {
            if (s instanceof KStmt.Declare d && !read.contains(d.name())) {
                continue;
            }
            if (s instanceof KStmt.Assign a && !read.contains(a.name())) {
                continue;
            }
            if (s instanceof KStmt.For f) {
                out.add(new KStmt.For(f.var(), f.from(), f.to(), f.step(), prune(f.body(), read), f.unroll()));
            } else if (s instanceof KStmt.If i) {
                out.add(new KStmt.If(i.cond(), prune(i.then(), read), prune(i.otherwise(), read)));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
