// What the runtime needs to run one pipeline, written by the compiler into the file's manifest:
// the signature, how dims are bound and checked, host scalars, the arena, and per target the
// kernels with their argument bindings and launch sizes (a library step is a kernel with a library
// call the runtime makes instead where it can), and a target's own arena where its steps differ.
package dev.tmc.runtime.plan;

import dev.tmc.runtime.DType;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

public record PipelinePlan(String name, List<Param> params, List<Output> outputs, List<Requirement> requirements,
                           List<HostValue> hostValues, Arena arena, Map<String, List<KernelPlan>> kernelsByTarget,
                           Map<String, Arena> arenaByTarget) {

    public PipelinePlan {
        params = List.copyOf(params);
        outputs = List.copyOf(outputs);
        requirements = List.copyOf(requirements);
        hostValues = List.copyOf(hostValues);
        kernelsByTarget = Map.copyOf(kernelsByTarget);
        arenaByTarget = Map.copyOf(arenaByTarget);
    }

    /** A plan whose targets all share one arena. */
    public PipelinePlan(String name, List<Param> params, List<Output> outputs, List<Requirement> requirements,
                        List<HostValue> hostValues, Arena arena, Map<String, List<KernelPlan>> kernelsByTarget) {
        this(name, params, outputs, requirements, hostValues, arena, kernelsByTarget, Map.of());
    }

    /**
     * A parameter; a tensor's dims are literal sizes or names ({@code shape} entries are
     * SizeExpr.constant or SizeExpr.dim), bound from the actual shapes at call time.
     */
    public record Param(String name, DType dtype, List<SizeExpr> shape, boolean scalar, OptionalDouble defaultValue) {
        public Param {
            shape = List.copyOf(shape);
        }
    }

    /** An output: written by a kernel into a tensor the call allocates. */
    public record Output(String name, DType dtype, List<SizeExpr> shape) {
        public Output {
            shape = List.copyOf(shape);
        }
    }

    /** A fact about the dims a call must satisfy: {@code nonNegative >= 0}, else {@code message}. */
    public record Requirement(SizeExpr nonNegative, String message) {
    }

    /** A host scalar, identified by the graph value it stands for (kernels refer to it by that id). */
    public record HostValue(int value, HostExpr expr) {
    }

    /** The call's scratch memory: {@code bytes} in total, each intermediate at a byte offset. */
    public record Arena(SizeExpr bytes, List<Allocation> allocations) {
        public Arena {
            allocations = List.copyOf(allocations);
        }
    }

    /** An intermediate: slot {@code slot} (values in one slot never live at once), at {@code offset}. */
    public record Allocation(int value, int slot, SizeExpr offset, SizeExpr bytes, DType dtype) {
    }

    /** One kernel launch, in schedule order; with {@code library}, a library step the kernel stands in for. */
    public record KernelPlan(String name, String template, SizeExpr threadgroups, int threadsPerThreadgroup,
                             List<BufferBinding> buffers, List<ScalarBinding> scalars, Optional<LibraryStep> library) {
        public KernelPlan {
            buffers = List.copyOf(buffers);
            scalars = List.copyOf(scalars);
            Objects.requireNonNull(library, "library");
        }

        public KernelPlan(String name, String template, SizeExpr threadgroups, int threadsPerThreadgroup,
                          List<BufferBinding> buffers, List<ScalarBinding> scalars) {
            this(name, template, threadgroups, threadsPerThreadgroup, buffers, scalars, Optional.empty());
        }
    }

    /** The library call a kernel stands in for: the runtime's library computes the same where it has one. */
    public sealed interface LibraryStep permits MatmulStep, AttentionStep {
    }

    /**
     * out = alpha * A @ B (+ bias), f32 accumulation, rounded to {@code dtype}; all row-major and
     * contiguous: A {@code [batch, m, k]} (stored {@code [batch, k, m]} when transposeA), B
     * {@code [batch, k, n]} (stored {@code [batch, n, k]} when transposeB), out {@code [batch, m, n]},
     * bias {@code [n]}. a, b, out, bias index the step's buffers; alpha its scalars; -1: none.
     */
    public record MatmulStep(int a, int b, int out, int bias, int alpha, boolean transposeA, boolean transposeB,
                             SizeExpr batch, SizeExpr m, SizeExpr n, SizeExpr k, DType dtype) implements LibraryStep {
    }

    /**
     * out = softmax(scale * q @ k^T, last axis) @ v per head, f32 scores and sums, the probabilities
     * rounded to {@code dtype} for the second product, the result once; row-major and contiguous: q and
     * out {@code [heads, rows, headDim]}, k and v {@code [heads, cols, headDim]}. q, k, v, out index the
     * step's buffers; scale its scalars, or -1 for {@code scaleConstant}.
     */
    public record AttentionStep(int q, int k, int v, int out, int scale, double scaleConstant, SizeExpr heads,
                                SizeExpr rows, SizeExpr cols, SizeExpr headDim, DType dtype) implements LibraryStep {
    }

    /** A buffer argument and the tensor it is bound to. */
    public record BufferBinding(String name, DType dtype, boolean written, BufferSource source) {
    }

    public sealed interface BufferSource {
    }

    /** The index-th parameter's tensor. */
    public record FromParam(int index) implements BufferSource {
    }

    /** The index-th output's tensor. */
    public record FromOutput(int index) implements BufferSource {
    }

    /** The arena allocation of graph value {@code value}. */
    public record FromArena(int value) implements BufferSource {
    }

    /** A scalar argument and where its value comes from. */
    public record ScalarBinding(String name, DType dtype, ScalarSource source) {
    }

    public sealed interface ScalarSource {
    }

    public record FromDim(String dim) implements ScalarSource {
    }

    /** A scalar parameter, by position. */
    public record FromScalarParam(int index) implements ScalarSource {
    }

    /** A host value, by the graph value id it stands for. */
    public record FromHostValue(int value) implements ScalarSource {
    }

    public List<KernelPlan> kernels(String target) {
        List<KernelPlan> k = kernelsByTarget.get(target);
        if (k == null) {
            throw new IllegalArgumentException("pipeline " + name + " has no kernels for target " + target
                    + "; it has " + kernelsByTarget.keySet());
        }
        return k;
    }

    public Optional<Allocation> allocation(int value) {
        return arena.allocations().stream().filter(a -> a.value() == value).findFirst();
    }

    /** The arena of {@code target}'s steps: its own where it has one, else the shared one. */
    public Arena arena(String target) {
        return arenaByTarget.getOrDefault(target, arena);
    }

    public Optional<Allocation> allocation(String target, int value) {
        return arena(target).allocations().stream().filter(a -> a.value() == value).findFirst();
    }
}
