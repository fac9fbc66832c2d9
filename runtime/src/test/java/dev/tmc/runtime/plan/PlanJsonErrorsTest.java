// Bad manifests, each with the message it gets: malformed JSON with line and column, and
// well-formed JSON that is not a manifest of this format with the path to the offending value.
package dev.tmc.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tmc.runtime.testing.ScaleAddPlan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanJsonErrorsTest {
    private static final String VALID = PlanJson.write(ScaleAddPlan.file());

    private static String error(String json) {
        return assertThrows(PlanFormatException.class, () -> PlanJson.read(json, "m.json")).getMessage();
    }

    /** VALID with its first {@code from} replaced. */
    private static String edited(String from, String to) {
        int at = VALID.indexOf(from);
        if (at < 0) {
            throw new AssertionError(from + " is not in the manifest");
        }
        return VALID.substring(0, at) + to + VALID.substring(at + from.length());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                          | m.json:1:1: unexpected end of input, expected a value",
        "`{\"a\": 1,}`               | m.json:1:9: unexpected '}', expected a key in double quotes",
        "`[1, 2,]`                   | m.json:1:7: unexpected ']', expected a value",
        "`{} x`                      | m.json:1:4: unexpected 'x' after the end of the JSON value",
        "`{'a': 1}`                  | m.json:1:2: unexpected ''', expected a key in double quotes",
        "`[NaN]`                     | m.json:1:2: unexpected 'N', expected a value",
        "`[01]`                      | m.json:1:3: a number may not have a leading zero",
        "`[1.]`                      | m.json:1:4: expected a digit after the decimal point",
        "`[-]`                       | m.json:1:3: expected a digit after '-'",
        "`[1e+]`                     | m.json:1:5: expected a digit in the exponent",
        "`[\"abc`                    | m.json:1:6: unterminated string",
        "`[\"a\\qb\"]`               | m.json:1:5: unknown escape \\q",
        "`[\"\\u12G4\"]`             | m.json:1:7: bad \\u escape: 'G' is not a hex digit",
        "`{\"a\": 1, \"a\": 2}`      | m.json:1:10: duplicate key \"a\"",
        "`[tru]`                     | m.json:1:2: unexpected 't', expected a value",
        "`{\"a\" 1}`                 | m.json:1:6: unexpected '1', expected ':' after the key \"a\"",
        "`[1 2]`                     | m.json:1:4: unexpected '2', expected ',' or ']' in an array",
    })
    void malformedJson(String json, String message) {
        assertEquals(message, error(json));
    }

    @Test
    void positionsCountLinesAndColumns() {
        assertEquals("m.json:3:5: unexpected '}', expected a value", error("{\n  \"a\":\n    }"));
        assertEquals("m.json:1:3: control character U+0009 in a string (write it as an escape)", error("[\"\t\"]"));
        assertEquals("m.json:1:1: nesting deeper than 256 levels", error("[".repeat(300)).replaceFirst(":1:\\d+:", ":1:1:"));
    }

    @Test
    void anotherFormatIsRefusedFirst() {
        assertEquals("m.json:2:13: manifest format 2 is not the format 1 this runtime reads; rebuild the pipelines"
                + " with a tmc of the same version as the runtime", error(edited("\"format\": 1", "\"format\": 2")));
        assertEquals("m.json:1:1: manifest: missing key \"format\"", error("{}"));
        assertEquals("m.json:1:1: manifest: expected an object, found an array", error("[]"));
    }

    @Test
    void wrongShapesNameThePath() {
        assertEquals("m.json:11:32: manifest.pipelines[0].params[0].dtype: unknown dtype \"f64\" (expected one of f32,"
                + " f16, bf16, i32, bool)", error(edited("\"dtype\": \"f32\"", "\"dtype\": \"f64\"")));
        assertEquals("m.json:11:9: manifest.pipelines[0].params[0]: missing key \"scalar\"",
                error(edited("\"scalar\": false, ", "")));
        assertEquals("m.json:11:104: manifest.pipelines[0].params[0]: unknown key \"colour\" (known here: name, dtype,"
                + " shape, scalar, default)", error(edited("\"default\": null}", "\"default\": null, \"colour\": 1}")));
        assertEquals("m.json:11:70: manifest.pipelines[0].params[0].scalar: expected true or false, found the string \"no\"",
                error(edited("\"scalar\": false", "\"scalar\": \"no\"")));
        assertEquals("m.json:22:20: manifest.pipelines[0].hostValues[0].value: expected an integer, found the number 10.0",
                error(edited("\"value\": 10", "\"value\": 10.0")));
        assertEquals("m.json:22:20: manifest.pipelines[0].hostValues[0].value: 4294967296 does not fit in 32 bits",
                error(edited("\"value\": 10", "\"value\": 4294967296")));
        assertEquals("m.json:11:49: manifest.pipelines[0].params[0].shape[0]: expected a size (a number, a dim name or a"
                + " list of terms), found true", error(edited("\"shape\": [\"N\"", "\"shape\": [true")));
        assertEquals("m.json:31:19: manifest.pipelines[0].arena.bytes[0]: expected a term [coefficient, factor...],"
                + " found an array", error(edited("\"bytes\": [[4, \"N\", \"D\"]]", "\"bytes\": [[]]")));
        assertEquals("m.json:11:88: manifest.pipelines[0].params[0].default: expected a number (or \"nan\", \"inf\","
                + " \"-inf\"), found the string \"NaN\"",
                error(edited("\"default\": null", "\"default\": \"NaN\"")));
    }

    @Test
    void taggedObjectsNeedExactlyOneTag() {
        assertEquals("m.json:44:76: manifest.pipelines[0].kernels.cpu[0].buffers[0].source: expected one of the keys"
                + " param, output, arena, found input", error(edited("{\"param\": 0}", "{\"input\": 0}")));
        assertEquals("m.json:44:76: manifest.pipelines[0].kernels.cpu[0].buffers[0].source: has both \"param\" and"
                + " \"output\"; expected one of param, output, arena", error(edited("{\"param\": 0}", "{\"param\": 0, \"output\": 1}")));
    }

    @Test
    void missingResource() {
        PlanFormatException e = assertThrows(PlanFormatException.class,
                () -> PlanJson.readResource(PlanJsonErrorsTest.class, "nope.tmc.json"));
        assertEquals("dev/tmc/runtime/plan/nope.tmc.json: no such resource next to dev.tmc.runtime.plan.PlanJsonErrorsTest"
                + " (is the manifest packaged with the generated classes?)", e.getMessage());
    }
}
