// The few Python literal forms an .npy header dict is written in, as parsed values.
package dev.tmc.runtime.io;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A parsed Python literal; {@link #repr()} spells it back the way Python would, for messages. */
sealed interface PythonLiteral {
    String repr();

    record Str(String value) implements PythonLiteral {
        @Override
        public String repr() {
            return "'" + value + "'";
        }
    }

    /** True, False or None. */
    record Constant(String name) implements PythonLiteral {
        @Override
        public String repr() {
            return name;
        }
    }

    record Int(BigInteger value) implements PythonLiteral {
        @Override
        public String repr() {
            return value.toString();
        }
    }

    /** A tuple {@code (a, b)} or a list {@code [a, b]}. */
    record Sequence(boolean isTuple, List<PythonLiteral> items) implements PythonLiteral {
        @Override
        public String repr() {
            String inner = items.stream().map(PythonLiteral::repr).collect(Collectors.joining(", "));
            if (!isTuple) {
                return "[" + inner + "]";
            }
            return "(" + inner + (items.size() == 1 ? ",)" : ")");
        }
    }

    /** A dict with string keys, in source order. */
    record Dict(Map<String, PythonLiteral> entries) implements PythonLiteral {
        @Override
        public String repr() {
            return entries.entrySet().stream()
                    .map(e -> "'" + e.getKey() + "': " + e.getValue().repr())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
