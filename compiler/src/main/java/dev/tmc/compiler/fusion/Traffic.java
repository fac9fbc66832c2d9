// Bytes a call moves through memory, for the fused plan and for running every op as its own
// kernel; the difference is what fusion saves. Inputs are counted once per kernel that reads them.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Op;
import dev.tmc.compiler.memory.PlanMemory;
import dev.tmc.compiler.shape.DimExpr;

import java.util.HashSet;
import java.util.Set;

public record Traffic(DimExpr fusedBytes, DimExpr unfusedBytes, int fusedKernels, int unfusedKernels) {

    public static Traffic of(FusionPlan plan) {
        Graph g = plan.graph();
        Set<Integer> host = new HashSet<>(plan.hostValues());
        DimExpr fused = DimExpr.of(0);
        for (FusionGroup k : plan.groups()) {
            for (int in : k.inputs()) {
                fused = fused.plus(deviceBytes(g, in, host));
            }
            for (int out : k.outputs()) {
                fused = fused.plus(PlanMemory.bytes(g.instr(out)));
            }
        }
        DimExpr unfused = DimExpr.of(0);
        int kernels = 0;
        for (Instr i : g.body()) {
            Op op = i.op();
            if (op instanceof Op.Parameter || op instanceof Op.Constant || op instanceof Op.DimValue
                    || op instanceof Op.Reshape || host.contains(i.id())) {
                continue; // no kernel: a value that exists already, or a view that copies nothing
            }
            kernels++;
            for (int a : i.args()) {
                unfused = unfused.plus(deviceBytes(g, a, host));
            }
            unfused = unfused.plus(PlanMemory.bytes(i));
        }
        return new Traffic(fused, unfused, plan.kernelCount(), kernels);
    }

    /** Scalars passed as kernel arguments cost nothing to read. */
    private static DimExpr deviceBytes(Graph g, int value, Set<Integer> host) {
        Instr i = g.instr(value);
        boolean scalarArgument = host.contains(value) || i.op() instanceof Op.Constant
                || i.op() instanceof Op.DimValue
                || i.op() instanceof Op.Parameter p && g.params().get(p.index()).scalar();
        return scalarArgument ? DimExpr.of(0) : PlanMemory.bytes(i);
    }
}
