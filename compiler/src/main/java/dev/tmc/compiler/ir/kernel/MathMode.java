// How exactly a kernel's transcendental functions must be computed: chosen by lowering from the
// pipeline's precision profile, spelled by printers (MSL: metal::precise:: or metal::fast::).
package dev.tmc.compiler.ir.kernel;

public enum MathMode {
    /** Correctly rounded or within the platform's precise bound: strict and balanced profiles. */
    PRECISE,
    /** The platform's fast approximations may be used: the fast profile. */
    FAST
}
