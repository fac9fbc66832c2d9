// Reads --target values: the names of the kernel targets tmc generates for (cpu, metal, cuda).
package dev.tmc.cli;

import dev.tmc.codegen.java.JavaOutputs;
import dev.tmc.compiler.ir.kernel.Target;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.stream.Collectors;

final class TargetConverter implements ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
        return JavaOutputs.TARGETS.stream().filter(t -> t.name().equals(value)).findFirst()
                .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a target; expected "
                        + JavaOutputs.TARGETS.stream().map(Target::name).collect(Collectors.joining(" or "))
                        + " (several separated by commas)"));
    }
}
