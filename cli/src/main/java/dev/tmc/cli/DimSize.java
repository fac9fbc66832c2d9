// A --dim N=SIZE option: the size of a symbolic dim that no .npy input binds.
package dev.tmc.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

record DimSize(String name, long size) {

    static final class Converter implements ITypeConverter<DimSize> {
        @Override
        public DimSize convert(String text) {
            NameValue nv = NameValue.parse(text, "NAME=SIZE");
            long size;
            try {
                size = Long.parseLong(nv.value());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + nv.value() + "' in '" + text
                        + "' is not a size; expected a whole number >= 0");
            }
            if (size < 0) {
                throw new TypeConversionException("dim " + nv.name() + " = " + size + " is negative");
            }
            return new DimSize(nv.name(), size);
        }
    }
}
