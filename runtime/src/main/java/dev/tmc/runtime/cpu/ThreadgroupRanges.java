// Runs one kernel launch on a fork-join pool: the threadgroups split into contiguous ranges, a few
// per worker so uneven ranges balance by stealing, each range one call of the kernel.
package dev.tmc.runtime.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

final class ThreadgroupRanges extends RecursiveAction {
    /** Ranges per worker: enough to even out, few enough that a range amortises its task. */
    private static final int RANGES_PER_WORKER = 4;

    private final CpuKernel kernel;
    private final Object[] buffers;
    private final double[] scalars;
    private final int first;
    private final int end;
    private final int grain;

    private ThreadgroupRanges(CpuKernel kernel, Object[] buffers, double[] scalars, int first, int end, int grain) {
        this.kernel = kernel;
        this.buffers = buffers;
        this.scalars = scalars;
        this.first = first;
        this.end = end;
        this.grain = grain;
    }

    /** Runs threadgroups [0, groups) and returns when all have finished. */
    static void launch(ForkJoinPool pool, CpuKernel kernel, int groups, Object[] buffers, double[] scalars) {
        if (groups <= 0) {
            return;
        }
        int ranges = pool.getParallelism() * RANGES_PER_WORKER;
        int grain = Math.max(1, (int) ((groups + (long) ranges - 1) / ranges));
        if (groups <= grain) {
            kernel.run(0, groups, buffers, scalars); // one range: no task to hand over
            return;
        }
        ThreadgroupRanges all = new ThreadgroupRanges(kernel, buffers, scalars, 0, groups, grain);
        if (ForkJoinTask.getPool() == pool) {
            all.invoke(); // already a worker of this pool (an async call): fork from here
        } else {
            pool.invoke(all);
        }
    }

    @Override
    protected void compute() {
        if (end - first <= grain) {
            kernel.run(first, end, buffers, scalars);
            return;
        }
        int middle = (first + end) >>> 1;
        invokeAll(new ThreadgroupRanges(kernel, buffers, scalars, first, middle, grain),
                new ThreadgroupRanges(kernel, buffers, scalars, middle, end, grain));
    }
}
