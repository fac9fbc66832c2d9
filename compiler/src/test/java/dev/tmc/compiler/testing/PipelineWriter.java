// Writes one pipeline: dims with their run-time sizes, parameters (tensors of rank 0-3, scalars
// with defaults), a body of random steps, and one or several named outputs.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.shape.DimExpr;
import dev.tmc.runtime.DType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import static dev.tmc.compiler.testing.Construct.*;

final class PipelineWriter {
    private PipelineWriter() {
    }

    private static final List<String> SYMBOLS = List.of("N", "D", "K", "M", "B", "H");

    record Written(String text, GeneratedPipeline pipeline, Set<Construct> uses) {
    }

    static Written write(FileState file, String name) {
        RandomPrograms.Options options = file.options;
        Map<String, Long> sizes = new LinkedHashMap<>();
        List<String> symbols = new ArrayList<>(SYMBOLS);
        int count = 1 + file.rnd.nextInt(3);
        for (int i = 0; i < count; i++) {
            String s = symbols.remove(file.rnd.nextInt(symbols.size()));
            sizes.put(s, file.rnd.nextDouble() < 0.15 ? 1L : 2 + file.rnd.nextInt(Math.max(1, options.maxDim() - 1)));
        }
        PipelineState pipe = new PipelineState(name, sizes);
        BodyGen g = new BodyGen(file, pipe, true, true, 0);
        int tensors = g.between(1, Math.min(2, options.maxParams()));
        for (int i = 0; i < tensors; i++) {
            g.pool.add(pipe.addParam(tensorType(g, new ArrayList<>(sizes.keySet())), false, Optional.empty()));
        }
        if (pipe.params.size() < options.maxParams() && g.chance(0.3) && g.allowed(SCALAR_PARAM)) {
            g.pool.add(scalarParam(g, pipe));
        }
        List<String> paramNames = pipe.params.stream().map(PipelineState.Param::name).toList();
        Val last = g.run(g.between(options.minSteps(), options.maxSteps()), 0.5);
        List<Val> outputs = new ArrayList<>(List.of(last));
        int wanted = g.allowed(MULTIPLE_OUTPUTS) ? g.weighted(40, 35, 25) + 1 : 1;
        List<Val> others = new ArrayList<>(g.pool.stream().filter(v -> v != last && !paramNames.contains(v.text()))
                .toList());
        List<Val> unused = new ArrayList<>(others.stream().filter(v -> !g.usedNames.contains(v.text())).toList());
        while (outputs.size() < wanted && !others.isEmpty()) {
            Val v = unused.isEmpty() ? others.get(g.below(others.size())) : unused.remove(g.below(unused.size()));
            others.remove(v);
            outputs.add(v);
        }
        EnumSet<Construct> uses = EnumSet.noneOf(Construct.class);
        uses.addAll(pipe.uses);
        uses.addAll(g.letUses);
        StringBuilder text = new StringBuilder("pipeline ").append(name).append('(');
        StringJoiner params = new StringJoiner(", ");
        pipe.params.forEach(p -> params.add(p.declaration()));
        text.append(params).append(") -> ");
        List<String> returned = new ArrayList<>();
        List<String> types = new ArrayList<>();
        StringJoiner declared = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < outputs.size(); i++) {
            Val v = outputs.get(i);
            uses.addAll(v.uses());
            DType stored = storedAs(g, v);
            if (stored != v.dtype()) {
                uses.add(OUTPUT_CONVERSION);
            }
            String type = stored.spelling() + Shapes.print(v.ty().shape());
            types.add(type);
            declared.add("o" + i + ": " + type);
            returned.add(v.text());
        }
        boolean single = outputs.size() == 1 && g.chance(0.85);
        text.append(single ? types.get(0) : declared.toString())
                .append(" {\n");
        if (g.chance(0.2) && g.allowed(PRECISION_PIPELINE)) {
            text.append("  precision ").append(RandomPrograms.randomPrecision(file.rnd).spelling()).append(";\n");
            uses.add(PRECISION_PIPELINE);
        }
        g.lets.forEach(l -> text.append("  ").append(l).append('\n'));
        text.append("  return ").append(single ? returned.get(0) : "(" + String.join(", ", returned) + ")")
                .append(";\n}\n");
        if (outputs.size() > 1) {
            uses.add(MULTIPLE_OUTPUTS);
        }
        GeneratedPipeline generated = new GeneratedPipeline(name, boundSizes(pipe), specs(pipe),
                g.chance(options.specialInputRate()), single ? List.of("out") : outputNames(outputs.size()),
                outputs.stream().map(Val::dtype).toList());
        return new Written(text.toString(), generated, uses);
    }

    private static List<String> outputNames(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("o" + i);
        }
        return names;
    }

    private static Ty tensorType(BodyGen g, List<String> symbols) {
        DType dtype = Synth.randomDType(g, d -> true);
        int rank = Math.min(g.file.options.maxRank(), g.weighted(1, 3, 4, 2));
        List<DimExpr> shape = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            int form = g.weighted(75, 12, 13);
            shape.add(form == 0 ? DimExpr.sym(g.oneOf(symbols)) : DimExpr.of(form == 1 ? 1 : g.between(2, 3)));
        }
        return new Ty(dtype, shape);
    }

    private static Val scalarParam(BodyGen g, PipelineState pipe) {
        DType dtype = g.oneOf(DType.F32, DType.F32, DType.F32, DType.I32, DType.I32, DType.BOOL, DType.F16);
        Optional<String> dflt = Optional.empty();
        if (g.chance(0.6) && g.allowed(SCALAR_DEFAULT)) {
            switch (dtype) {
                case I32: dflt = Optional.of(g.oneOf("3", "-1", "0")); break;
                case BOOL: dflt = Optional.of(g.oneOf("true", "false")); break;
                default: dflt = Optional.of(g.oneOf("1e-5", "0.5", "-1.5", "2", "1"));
            }
        }
        return pipe.addParam(Ty.scalar(dtype), true, dflt);
    }

    /**
     * An output's declared dtype: the value's, or one it may be stored in (a float in any float,
     * an integer or bool in a float, a bool in an integer); a weak float must be stored as a float.
     */
    private static DType storedAs(BodyGen g, Val v) {
        DType d = v.dtype();
        if (!g.chance(g.options.conversionRate()) || !g.allowed(OUTPUT_CONVERSION)) {
            return d;
        }
        if (d == DType.BOOL && g.chance(0.3)) {
            return DType.I32;
        }
        List<DType> floats = new ArrayList<>(List.of(DType.F32, DType.F16, DType.BF16));
        floats.remove(d);
        return g.oneOf(floats);
    }

    private static Map<String, Long> boundSizes(PipelineState pipe) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String s : pipe.boundSymbols()) {
            out.put(s, pipe.sizes.get(s));
        }
        return out;
    }

    private static List<GeneratedPipeline.ParamSpec> specs(PipelineState pipe) {
        List<GeneratedPipeline.ParamSpec> out = new ArrayList<>();
        for (PipelineState.Param p : pipe.params) {
            List<Long> shape = new ArrayList<>();
            p.ty().shape().forEach(d -> shape.add(pipe.size(d)));
            out.add(new GeneratedPipeline.ParamSpec(p.name(), p.ty().dtype(), shape, p.scalar(),
                    p.defaultText().isPresent()));
        }
        return out;
    }
}
