// The local arrays of a row reduction's walks in strips (MathStrips). A walk's arrays carry no value past the walk, so
// a later walk takes those an earlier one declared, of the same type and length: a kernel allocates its arrays on
// every call, and a call of one row is short (rms_norm: 3 arrays of a strip instead of 5).
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.runtime.DType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

final class StripArrays {
    private final List<KStmt> arrays;
    private final Set<String> pooled = new HashSet<>();
    private final Set<String> taken = new HashSet<>();
    private final Set<String> created = new HashSet<>();

    /** Declarations go to {@code arrays}, the kernel's top. */
    StripArrays(List<KStmt> arrays) {
        this.arrays = arrays;
    }

    /** An array of {@code type} and {@code length} no other array of this walk uses. */
    String take(Block names, String hint, DType type, int length) {
        for (KStmt s : arrays) {
            if (s instanceof KStmt.LocalArray l && pooled.contains(l.name()) && !taken.contains(l.name())
                    && l.type() == type && l.length() == length) {
                taken.add(l.name());
                return l.name();
            }
        }
        String name = names.fresh(hint);
        arrays.add(new KStmt.LocalArray(name, type, length));
        pooled.add(name);
        taken.add(name);
        created.add(name);
        return name;
    }

    /** Gives back an array this walk took and does not use after all; one it declared goes. */
    void giveBack(String name) {
        taken.remove(name);
        if (created.remove(name)) {
            pooled.remove(name);
            arrays.removeIf(a -> a instanceof KStmt.LocalArray l && l.name().equals(name));
        }
    }

    /** The walk is done: its arrays are free for the next. */
    void endWalk() {
        taken.clear();
        created.clear();
    }
}
