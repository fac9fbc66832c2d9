// The CPU kernels of one .tm file, generated next to its pipeline classes.
package dev.tmc.runtime.cpu;

public interface CpuKernelLibrary {
    /** The kernel of this name; IllegalArgumentException when there is none. */
    CpuKernel kernel(String name);
}
