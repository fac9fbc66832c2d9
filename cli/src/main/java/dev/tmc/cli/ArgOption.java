// An --arg NAME=VALUE option: the value of a scalar parameter, read once its dtype is known.
package dev.tmc.cli;

import picocli.CommandLine.ITypeConverter;

record ArgOption(String name, String text) {

    static final class Converter implements ITypeConverter<ArgOption> {
        @Override
        public ArgOption convert(String text) {
            NameValue nv = NameValue.parse(text, "NAME=VALUE");
            return new ArgOption(nv.name(), nv.value());
        }
    }
}
