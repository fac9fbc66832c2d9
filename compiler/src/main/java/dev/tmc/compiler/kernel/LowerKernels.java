// Step "lower-kernels": turns each scheduled fusion group into one kernel of its template, for a
// target. Every decision a target needs (threads per threadgroup, elements per thread, whether
// threads cooperate on a row or a tile) is made here from the Target; printers only spell.
package dev.tmc.compiler.kernel;

import dev.tmc.compiler.driver.CompiledPipeline;
import dev.tmc.compiler.fusion.FusionGroup;
import dev.tmc.compiler.fusion.FusionPlan;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.Instr;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.MathMode;
import dev.tmc.compiler.ir.kernel.Target;
import dev.tmc.compiler.source.SourceSpan;

import java.util.ArrayList;
import java.util.List;

public final class LowerKernels {
    private LowerKernels() {
    }

    /** The kernels of a pipeline in schedule order. */
    public static List<Kernel> run(CompiledPipeline pipeline, Target target) {
        return run(pipeline.fusion(), target);
    }

    public static List<Kernel> run(FusionPlan plan, Target target) {
        List<Kernel> kernels = new ArrayList<>();
        for (FusionGroup group : plan.groups()) {
            KernelContext ctx = new KernelContext(plan, group, target);
            String source = source(plan.graph(), group);
            Kernel k;
            switch (group.template()) {
                case POINTWISE: k = PointwiseKernel.lower(ctx, source); break;
                case ROW_REDUCTION: case REDUCTION: k = ReductionKernel.lower(ctx, source); break;
                case ATTENTION: k = AttentionKernel.lower(ctx, source); break;
                case LIBRARY_ATTENTION: {
                    Kernel fallback = AttentionKernel.lower(ctx, source);
                    k = fallback.withLibrary(AttentionKernel.call(ctx, fallback));
                    break;
                }
                case LIBRARY_MATMUL: {
                    Kernel fallback = MatmulKernel.lower(ctx, source);
                    k = fallback.withLibrary(DescribeMatmulCall.of(ctx, fallback));
                    break;
                }
                default: k = MatmulKernel.lower(ctx, source);
            }
            kernels.add(EliminateDeadLocals.run(k).withMath(mathMode(plan.graph().precision())));
        }
        return kernels;
    }

    /** Where a kernel comes from, for the comment above it: the first source line of its work. */
    static String source(Graph g, FusionGroup group) {
        String where = null;
        for (int m : group.members()) {
            Instr i = g.instr(m);
            SourceSpan s = i.span();
            if (!s.isNone() && s.file() == g.span().file()) {
                where = s.file().name().replaceAll(".*/", "") + ":" + s.line();
                break;
            }
        }
        String what = group.template().spelling() + " kernel of pipeline " + g.name();
        return where == null ? what : where + ": " + what;
    }

    /** Only the fast profile lets a target trade accuracy of transcendentals for speed. */
    static MathMode mathMode(Precision precision) {
        return precision == Precision.FAST ? MathMode.FAST : MathMode.PRECISE;
    }
}
