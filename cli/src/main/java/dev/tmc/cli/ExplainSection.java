// One part of what `tmc explain` shows about a pipeline, in text and as JSON members. New stages
// (fusion groups, kernels, memory plans) are new sections in ExplainCommand's list, not new branches.
package dev.tmc.cli;

interface ExplainSection {
    /** Appends this section's text; nothing when it has nothing to say. */
    void text(ExplainedPipeline pipeline, StringBuilder out);

    /** Writes this section's members into the pipeline's JSON object. */
    void json(ExplainedPipeline pipeline, JsonWriter out);
}
