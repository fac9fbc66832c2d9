// JsonWriter's layout and escaping: the bytes `tmc explain --format json` promises to keep stable.
package dev.tmc.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonWriterTest {
    @Test
    void nestedContainersAreIndentedAndKeepKeyOrder() {
        JsonWriter w = new JsonWriter();
        w.beginObject().name("b").value(1L).name("a").beginArray().value("x").value(true).value((String) null)
                .endArray().name("empty").beginObject().endObject().name("shape").beginInlineArray().value(4L)
                .value("D").endArray().endObject();
        assertEquals("""
                {
                  "b": 1,
                  "a": [
                    "x",
                    true,
                    null
                  ],
                  "empty": {},
                  "shape": [4, "D"]
                }
                """, w.toString());
    }

    @Test
    void stringsAreEscaped() {
        JsonWriter w = new JsonWriter();
        w.value("q\" b\\ n\n t\t c\u0001 ls\u2028 é");
        assertEquals("\"q\\\" b\\\\ n\\n t\\t c\\u0001 ls\\u2028 é\"\n", w.toString());
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        JsonWriter w = new JsonWriter();
        w.beginInlineArray().value(1e-6).value(Double.NaN).value(Double.POSITIVE_INFINITY).endArray();
        assertEquals("[1.0E-6, null, null]\n", w.toString());
    }

    @Test
    void unclosedContainersAreABug() {
        JsonWriter w = new JsonWriter().beginObject();
        assertThrows(IllegalStateException.class, w::toString);
    }
}
