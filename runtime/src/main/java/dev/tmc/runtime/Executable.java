// A pipeline loaded on a device, ready to call: what a generated pipeline class wraps.
package dev.tmc.runtime;

import dev.tmc.runtime.plan.PipelinePlan;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Safe to call from many threads at once. A call checks its arguments before any kernel runs:
 * IllegalArgumentException names the parameter and the mismatch (dtype, rank, a dim inconsistent
 * with another input's, a violated requirement, a missing scalar); IllegalStateException is a
 * closed input tensor.
 */
public interface Executable {
    Device device();

    PipelinePlan plan();

    /**
     * Runs the pipeline and returns its outputs, in declaration order, as new tensors on the
     * device that the caller owns and should close.
     *
     * @param args in the pipeline's parameter order: a Tensor for each tensor parameter (rank-0
     *             ones included); for each scalar parameter a Number (an integral one for i32) or
     *             a Boolean (for bool), or null to take its default
     */
    List<Tensor> call(Object... args);

    /**
     * Checks the arguments now (throwing as {@link #call} does), then runs the pipeline without
     * blocking the caller; the inputs may be closed as soon as this returns.
     */
    CompletableFuture<List<Tensor>> callAsync(Object... args);
}
