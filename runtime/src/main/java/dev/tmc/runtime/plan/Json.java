// JSON values as the manifest parser reads them (each remembering where it starts, for error
// messages) and as the manifest writer builds them (with no position).
package dev.tmc.runtime.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

sealed interface Json {
    /** Where the value starts in the text it was parsed from; null for a value built in memory. */
    Position at();

    /** Line and column, both from 1; columns count UTF-16 code units. */
    record Position(int line, int column) {
    }

    /** Members in their order in the text (or of insertion); keys are unique. */
    record Obj(Map<String, Json> members, Position at) implements Json {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    record Arr(List<Json> elements, Position at) implements Json {
        public Arr {
            elements = List.copyOf(elements);
        }
    }

    record Str(String value, Position at) implements Json {
    }

    /** A number kept as its literal text, so that integers convert exactly and doubles round once. */
    record Num(String text, Position at) implements Json {
    }

    record Bool(boolean value, Position at) implements Json {
    }

    record Null(Position at) implements Json {
    }

    /** What a value is, in words, for error messages. */
    static String describe(Json value) {
        if (value instanceof Obj) {
            return "an object";
        }
        if (value instanceof Arr) {
            return "an array";
        }
        if (value instanceof Str s) {
            return "the string \"" + s.value() + "\"";
        }
        if (value instanceof Num n) {
            return "the number " + n.text();
        }
        if (value instanceof Bool b) {
            return b.value() ? "true" : "false";
        }
        return "null";
    }
}
