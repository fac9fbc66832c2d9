// The stores of a row reduction's walk in strips (MathStrips): a stored strip whose values already sit side by side in
// an array is converted or copied from that array instead of through a copy loop, and an f16 rounding that only an
// f16 store strip reads is left to the store. Both keep the element loop's bits.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class StripStores {
    private StripStores() {
    }

    /**
     * Per store run of a step-1 loop, the local array its one store copies element {@code j} of (through plain
     * declarations), of the run's dtype and written nowhere in the loop; runs whose values are computed are left out.
     */
    static Map<String, String> forwarded(List<KStmt> last, List<HalfStrips.Run> runs, KExpr.Var j) {
        Map<String, KExpr> declared = new HashMap<>();
        Map<String, Integer> stores = new HashMap<>();
        for (KStmt st : last) {
            if (st instanceof KStmt.Declare d) {
                declared.put(d.name(), d.init());
            } else if (st instanceof KStmt.StoreArray sa) {
                stores.merge(sa.array(), 1, Integer::sum);
            }
        }
        Map<String, String> out = new HashMap<>();
        for (KStmt st : last) {
            if (!(st instanceof KStmt.StoreArray sa) || stores.get(sa.array()) != 1 || !sa.index().equals(j)) {
                continue;
            }
            HalfStrips.Run run = runs.stream().filter(r -> r.store() && r.array().equals(sa.array())).findFirst()
                    .orElse(null);
            KExpr x = sa.value();
            while (x instanceof KExpr.Var v && declared.containsKey(v.name())) {
                x = declared.get(v.name());
            }
            if (run != null && x instanceof KExpr.LoadArray l && l.index().equals(j) && l.type() == run.type()
                    && !stores.containsKey(l.array())) {
                out.put(sa.array(), l.array());
            }
        }
        return out;
    }

    /**
     * A strip's statements without the rounding of an array to f16 that only an f16 store strip reads afterwards:
     * converting to f16 rounds to nearest already, and rounding twice to the same grid gives the same half.
     */
    static List<KStmt> withoutRoundsBeforeStores(List<KStmt> strip) {
        List<KStmt> out = new ArrayList<>(strip);
        for (int k = out.size() - 1; k >= 0; k--) {
            if (!(out.get(k) instanceof KStmt.ArrayRound round) || round.type() != DType.F16) {
                continue;
            }
            boolean onlyStored = false;
            boolean readOtherwise = false;
            for (KStmt later : out.subList(k + 1, out.size())) {
                Set<String> read = new HashSet<>();
                Reads.reads(later, read);
                if (later instanceof KStmt.StoreStrip st && st.type() == DType.F16 && st.array().equals(round.array())) {
                    onlyStored = true;
                } else if (read.contains(round.array()) || later instanceof KStmt.ArrayMap
                        || later instanceof KStmt.ArrayRound r && r.array().equals(round.array())) {
                    readOtherwise = true;
                }
            }
            if (onlyStored && !readOtherwise) {
                out.remove(k);
            }
        }
        return out;
    }
}
