// The rounded-values analysis: which values the reference interpreter holds exactly in their dtype.
package dev.tmc.compiler.pass;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.tmc.compiler.pass.Programs.lower;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundedValuesTest {

    @Test
    void storesAndExactOpsAreRoundedArithmeticIsNot() {
        Graph g = lower("pipeline P(x: f32[N, D], i: i32[N, D], b: bool[N, D]) -> (p: f32[N, D], c: f16[N, D],"
                + " m: f32[N, D], im: i32[N, D], mn: f32[N, D], ng: f32[N, D], t: f32[D, N], cmp: bool[N, D],"
                + " mx: f32[N], s: f32[N], is: i32[N], ex: f32[N, D], sel: f32[N, D], mu: f32[N]) {"
                + " return (x, x as f16, x * x, i * i, min(x, -x), -abs(floor(x)), transpose(x), x < x,"
                + " max(x, axis = 1), sum(x, axis = 1), sum(i, axis = 1), exp(x), where(b, x, -x),"
                + " mean(x, axis = 1)); }");
        RoundedValues facts = new RoundedValues(g::instr);
        // Products, sums, means and exp of f32 values are f64 values in the reference.
        Set<String> rounded = Set.of("p", "c", "im", "mn", "ng", "t", "cmp", "mx", "is", "sel");
        for (GraphOutput o : g.outputs()) {
            assertEquals(rounded.contains(o.name()), facts.isRounded(o.value()), o.name());
        }
    }
}
