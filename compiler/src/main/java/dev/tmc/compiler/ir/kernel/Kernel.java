// One kernel: what a fusion group becomes. Arguments, launch shape and a thread-level body;
// target-independent, printed as MSL, Java and CUDA C by printers that only spell it.
package dev.tmc.compiler.ir.kernel;

import dev.tmc.compiler.fusion.Template;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * @param name     the kernel function's name, unique in its file
 * @param source   where it comes from, e.g. {@code quickstart.tm:6 (pipeline Quickstart)}
 * @param buffers  device buffers, bound in this order
 * @param scalars  scalar arguments (dims, host values, scalar parameters), bound after the buffers
 * @param launch   how many threadgroups of how many threads
 * @param math     how exactly its transcendental functions must be computed
 * @param library  for a library step: the library call the body stands in for
 */
public record Kernel(String name, Template template, String source, List<BufferArg> buffers,
                     List<ScalarArg> scalars, Launch launch, List<KStmt> body, MathMode math,
                     Optional<LibraryCall> library) {
    public Kernel {
        buffers = List.copyOf(buffers);
        scalars = List.copyOf(scalars);
        body = List.copyOf(body);
        Objects.requireNonNull(library, "library");
    }

    public Kernel(String name, Template template, String source, List<BufferArg> buffers, List<ScalarArg> scalars,
                  Launch launch, List<KStmt> body, MathMode math) {
        this(name, template, source, buffers, scalars, launch, body, math, Optional.empty());
    }

    /** A kernel whose transcendental functions are precise. */
    public Kernel(String name, Template template, String source, List<BufferArg> buffers, List<ScalarArg> scalars,
                  Launch launch, List<KStmt> body) {
        this(name, template, source, buffers, scalars, launch, body, MathMode.PRECISE);
    }

    public Kernel withMath(MathMode mode) {
        return new Kernel(name, template, source, buffers, scalars, launch, body, mode, library);
    }

    public Kernel withBody(List<KStmt> newBody) {
        return new Kernel(name, template, source, buffers, scalars, launch, newBody, math, library);
    }

    public Kernel withLibrary(LibraryCall call) {
        return new Kernel(name, template, source, buffers, scalars, launch, body, math, Optional.of(call));
    }

    public Kernel withName(String newName) {
        return new Kernel(newName, template, source, buffers, scalars, launch, body, math, library);
    }

    /** A device buffer argument holding a graph value in {@code dtype}, read or written. */
    public record BufferArg(String name, DType dtype, boolean written, BufferRole role) {
    }

    /** Which tensor of a call a buffer argument is bound to. */
    public sealed interface BufferRole {
        int value();
    }

    /** The tensor passed for the index-th parameter. */
    public record ParamBuffer(int index, int value) implements BufferRole {
    }

    /** The tensor returned as the index-th output. */
    public record OutputBuffer(int index, int value) implements BufferRole {
    }

    /** An intermediate in the call's arena. */
    public record ArenaBuffer(int value) implements BufferRole {
    }

    /** A scalar argument and where the runtime takes its value from. */
    public record ScalarArg(String name, DType type, ScalarSource source) {
    }

    public sealed interface ScalarSource {
    }

    /** The size of a dim, bound from the inputs at call time. */
    public record DimSource(String dim) implements ScalarSource {
    }

    /** A rank-0 graph value the host computes once per call (a scalar parameter or host value). */
    public record ValueSource(int value) implements ScalarSource {
    }

    /**
     * {@code threadgroups} threadgroups of {@code threadsPerThreadgroup} threads, 1-D;
     * {@code threadgroupsPerCore}, where above 0, asks the target's compiler to fit that many
     * threadgroups on one multiprocessor at once (CUDA's second __launch_bounds__ argument).
     */
    public record Launch(DimExpr threadgroups, int threadsPerThreadgroup, int threadgroupsPerCore) {
        public Launch(DimExpr threadgroups, int threadsPerThreadgroup) {
            this(threadgroups, threadsPerThreadgroup, 0);
        }
    }
}
