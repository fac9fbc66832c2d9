// Generated MSL must compile as C++20 against the Metal shim: hand-built kernels covering every
// operation on every dtype, and a kernel whose IR mixes types without a Convert must not compile
// (the shim is stricter than MSL there, so such IR shows up here rather than on a Mac).
package dev.tmc.tests.metal;

import dev.tmc.codegen.metal.MslPrinter;
import dev.tmc.compiler.fusion.Template;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MslShimCompileTest {

    static List<Kernel> allHandKernels() {
        List<Kernel> all = new ArrayList<>();
        for (DType t : List.of(DType.F32, DType.F16, DType.BF16, DType.I32)) {
            all.add(HandKernels.unary(t));
            all.add(HandKernels.simdReductions(t));
        }
        for (DType t : DType.values()) {
            all.add(HandKernels.binary(t));
            all.add(HandKernels.conversions(t));
        }
        all.add(HandKernels.softmaxRows());
        return all;
    }

    @Test
    void handBuiltKernelsCompile() {
        Gxx.compiler();
        String metal = MslPrinter.print("hand.tm", allHandKernels());
        ShimProgram.syntaxCheck(ShimWork.fresh("compile-hand"), List.of(new ShimProgram.Unit("hand", metal, List.of())));
    }

    @Test
    void kernelMixingTypesWithoutConvertDoesNotCompile() {
        Gxx.compiler();
        Kernel bad = new Kernel("bad", Template.POINTWISE, "hand-built bad", List.of(HandKernels.out("out_y", DType.F16)),
                List.of(), new Kernel.Launch(DimExpr.of(1), 1),
                List.of(new KStmt.Store("out_y", K.i(0), K.lit(DType.F32, 1.5))));
        String metal = MslPrinter.print("bad.tm", List.of(bad));
        AssertionError e = assertThrows(AssertionError.class, () -> ShimProgram.syntaxCheck(ShimWork.fresh("compile-bad"),
                List.of(new ShimProgram.Unit("bad", metal, List.of()))));
        assertTrue(e.getMessage().contains("out_y[0] = 1.5f;"), e.getMessage());
    }
}
