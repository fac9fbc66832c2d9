// The javadoc of a generated pipeline class, from the .tm signature: types, dims, defaults, outputs,
// and where the pipeline is declared.
package dev.tmc.codegen.java;

import com.palantir.javapoet.CodeBlock;
import dev.tmc.compiler.ir.graph.Graph;
import dev.tmc.compiler.ir.graph.GraphParam;

import java.util.ArrayList;
import java.util.List;

final class ApiDocs {
    private ApiDocs() {
    }

    static CodeBlock classDoc(String fileName, Graph g) {
        String where = g.span().isNone() ? "" : ", line " + g.span().line();
        return CodeBlock.builder()
                .add("The pipeline {@code $L} of {@code $L}$L, compiled ahead of time by tmc:\n", g.name(),
                        JavaText.commentText(fileName), where)
                .add("<pre>{@code\n$L\n}</pre>\n", JavaText.commentText(TmSignature.signature(g)))
                .add("\n<p>{@link #load} prepares it on a device once; {@link #call} then runs it, after checking\n")
                .add("the tensors' dtypes and shapes against the declaration (and each other) before any kernel runs.\n")
                .build();
    }

    static CodeBlock callDoc(Graph g, ApiNames names, boolean async, int omitted) {
        CodeBlock.Builder doc = CodeBlock.builder();
        int kept = g.params().size() - omitted;
        if (async) {
            doc.add("Checks the inputs now, as {@code call} does, then runs {@code $L} without blocking; the inputs\n"
                    + "may be closed as soon as this returns.\n", g.name());
        } else {
            doc.add("Runs {@code $L} and returns when its outputs are ready.\n", g.name());
        }
        if (omitted > 0) {
            List<String> defaults = new ArrayList<>();
            for (int i = kept; i < g.params().size(); i++) {
                GraphParam p = g.params().get(i);
                defaults.add("{@code " + p.name() + " = " + TmSignature.defaultValue(p).orElseThrow() + "}");
            }
            doc.add("Leaves $L at $L.\n", String.join(", ", defaults), omitted == 1 ? "its default" : "their defaults");
        }
        doc.add("\n");
        for (int i = 0; i < kept; i++) {
            GraphParam p = g.params().get(i);
            String type = TmSignature.type(p.type(), p.scalar());
            String dflt = TmSignature.defaultValue(p).map(d -> ", default {@code " + d + "}").orElse("");
            doc.add("@param $L {@code $L}$L\n", names.param(i), JavaText.commentText(type), dflt);
        }
        String outputs = outputs(g);
        doc.add("@return $L$L\n", async ? "a future of " : "", outputs);
        doc.add("@throws IllegalArgumentException when a tensor's dtype, rank or dims do not match its declaration\n"
                + "    or the dims other tensors bound, or the dims violate a requirement of the pipeline\n");
        return doc.build();
    }

    private static String outputs(Graph g) {
        if (g.outputs().size() == 1) {
            return "{@code " + TmSignature.type(g.type(g.outputs().get(0).value()), false)
                    + "}, a new tensor that the caller owns (and closes)";
        }
        List<String> all = new ArrayList<>();
        g.outputs().forEach(o -> all.add("{@code " + TmSignature.output(g, o) + "}"));
        return "the outputs " + String.join(", ", all) + ", new tensors that the caller owns (and closes)";
    }

    static CodeBlock resultDoc(Graph g, ApiNames names) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The outputs of {@code $L}, in declaration order.\n\n", g.name());
        for (int k = 0; k < g.outputs().size(); k++) {
            doc.add("@param $L {@code $L}\n", names.output(k),
                    JavaText.commentText(TmSignature.type(g.type(g.outputs().get(k).value()), false)));
        }
        return doc.build();
    }
}
