// Reads --precision as the profile's spelling in .tm source (strict, balanced, fast).
package dev.tmc.cli;

import dev.tmc.compiler.ir.graph.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.stream.Collectors;

final class PrecisionConverter implements ITypeConverter<Precision> {
    @Override
    public Precision convert(String value) {
        return Precision.fromSpelling(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not a precision profile; expected one of " + Arrays.stream(Precision.values())
                        .map(Precision::spelling).collect(Collectors.joining(", "))));
    }
}
