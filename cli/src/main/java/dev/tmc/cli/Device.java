// Where `tmc run` executes a pipeline; each device names the backend that serves it.
package dev.tmc.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

enum Device {
    CPU, REFERENCE;

    String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    Backend backend() {
        switch (this) {
            case REFERENCE:
                return new ReferenceBackend();
            case CPU:
                return new CpuBackend();
            default:
                throw new AssertionError(this);
        }
    }

    static final class Converter implements ITypeConverter<Device> {
        @Override
        public Device convert(String value) {
            for (Device d : values()) {
                if (d.spelling().equals(value)) {
                    return d;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a device; expected one of "
                    + Arrays.stream(values()).map(Device::spelling).collect(Collectors.joining(", ")));
        }
    }
}
