// What the generator knows about the pipeline it is writing: its dims (symbolic names with the
// concrete sizes the program will run with) and its parameters, which the body may add to.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class PipelineState {
    /** A declared parameter; {@code defaultText} is the literal after {@code =}, if any. */
    record Param(String name, Ty ty, boolean scalar, Optional<String> defaultText) {
        String declaration() {
            String type = scalar ? ty.dtype().spelling() : ty.toString();
            return name + ": " + type + defaultText.map(d -> " = " + d).orElse("");
        }
    }

    final String name;
    final Map<String, Long> sizes;
    final List<Param> params = new ArrayList<>();
    final Set<Construct> uses = EnumSet.noneOf(Construct.class);

    PipelineState(String name, Map<String, Long> sizes) {
        this.name = name;
        this.sizes = new LinkedHashMap<>(sizes);
    }

    /** Symbols a body may name: only those some parameter binds. */
    List<String> boundSymbols() {
        Set<String> out = new LinkedHashSet<>();
        for (Param p : params) {
            for (DimExpr d : p.ty().shape()) {
                out.addAll(d.symbols());
            }
        }
        return new ArrayList<>(out);
    }

    long size(DimExpr d) {
        return d.evaluate(sizes);
    }

    long count(List<DimExpr> shape) {
        long n = 1;
        for (DimExpr d : shape) {
            n *= size(d);
        }
        return n;
    }

    String freshParamName() {
        return "p" + params.size();
    }

    Val addParam(Ty ty, boolean scalar, Optional<String> defaultText) {
        Param p = new Param(freshParamName(), ty, scalar, defaultText);
        params.add(p);
        EnumSet<Construct> u = EnumSet.noneOf(Construct.class);
        u.add(paramDType(ty.dtype()));
        if (scalar) {
            u.add(Construct.SCALAR_PARAM);
            defaultText.ifPresent(d -> u.add(Construct.SCALAR_DEFAULT));
        } else if (ty.rank() == 0) {
            u.add(Construct.RANK0_PARAM);
        } else if (ty.rank() == 3) {
            u.add(Construct.RANK3_PARAM);
        }
        if (ty.shape().stream().anyMatch(DimExpr::isConstant)) {
            u.add(Construct.LITERAL_DIM_PARAM);
        }
        uses.addAll(u);
        return Val.name(p.name(), ty, true, u);
    }

    private static Construct paramDType(DType d) {
        switch (d) {
            case F32: return Construct.PARAM_F32;
            case F16: return Construct.PARAM_F16;
            case BF16: return Construct.PARAM_BF16;
            case I32: return Construct.PARAM_I32;
            default: return Construct.PARAM_BOOL;
        }
    }
}
