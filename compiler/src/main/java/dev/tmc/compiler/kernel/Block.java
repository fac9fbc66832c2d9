// A statement list under construction, with the values already computed in it and its enclosing
// blocks, so each value is computed once per scope and named.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

final class Block {
    private final Block parent;
    private final Names names;
    private final List<KStmt> stmts = new ArrayList<>();
    private final Map<Object, KExpr> cache = new HashMap<>();

    /** Fresh local names for one kernel. */
    static final class Names {
        private int next;

        String fresh(String hint) {
            return hint + next++;
        }
    }

    Block(Names names) {
        this(null, names);
    }

    private Block(Block parent, Names names) {
        this.parent = parent;
        this.names = names;
    }

    Block child() {
        return new Block(this, names);
    }

    void add(KStmt s) {
        stmts.add(s);
    }

    List<KStmt> stmts() {
        return List.copyOf(stmts);
    }

    String fresh(String hint) {
        return names.fresh(hint);
    }

    KExpr cached(Object key) {
        for (Block b = this; b != null; b = b.parent) {
            KExpr e = b.cache.get(key);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    void cache(Object key, KExpr value) {
        cache.put(key, value);
    }

    /** The value for {@code key}, computing and naming it in this block the first time. */
    KExpr memo(Object key, String hint, Supplier<KExpr> compute) {
        KExpr hit = cached(key);
        if (hit != null) {
            return hit;
        }
        KExpr value = bind(compute.get(), hint);
        cache(key, value);
        return value;
    }

    /** Names a non-trivial expression with a new local; literals and variables stay as they are. */
    KExpr bind(KExpr e, String hint) {
        if (e instanceof KExpr.Lit || e instanceof KExpr.Var || e instanceof KExpr.ThreadIndex) {
            return e;
        }
        String name = fresh(hint);
        stmts.add(new KStmt.Declare(name, e.type(), e));
        return new KExpr.Var(name, e.type());
    }

    /** A new mutable local initialised to {@code init}. */
    KExpr.Var declare(String hint, DType type, KExpr init) {
        String name = fresh(hint);
        stmts.add(new KStmt.Declare(name, type, init));
        return new KExpr.Var(name, type);
    }
}
