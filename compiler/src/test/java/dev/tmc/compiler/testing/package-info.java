// The differential-testing kit: random well-typed programs and the comparisons every stage is
// checked with. Published in tmc-compiler's test-jar (depend on it with <type>test-jar</type>).
/**
 * Differential testing of tmc: generate a program, compile it, run it two ways, compare.
 *
 * <pre>{@code
 * RandomProgram p = RandomPrograms.generate(seed, RandomPrograms.Options.defaults());
 * Module m = Differential.compile(p, "-Dmy.seed=" + seed);        // fails with seed, source, diagnostics
 * for (GeneratedPipeline gp : p.pipelines()) {
 *     Graph g = m.pipeline(gp.name()).orElseThrow();
 *     Map<String, HostArray> in = gp.inputs(seed);                  // sized by gp.dims()
 *     Map<String, HostArray> expected = Interpreter.run(g, in);
 *     Map<String, HostArray> actual = ...;                          // the stage under test
 *     Tolerance.Outputs.of(Tolerance.magnitude(in)).withPrecisions(OutputPrecision.of(g))
 *             .mismatch(expected, actual).ifPresent(msg -> fail(Differential.describe(p, "...") + msg));
 * }
 * }</pre>
 *
 * <p>{@link dev.tmc.compiler.testing.Reference} judges graph-to-graph transformations that may move
 * rounding; {@link dev.tmc.compiler.testing.PassByPass} names the first pass at fault. Backends that
 * compute in f32 or f16 should generate with {@code Options.withRobustDecisions(true)}, so that no
 * comparison or float-to-int cast sits on a value with rounding error, and may switch constructs
 * they lack off with {@code Options.without(...)}.
 */
package dev.tmc.compiler.testing;
