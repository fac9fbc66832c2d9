// The generator itself: reproducible from its seed, covering every construct it promises, and
// writing only programs that compile.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphOutput;
import dev.tmc.compiler.ir.graph.GraphPrinter;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class RandomProgramsTest {
    private static final int SEEDS = 500;

    @Test
    void sameSeedGivesSameProgramAndInputs() {
        for (long seed = 0; seed < 50; seed++) {
            RandomProgram a = RandomPrograms.generate(seed);
            RandomProgram b = RandomPrograms.generate(seed);
            assertEquals(a.source(), b.source(), "seed " + seed);
            assertEquals(a.pipelines(), b.pipelines(), "seed " + seed);
            assertEquals(a.precision(), b.precision(), "seed " + seed);
            Map<String, HostArray> ia = a.inputs(seed * 31);
            Map<String, HostArray> ib = b.inputs(seed * 31);
            assertEquals(ia, ib, "seed " + seed);
        }
        assertNotEquals(RandomPrograms.generate(1).source(), RandomPrograms.generate(2).source());
    }

    @Test
    void everyConstructAppearsIn500Programs() {
        Map<Construct, Integer> counts = new EnumMap<>(Construct.class);
        for (Construct c : Construct.values()) {
            counts.put(c, 0);
        }
        for (long seed = 0; seed < SEEDS; seed++) {
            for (Construct c : RandomPrograms.generate(seed).constructs()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        System.out.println("programs containing each construct, of " + SEEDS + ": " + counts);
        List<Construct> missing = new ArrayList<>();
        counts.forEach((c, n) -> {
            if (n == 0) {
                missing.add(c);
            }
        });
        assertTrue(missing.isEmpty(), "never generated: " + missing + "\ncounts: " + counts);
    }

    @Test
    void recordedConstructsAreInTheSource() {
        for (long seed = 0; seed < 100; seed++) {
            RandomProgram p = RandomPrograms.generate(seed);
            String s = p.source();
            check(p, Construct.MATMUL_OP, s.contains(" @ "));
            check(p, Construct.CONCAT, s.contains("concat("));
            check(p, Construct.SOFTMAX, s.contains("softmax("));
            check(p, Construct.USER_FN, s.contains("fn u"));
            check(p, Construct.LET, s.contains("let "));
            check(p, Construct.WHERE, s.contains("where("));
        }
    }

    private static void check(RandomProgram p, Construct c, boolean inSource) {
        if (p.constructs().contains(c) && !inSource) {
            fail("seed " + p.seed() + " records " + c + " but its source lacks it:\n" + p.source());
        }
    }

    @Test
    void disabledConstructsAreNeverGenerated() {
        RandomPrograms.Options options = RandomPrograms.Options.defaults()
                .without(Construct.MATMUL_OP, Construct.MATMUL_FN, Construct.SOFTMAX, Construct.CONCAT);
        for (long seed = 0; seed < 100; seed++) {
            RandomProgram p = RandomPrograms.generate(seed, options);
            assertTrue(!p.source().contains(" @ ") && !p.source().contains("matmul(")
                    && !p.source().contains(" softmax(") && !p.source().contains("concat("), p.source());
            Differential.compile(p, "-Dtmc.diff.seed=" + seed);
        }
    }

    @Test
    void everyProgramCompiles() {
        List<String> failures = new ArrayList<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            RandomProgram p = RandomPrograms.generate(seed);
            try {
                Differential.compile(p, "RandomPrograms.generate(" + seed + ")");
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + SEEDS + " programs do not compile; the first:\n" + failures.get(0));
        }
    }

    /**
     * Output types are checked by the compiler only up to a conversion (an f32 value may be stored
     * as f16), so this compares the dtype of each returned value with the generator's prediction.
     * Every output is declared in another dtype than the predicted one, so the compiler converts
     * it, and the conversion's operand is the value as the compiler typed it.
     */
    @Test
    void generatorPredictsTheCompilersDTypes() {
        RandomPrograms.Options converting = RandomPrograms.Options.defaults().withConversionRate(1);
        int checked = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            RandomProgram p = RandomPrograms.generate(seed, converting);
            Module m = Differential.compile(p, "RandomPrograms.generate(" + seed + ", conversion rate 1)");
            for (GeneratedPipeline gp : p.pipelines()) {
                Graph g = m.pipeline(gp.name()).orElseThrow();
                for (int i = 0; i < g.outputs().size(); i++) {
                    GraphOutput o = g.outputs().get(i);
                    Instr value = g.instr(o.value());
                    DType declared = value.type().dtype();
                    DType predicted = gp.valueDTypes().get(i);
                    if (declared == predicted) {
                        continue; // no conversion to look through
                    }
                    checked++;
                    DType actual = value.op() instanceof Op.Cast ? g.type(value.arg(0)).dtype() : declared;
                    if (actual != predicted) {
                        fail(Differential.describe(p, "seed " + seed + ", conversion rate 1") + "output " + o.name()
                                + " of " + gp.name() + ": the generator expects " + predicted + ", the compiler infers "
                                + actual + "\n" + GraphPrinter.print(g));
                    }
                }
            }
        }
        assertTrue(checked > SEEDS, "only " + checked + " outputs were converted");
    }

    @Test
    void robustProgramsCompile() {
        RandomPrograms.Options robust = RandomPrograms.Options.defaults().withRobustDecisions(true);
        for (long seed = 0; seed < 200; seed++) {
            Differential.compile(RandomPrograms.generate(seed, robust), "robust seed " + seed);
        }
    }
}
