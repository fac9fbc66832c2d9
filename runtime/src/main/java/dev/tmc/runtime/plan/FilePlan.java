// The manifest of one .tm file: its pipelines' plans and the names of the target artefacts
// (the .metal source and, where the Metal toolchain ran, the .metallib) next to it.
package dev.tmc.runtime.plan;

import java.util.List;
import java.util.Optional;

public record FilePlan(int format, String source, String packageName, List<PipelinePlan> pipelines,
                       Optional<String> metalSource, Optional<String> metalLibrary) {

    /** Bumped whenever the manifest's meaning changes; the runtime refuses other versions. */
    public static final int FORMAT = 1;

    public FilePlan {
        pipelines = List.copyOf(pipelines);
    }

    public PipelinePlan pipeline(String name) {
        return pipelines.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the manifest of " + source + " has no pipeline " + name));
    }
}
