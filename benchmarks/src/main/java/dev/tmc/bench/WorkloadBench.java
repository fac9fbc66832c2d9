// Measures one workload: the CPU backend on its inputs, the copy floor of its minimal bytes, and
// the reference interpreter (on a slice when large). Inputs and floor arrays are dropped before
// the next workload, so that large ones run one at a time.
package dev.tmc.bench;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

final class WorkloadBench {
    /**
     * @param cpu                   timing of the CPU backend and of the copy floor
     * @param interpreter           timing of the reference interpreter
     * @param interpreterMaxElements largest output the interpreter runs; larger workloads are sliced
     */
    record Policies(TimingPolicy cpu, TimingPolicy interpreter, long interpreterMaxElements) {
    }

    private final BenchProgram program;
    private final ForkJoinPool copyPool;

    WorkloadBench(BenchProgram program, ForkJoinPool copyPool) {
        this.program = program;
        this.copyPool = copyPool;
    }

    WorkloadResult run(Workload w, Policies policies) {
        Graph g = program.graph(w.pipeline());
        long bytes = w.minimalBytes(g);
        Measurement cpu = timeCpu(w, g, policies.cpu());
        CopyFloor.Result floor = CopyFloor.measure(bytes, policies.cpu(), copyPool);
        InterpreterTiming.Result interpreter = InterpreterTiming.measure(g, w, policies.interpreterMaxElements(),
                policies.interpreter());
        return new WorkloadResult(w, w.dtype(g).spelling(), program.kernelCount(w.pipeline()), bytes, cpu, floor,
                interpreter);
    }

    private Measurement timeCpu(Workload w, Graph g, TimingPolicy policy) {
        Executable exe = program.cpu(w.pipeline());
        List<Tensor> inputs = new WorkloadInputs(g, w, 1).tensors();
        try {
            Object[] args = inputs.toArray();
            return CallTimer.measure(policy, () -> CpuCalls.callAndClose(exe, args));
        } finally {
            inputs.forEach(Tensor::close);
        }
    }

    /** The CPU backend's first output for {@code inputs}: what the smoke test checks. */
    float[] cpuOutput(Workload w, WorkloadInputs inputs) {
        List<Tensor> tensors = inputs.tensors();
        try {
            return CpuCalls.firstOutput(program.cpu(w.pipeline()), tensors.toArray());
        } finally {
            tensors.forEach(Tensor::close);
        }
    }
}
