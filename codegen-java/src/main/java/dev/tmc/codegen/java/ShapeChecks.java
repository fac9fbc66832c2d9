// The generated check of a call's tensors, run before anything reaches the device: each tensor's
// dtype and rank, its literal dims, and every symbolic dim against the input that bound it first.
// Messages name the pipeline, the method, the parameter and the mismatch.
package dev.tmc.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;
import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.compiler.shape.Shape;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class ShapeChecks {
    static final ClassName TENSOR = ClassName.get("dev.tmc.runtime", "Tensor");
    static final ClassName DTYPE = ClassName.get("dev.tmc.runtime", "DType");
    private static final TypeName SHAPE = TypeName.get(long[].class);

    private ShapeChecks() {
    }

    /** Whether the pipeline has tensors to check (scalars are checked by their Java types). */
    static boolean needed(Graph g) {
        return g.params().stream().anyMatch(p -> !p.scalar());
    }

    /** {@code check(method, tensors...)}: throws IllegalArgumentException on the first mismatch. */
    static MethodSpec check(Graph g, ApiNames names) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("check")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(String.class, "method");
        Map<String, Integer> uses = dimUses(g);
        Map<String, String> dimLocal = new HashMap<>();
        Map<String, String> boundBy = new LinkedHashMap<>();
        for (int i = 0; i < g.params().size(); i++) {
            GraphParam p = g.params().get(i);
            if (p.scalar()) {
                continue;
            }
            String name = names.param(i);
            m.addParameter(TENSOR, name);
            String shape = names.local(name + "Shape");
            String declared = TmSignature.type(p.type(), false);
            m.addStatement("$T $N = shapeOf(method, $S, $N, $T.$L, $L, $S)", SHAPE, shape, p.name(), name, DTYPE,
                    p.type().dtype().name(), p.type().rank(), declared);
            Shape s = p.type().shape();
            List<String> literal = new ArrayList<>();
            for (int k = 0; k < s.rank(); k++) {
                if (s.dim(k).isConstant()) {
                    literal.add(shape + "[" + k + "] != " + s.dim(k).constant());
                }
            }
            if (!literal.isEmpty()) {
                m.beginControlFlow("if ($L)", String.join(" || ", literal));
                m.addStatement("throw mismatch(method, $S, $N, $S)", p.name(), shape, "is declared " + declared);
                m.endControlFlow();
            }
            for (int k = 0; k < s.rank(); k++) {
                DimExpr d = s.dim(k);
                if (d.isConstant()) {
                    continue;
                }
                String dim = d.symbolName();
                String local = dimLocal.get(dim);
                if (local == null) {
                    boundBy.put(dim, p.name());
                    if (uses.get(dim) > 1) {
                        local = names.local(dim);
                        dimLocal.put(dim, local);
                        m.addStatement("long $N = $N[$L]", local, shape, k);
                    }
                    continue;
                }
                m.beginControlFlow("if ($N[$L] != $N)", shape, k, local);
                m.addStatement("throw mismatch(method, $S, $N, $L)", p.name(), shape,
                        CodeBlock.of("$S + $N + $S", "dim " + dim + " is ", local, " (from '" + boundBy.get(dim) + "')"));
                m.endControlFlow();
            }
        }
        return m.build();
    }

    /** Whether check() can find a shape mismatch: a literal dim, or a dim that two axes name. */
    static boolean canMismatch(Graph g) {
        boolean literal = g.params().stream().filter(p -> !p.scalar())
                .anyMatch(p -> p.type().shape().dims().stream().anyMatch(DimExpr::isConstant));
        return literal || dimUses(g).values().stream().anyMatch(n -> n > 1);
    }

    /** How many tensor axes name each dim: a dim named once binds nothing worth a local. */
    private static Map<String, Integer> dimUses(Graph g) {
        Map<String, Integer> uses = new HashMap<>();
        for (GraphParam p : g.params()) {
            if (!p.scalar()) {
                for (int k = 0; k < p.type().rank(); k++) {
                    DimExpr d = p.type().shape().dim(k);
                    if (!d.isConstant()) {
                        uses.merge(d.symbolName(), 1, Integer::sum);
                    }
                }
            }
        }
        return uses;
    }

    /** shapeOf(...): the tensor's shape once it is known to be there, of the dtype and the rank. */
    static MethodSpec shapeOf(String pipeline) {
        String prefix = pipeline + ".";
        return MethodSpec.methodBuilder("shapeOf")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(SHAPE)
                .addParameter(String.class, "method")
                .addParameter(String.class, "param")
                .addParameter(TENSOR, "tensor")
                .addParameter(DTYPE, "dtype")
                .addParameter(int.class, "rank")
                .addParameter(String.class, "declared")
                .beginControlFlow("if (tensor == null)")
                .addStatement("throw new $T($S + method + $S + param + $S)", IllegalArgumentException.class, prefix,
                        ": parameter '", "' is null")
                .endControlFlow()
                .beginControlFlow("if (tensor.dtype() != dtype)")
                .addStatement("throw new $T($S + method + $S + param + $S + tensor.dtype() + $S + declared)",
                        IllegalArgumentException.class, prefix, ": parameter '", "' has dtype ", " but is declared ")
                .endControlFlow()
                .addStatement("$T shape = tensor.shape()", SHAPE)
                .beginControlFlow("if (shape.length != rank)")
                .addStatement("throw new $T($S + method + $S + param + $S + shape.length + $S + $T.toString(shape)"
                                + " + $S + declared)", IllegalArgumentException.class, prefix, ": parameter '",
                        "' has rank ", " (shape ", Arrays.class, ") but is declared ")
                .endControlFlow()
                .addStatement("return shape")
                .build();
    }

    /** mismatch(...): the exception for a tensor whose shape is not what {@code expected} says. */
    static MethodSpec mismatch(String pipeline) {
        return MethodSpec.methodBuilder("mismatch")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(IllegalArgumentException.class)
                .addParameter(String.class, "method")
                .addParameter(String.class, "param")
                .addParameter(SHAPE, "shape")
                .addParameter(String.class, "expected")
                .addStatement("return new $T($S + method + $S + param + $S + $T.toString(shape) + $S + expected)",
                        IllegalArgumentException.class, pipeline + ".", ": parameter '", "' has shape ", Arrays.class,
                        " but ")
                .build();
    }
}
