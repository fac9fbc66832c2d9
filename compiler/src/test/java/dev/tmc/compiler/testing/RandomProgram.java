// A generated .tm program: its source, the seed that reproduces it, the precision to compile it
// with, its pipelines (the first is "the" pipeline) and the constructs it contains.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.source.SourceFile;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

public record RandomProgram(long seed, String source, Precision precision, List<GeneratedPipeline> pipelines,
                            Set<Construct> constructs) {

    public RandomProgram {
        pipelines = List.copyOf(pipelines);
        constructs = Collections.unmodifiableSet(Val.copy(constructs));
    }

    /** The first pipeline's name. */
    public String name() {
        return pipelines.get(0).name();
    }

    /** The first pipeline's dim sizes. */
    public Map<String, Long> dims() {
        return pipelines.get(0).dims();
    }

    /** Random inputs for the first pipeline. */
    public Map<String, HostArray> inputs(long inputSeed) {
        return pipelines.get(0).inputs(inputSeed);
    }

    public SourceFile sourceFile() {
        return new SourceFile(RandomPrograms.fileName(seed), source);
    }
}
