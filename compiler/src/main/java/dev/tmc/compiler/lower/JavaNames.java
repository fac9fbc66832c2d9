// Java's reserved words: a pipeline becomes a Java class, so its name must not be one.
package dev.tmc.compiler.lower;

import java.util.Set;

final class JavaNames {
    private JavaNames() {
    }

    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits", "_");

    static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }
}
