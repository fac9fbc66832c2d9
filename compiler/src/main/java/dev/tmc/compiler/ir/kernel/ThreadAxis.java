// The thread coordinates kernels may read (1-D launches: threadgroups of a fixed size).
package dev.tmc.compiler.ir.kernel;

public enum ThreadAxis {
    /** Global thread index: threadgroup * threadsPerThreadgroup + threadInThreadgroup. */
    THREAD_IN_GRID,
    THREADGROUP_IN_GRID,
    THREAD_IN_THREADGROUP,
    SIMDGROUP_IN_THREADGROUP,
    THREAD_IN_SIMDGROUP
}
