package dev.tmc.compiler.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Tests that need a native tool (nvcc): skipped on a machine without it, failed where CI runs. */
public final class NativeTools {
    private NativeTools() {
    }

    /**
     * Returns when the tool is there; otherwise fails where CI=true (CI must run the check) and
     * skips the test elsewhere, saying {@code missing}.
     */
    public static void require(boolean available, String missing) {
        if (available) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but " + missing + ": CI must run this check");
        }
        Assumptions.abort(missing + "; set CI=true to make this a failure");
    }
}
