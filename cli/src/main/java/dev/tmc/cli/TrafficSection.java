// What fusion buys per call: bytes read and written, and kernels launched, by the fused plan and
// by running every op as its own kernel; and how often the host waits for the device.
package dev.tmc.cli;

import dev.tmc.compiler.fusion.Traffic;

final class TrafficSection implements ExplainSection {
    /** One command buffer per call; the host waits once, when it reads a result. */
    static final int HOST_SYNCS_PER_CALL = 1;

    @Override
    public void text(ExplainedPipeline pipeline, StringBuilder out) {
        Traffic t = pipeline.compiled().traffic();
        out.append("// cost of one call of ").append(pipeline.graph().name()).append('\n');
        out.append("  bytes moved: ").append(pipeline.spell(t.fusedBytes())).append(" fused, ")
                .append(pipeline.spell(t.unfusedBytes())).append(" op by op\n");
        out.append("  kernels: ").append(t.fusedKernels()).append(" fused, ").append(t.unfusedKernels())
                .append(" op by op\n");
        out.append("  host syncs per call: ").append(HOST_SYNCS_PER_CALL)
                .append(" (when the result is read; op by op would wait after each of its ")
                .append(t.unfusedKernels()).append(" kernels)\n");
    }

    @Override
    public void json(ExplainedPipeline pipeline, JsonWriter out) {
        Traffic t = pipeline.compiled().traffic();
        pipeline.jsonSize(out, "bytesMoved", t.fusedBytes());
        pipeline.jsonSize(out, "bytesMovedUnfused", t.unfusedBytes());
        out.name("kernelCount").value(t.fusedKernels()).name("kernelCountUnfused").value(t.unfusedKernels())
                .name("hostSyncsPerCall").value(HOST_SYNCS_PER_CALL);
    }
}
