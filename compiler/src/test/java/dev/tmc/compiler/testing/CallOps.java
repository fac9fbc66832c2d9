// Generates calls of the prelude (softmax, log_softmax, logsumexp, layer_norm, rms_norm, gelu,
// gelu_tanh, silu, relu), typed by following the prelude's bodies through the promotion rules.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

import static dev.tmc.compiler.testing.Construct.*;

final class CallOps {
    private CallOps() {
    }

    static Optional<Val> userFn(BodyGen g) {
        return UserFns.call(g);
    }

    static Optional<Val> prelude(BodyGen g) {
        int which = g.weighted(3, 2, 2, 2, 2, 2, 1, 2, 2);
        Optional<Val> x = g.take(v -> !v.weak() && v.dtype() != DType.BOOL && (v.rank() > 0 || which >= 5));
        if (x.isEmpty()) {
            return Optional.empty();
        }
        switch (which) {
            case 0: return normalize(g, "softmax", SOFTMAX, x.get());
            case 1: return normalize(g, "log_softmax", LOG_SOFTMAX, x.get());
            case 2: return logsumexp(g, x.get());
            case 3: return layerNorm(g, x.get());
            case 4: return rmsNorm(g, x.get());
            case 5: return activation(g, "gelu", GELU, x.get());
            case 6: return activation(g, "gelu_tanh", GELU_TANH, x.get());
            case 7: return activation(g, "silu", SILU, x.get());
            default: return activation(g, "relu", RELU, x.get());
        }
    }

    /**
     * relu(x) = max(x, 0) keeps the dtype; the others compute in a float. gelu of a rank-0 i32 is
     * weak: its first factor is 0.5 * x, a float literal times an integer.
     */
    static Optional<Val> activation(BodyGen g, String fn, Construct c, Val x) {
        if (!g.allowed(c)) {
            return Optional.empty();
        }
        boolean relu = c == RELU;
        DType dtype = relu ? x.dtype() : PromotionTable.floating(x.dtype());
        boolean weak = (c == GELU || c == GELU_TANH) && x.dtype() == DType.I32 && x.rank() == 0;
        return Optional.of(Val.of(fn + "(" + x.text() + ")", x.ty().withDType(dtype), weak, relu && x.exact(), c, x));
    }

    /** An axis argument of a prelude fn (default -1): the text to append and the axes it means. */
    private record AxisArg(String text, Set<Integer> axes, boolean list) {
    }

    private static AxisArg axisArg(BodyGen g, int rank, boolean lists) {
        int form = g.weighted(3, 4, 2, lists && rank > 1 ? 1 : 0);
        if (form == 0) {
            return new AxisArg("", Set.of(rank - 1), false);
        }
        int axis = g.below(rank);
        String spelled = Integer.toString(g.chance(0.4) ? axis - rank : axis);
        if (form == 1) {
            return new AxisArg(", axis = " + spelled, Set.of(axis), false);
        }
        if (form == 2) {
            return new AxisArg(", " + spelled, Set.of(axis), false);
        }
        int other = (axis + 1 + g.below(rank - 1)) % rank;
        return new AxisArg(", axis = [" + spelled + ", " + other + "]", new TreeSet<>(List.of(axis, other)), true);
    }

    private static Optional<Val> normalize(BodyGen g, String fn, Construct c, Val x) {
        if (!g.allowed(c)) {
            return Optional.empty();
        }
        AxisArg axis = axisArg(g, x.rank(), true);
        Ty t = x.ty().withDType(PromotionTable.floating(x.dtype()));
        Val v = Val.of(fn + "(" + x.text() + axis.text() + ")", t, false, false, c, x);
        return Optional.of(axis.list() ? v.with(AXIS_LIST) : v);
    }

    private static Optional<Val> logsumexp(BodyGen g, Val x) {
        if (!g.allowed(LOGSUMEXP)) {
            return Optional.empty();
        }
        AxisArg axis = axisArg(g, x.rank(), true);
        boolean keep = g.chance(0.4);
        String keepText = keep ? ", keepdims = true" : g.chance(0.2) ? ", keepdims = false" : "";
        if (axis.text().startsWith(", ") && !axis.text().contains("=") && !keepText.isEmpty()) {
            keepText = ", " + keep;                           // all positional: logsumexp(x, 1, true)
        }
        Ty t = new Ty(PromotionTable.floating(x.dtype()), Shapes.reduced(x.ty().shape(), axis.axes(), keep));
        Val v = Val.of("logsumexp(" + x.text() + axis.text() + keepText + ")", t, false, false, LOGSUMEXP, x);
        return Optional.of(axis.list() ? v.with(AXIS_LIST) : v);
    }

