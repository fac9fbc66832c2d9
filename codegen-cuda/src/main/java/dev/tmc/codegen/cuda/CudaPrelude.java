// The helper functions every generated .cu file starts with (tmc_prelude.cuh, a resource): the
// language's semantics where CUDA C's operators and functions mean something else.
package dev.tmc.codegen.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

public final class CudaPrelude {
    private static final String RESOURCE = "tmc_prelude.cuh";
    private static final String TEXT = load();

    private CudaPrelude() {
    }

    public static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = CudaPrelude.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
