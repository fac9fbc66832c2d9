// The NAME=VALUE syntax shared by --input, --arg and --dim; a malformed one is a usage error.
package dev.tmc.cli;

import picocli.CommandLine.TypeConversionException;

import java.util.regex.Pattern;

record NameValue(String name, String value) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Splits at the first '='; {@code form} (e.g. "NAME=SIZE") is shown when the text does not fit. */
    static NameValue parse(String text, String form) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new TypeConversionException("'" + text + "' is not of the form " + form);
        }
        String name = text.substring(0, eq);
        if (!NAME.matcher(name).matches()) {
            throw new TypeConversionException("'" + name + "' in '" + text + "' is not a name; expected " + form);
        }
        String value = text.substring(eq + 1);
        if (value.isEmpty()) {
            throw new TypeConversionException("'" + text + "' has no value after '='; expected " + form);
        }
        return new NameValue(name, value);
    }
}
