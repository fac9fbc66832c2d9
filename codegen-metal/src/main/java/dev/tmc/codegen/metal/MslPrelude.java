// The helper functions every generated .metal file starts with (tmc_prelude.metal, a resource):
// the language's semantics where MSL's operators and functions mean something else.
package dev.tmc.codegen.metal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

public final class MslPrelude {
    private static final String RESOURCE = "tmc_prelude.metal";
    private static final String TEXT = load();

    private MslPrelude() {
    }

    public static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = MslPrelude.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
