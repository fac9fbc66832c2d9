// Where `tmc run` executes a pipeline; each device names the backend that serves it.
package dev.tmc.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

enum Device {
    REFERENCE, CPU;

    String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backend for this device; a device whose backend does not exist yet is a usage error, not a fallback. */
    Backend backend() {
        switch (this) {
            case REFERENCE:
                return new ReferenceBackend();
            case CPU:
                throw CliError.usage("the CPU backend is not available yet; use --device reference");
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