    /** The eps argument: left out, a literal, or a rank-0 value (which takes part in promotion). */
    private record Eps(String text, PromotionTable.Kind kind, Optional<Val> value) {
    }

    private static Eps eps(BodyGen g) {
        int form = g.weighted(4, 3, 1, 2);
        if (form == 3) {
            Optional<Val> v = g.take(x -> !x.weak() && x.rank() == 0 && x.dtype() != DType.BOOL);
            if (v.isPresent()) {
                return new Eps(", eps = " + v.get().text(), v.get().kind(), v);
            }
        }
        PromotionTable.Kind literal = new PromotionTable.Kind(DType.F32, true);
        if (form == 0) {
            return new Eps("", literal, Optional.empty());
        }
        return new Eps(form == 1 ? ", eps = 1e-5" : ", 0.001", literal, Optional.empty());
    }

    /** A weight for a norm of {@code x}: usually [last dim of x], sometimes x's shape or rank 0. */
    private static Optional<Val> weight(BodyGen g, Val x) {
        int form = g.weighted(6, 2, 2);
        List<DimExpr> shape = form == 0 ? List.of(x.ty().dim(x.rank() - 1)) : form == 1 ? x.ty().shape() : List.of();
        return Synth.withShape(g, shape, Synth.NUMERIC);
    }

    private static DType strong(DType a, DType b) {
        return PromotionTable.promote(a, b);
    }

    /** 1 / sqrt(variance + eps): a float, wider when eps is a strong f32 value. */
    private static DType rsqrtOf(DType fx, Eps eps) {
        return PromotionTable.floating(PromotionTable.promote(new PromotionTable.Kind(fx, false), eps.kind()).dtype());
    }

    private static Optional<Val> layerNorm(BodyGen g, Val x) {
        Optional<Val> w = weight(g, x);
        Optional<Val> b = weight(g, x);
        if (w.isEmpty() || b.isEmpty() || !g.allowed(LAYER_NORM)) {
            return Optional.empty();
        }
        Eps eps = eps(g);
        Optional<List<DimExpr>> shape = Shapes.broadcast(List.of(x.ty().shape(), w.get().ty().shape(),
                b.get().ty().shape()));
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        DType fx = PromotionTable.floating(x.dtype());
        DType dtype = strong(strong(strong(fx, rsqrtOf(fx, eps)), w.get().dtype()), b.get().dtype());
        Ty t = new Ty(dtype, shape.get());
        if (!g.fits(t)) {
            return Optional.empty();
        }
        List<Val> parts = new ArrayList<>(List.of(x, w.get(), b.get()));
        eps.value().ifPresent(parts::add);
        String text = "layer_norm(" + x.text() + ", " + w.get().text() + ", " + b.get().text() + eps.text() + ")";
        return Optional.of(Val.of(text, t, false, false, LAYER_NORM, parts.toArray(new Val[0])));
    }

    private static Optional<Val> rmsNorm(BodyGen g, Val x) {
        Optional<Val> w = weight(g, x);
        if (w.isEmpty() || !g.allowed(RMS_NORM)) {
            return Optional.empty();
        }
        Eps eps = eps(g);
        Optional<List<DimExpr>> shape = Shapes.broadcast(x.ty().shape(), w.get().ty().shape());
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        DType fx = PromotionTable.floating(x.dtype());
        DType dtype = strong(strong(x.dtype(), rsqrtOf(fx, eps)), w.get().dtype());
        Ty t = new Ty(dtype, shape.get());
        if (!g.fits(t)) {
            return Optional.empty();
        }
        List<Val> parts = new ArrayList<>(List.of(x, w.get()));
        eps.value().ifPresent(parts::add);
        String text = "rms_norm(" + x.text() + ", " + w.get().text() + eps.text() + ")";
        return Optional.of(Val.of(text, t, false, false, RMS_NORM, parts.toArray(new Val[0])));
    }

    static String join(List<Val> args) {
        StringJoiner j = new StringJoiner(", ");
        args.forEach(a -> j.add(a.text()));
        return j.toString();
    }
}
